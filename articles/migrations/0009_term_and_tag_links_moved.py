from django.db import migrations

from articles.sql import sql

REVERSE_SQL = """
DROP TRIGGER IF EXISTS articles_terms_moved ON articles_article_terms;
DROP TRIGGER IF EXISTS articles_tags_moved ON articles_taggedarticle;
DROP FUNCTION IF EXISTS articles_touch_articles_of_moved_tags();
"""

# Only the articles whose stored arrays disagree with their links (after a merge
# that ran before this migration) are recomputed.
RECOMPUTE_STALE = """
UPDATE articles_article a SET search_vector = NULL
 WHERE a.tag_ids IS DISTINCT FROM coalesce((
        SELECT array_agg(tag_id::bigint ORDER BY tag_id)
          FROM articles_taggedarticle WHERE content_object_id = a.id), '{}')
    OR NOT a.term_ids @> coalesce((
        SELECT array_agg(term_id::bigint) FROM articles_article_terms WHERE article_id = a.id),
        '{}')
"""


class Migration(migrations.Migration):
    """A term or tag merge moves links with one UPDATE, which no trigger followed:
    the articles' term_ids and tag_ids kept the merged-away ids (so did the
    listing's filters and facets). Now an UPDATE of a link recomputes its articles."""

    dependencies = [("articles", "0008_listing_generation")]

    operations = [
        migrations.RunSQL(sql("article_search.sql", version="bc39402e935a"), REVERSE_SQL),
        migrations.RunSQL(RECOMPUTE_STALE, migrations.RunSQL.noop),
    ]
