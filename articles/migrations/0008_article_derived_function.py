from django.db import migrations

from articles.sql import sql


class Migration(migrations.Migration):
    """The article's derived columns computed by one function, articles_article_derived().

    The row trigger calls it, and so does the bulk loader of synthetic data, which
    inserts with the triggers off: both paths give the same values. Nothing is
    recomputed (the values do not change). Backwards, the function stays: the
    trigger keeps calling it, with the same results.
    """

    dependencies = [("articles", "0007_triggers_from_sql_files")]

    operations = [
        migrations.RunSQL(sql("article_search.sql", version="71e15c1941f3"), migrations.RunSQL.noop),
    ]
