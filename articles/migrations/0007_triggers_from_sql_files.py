from django.db import migrations

from articles.sql import sql

# Back to 0006: the update trigger reads its old function again; the other
# definitions stay (the computed updated_at is right whatever the code does).
REVERSE_SQL = """
DROP TRIGGER IF EXISTS articles_updates_changed ON articles_update;
CREATE TRIGGER articles_updates_changed AFTER UPDATE ON articles_update
REFERENCING NEW TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION articles_touch_changed_articles();
DROP FUNCTION IF EXISTS articles_touch_articles_of_updates();
"""


class Migration(migrations.Migration):
    """The triggers, from now on defined by the files in articles/sql/.

    New in them: the article's updated_at is kept by the same trigger as its
    search columns (the latest update's date), no longer set from Python; an
    update moved to another article recomputes both articles. Every article is
    recomputed once.
    """

    dependencies = [
        ("articles", "0006_taggedarticle_names"),
        ("taxonomy", "0003_alias_trigger_from_file"),
    ]

    operations = [
        migrations.RunSQL(sql("article_search.sql", version="f0652edb23e0"), REVERSE_SQL),
        migrations.RunSQL(sql("search_words.sql", version="384df49a983a"), migrations.RunSQL.noop),
        migrations.RunSQL("UPDATE articles_article SET search_vector = NULL", migrations.RunSQL.noop),
    ]
