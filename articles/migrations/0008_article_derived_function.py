from django.db import migrations

from articles.sql import sql


class Migration(migrations.Migration):
    """The article's derived columns computed by one function, articles_article_derived().

    The row trigger calls it, and so does the bulk loader of synthetic data, which
    inserts with the triggers off: both paths give the same values. Term names and
    updates now go into the vector in a fixed order (they were in the order of the
    plan); existing vectors are not recomputed, since only word positions can
    differ. Backwards, the function stays and the trigger keeps calling it.
    """

    dependencies = [("articles", "0007_triggers_from_sql_files")]

    operations = [
        migrations.RunSQL(sql("article_search.sql", version="f8d8938c3212"), migrations.RunSQL.noop),
    ]
