from django.db import migrations

from articles.sql import sql

REVERSE_SQL = """
DROP TRIGGER IF EXISTS articles_listing_articles_inserted ON articles_article;
DROP TRIGGER IF EXISTS articles_listing_articles_updated ON articles_article;
DROP TRIGGER IF EXISTS articles_listing_articles_deleted ON articles_article;
DROP TRIGGER IF EXISTS articles_listing_updates_inserted ON articles_update;
DROP TRIGGER IF EXISTS articles_listing_updates_updated ON articles_update;
DROP TRIGGER IF EXISTS articles_listing_updates_deleted ON articles_update;
DROP TRIGGER IF EXISTS articles_listing_articles ON articles_article;
CREATE TRIGGER articles_listing_articles AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE
ON articles_article FOR EACH STATEMENT EXECUTE FUNCTION articles_listing_bump();
DROP TRIGGER IF EXISTS articles_listing_updates ON articles_update;
CREATE TRIGGER articles_listing_updates AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE
ON articles_update FOR EACH STATEMENT EXECUTE FUNCTION articles_listing_bump();
DROP FUNCTION IF EXISTS articles_listing_bump_rows();
"""


class Migration(migrations.Migration):
    """The listing generation's change log (articles/sql/listing_generation.sql): each
    number with the one before it and the articles it wrote, so a process's listing
    index applies the changed rows instead of rebuilding whole."""

    dependencies = [("articles", "0011_merge_pending_changes")]

    operations = [
        migrations.RunSQL(sql("listing_generation.sql", version="58afc0d0117f"), REVERSE_SQL),
    ]
