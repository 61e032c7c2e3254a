from django.db import migrations

from articles.sql import sql

REVERSE_SQL = """
DROP TRIGGER IF EXISTS articles_listing_images_updated ON media_image;
DROP TRIGGER IF EXISTS articles_listing_documents_updated ON media_document;
DROP TRIGGER IF EXISTS articles_listing_article_documents ON articles_articledocument;
DROP TRIGGER IF EXISTS articles_listing_article_documents_inserted ON articles_articledocument;
DROP TRIGGER IF EXISTS articles_listing_article_documents_updated ON articles_articledocument;
DROP TRIGGER IF EXISTS articles_listing_article_documents_deleted ON articles_articledocument;
DROP FUNCTION IF EXISTS articles_listing_bump_linked();
"""


class Migration(migrations.Migration):
    """The listing generation moved by the media library (articles/sql/listing_media.sql):
    an image's alt text, caption or focal point, a document's title, the documents an
    article lists; so the API's ETags (and every process's listing index) follow them."""

    dependencies = [("articles", "0018_merge_importedpost"), ("media", "0001_initial")]

    operations = [
        migrations.RunSQL(sql("listing_media.sql", version="8d2fd2991619"), REVERSE_SQL),
    ]
