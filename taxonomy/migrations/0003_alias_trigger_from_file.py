from django.db import migrations

from taxonomy.sql import sql


class Migration(migrations.Migration):
    """The alias rule's trigger, from now on defined by taxonomy/sql/alias_unique.sql.

    The definition is the one 0002 created; running the file makes the file the
    truth from here on (taxonomy/sql/__init__.py).
    """

    dependencies = [("taxonomy", "0002_extensions_and_alias_trigger")]

    operations = [migrations.RunSQL(sql("alias_unique.sql", version="032021005032"), migrations.RunSQL.noop)]
