from django.db import migrations

from articles.sql import sql

REVERSE_SQL = """
DROP TRIGGER IF EXISTS articles_listing_articles ON articles_article;
DROP TRIGGER IF EXISTS articles_listing_article_terms ON articles_article_terms;
DROP TRIGGER IF EXISTS articles_listing_article_authors ON articles_articleauthor;
DROP TRIGGER IF EXISTS articles_listing_authors ON articles_author;
DROP TRIGGER IF EXISTS articles_listing_tagged ON articles_taggedarticle;
DROP TRIGGER IF EXISTS articles_listing_updates ON articles_update;
DROP TRIGGER IF EXISTS articles_listing_tags ON taggit_tag;
DROP TRIGGER IF EXISTS articles_listing_terms ON taxonomy_term;
DROP TRIGGER IF EXISTS articles_listing_vocabularies ON taxonomy_vocabulary;
DROP FUNCTION IF EXISTS articles_listing_bump();
DROP FUNCTION IF EXISTS articles_listing_changed();
DROP TABLE IF EXISTS articles_listinggeneration;
"""


class Migration(migrations.Migration):
    """The listing generation (articles/sql/listing_generation.sql): a number every
    change to what listings show moves, read by the in-process listing index."""

    dependencies = [
        ("articles", "0007_triggers_from_sql_files"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("taxonomy", "0003_alias_trigger_from_file"),
    ]

    operations = [
        migrations.RunSQL(sql("listing_generation.sql", version="4fb94e92b931"), REVERSE_SQL),
    ]
