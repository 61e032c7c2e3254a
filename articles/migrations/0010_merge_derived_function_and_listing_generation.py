from django.db import migrations

from articles.sql import sql


class Migration(migrations.Migration):
    """Joins two lines of work on article_search.sql (the shared derived-columns function
    of 0008_article_derived_function, the moved-links triggers of 0009): the file as it
    now stands, run once more so that every database holds exactly its definitions."""

    dependencies = [
        ("articles", "0008_article_derived_function"),
        ("articles", "0009_term_and_tag_links_moved"),
    ]

    operations = [
        migrations.RunSQL(sql("article_search.sql", version="128d0cfc22a8"), migrations.RunSQL.noop),
    ]
