from django.db import migrations

from taxonomy.sql import sql


class Migration(migrations.Migration):
    """The alias rule's probes answered from their indexes whatever the statistics say
    (sequential scans off inside the trigger function), and a bulk write may check the
    whole vocabulary at once instead (taxonomy/bulk.py)."""

    dependencies = [
        ("taxonomy", "0006_merge_skos"),
    ]

    operations = [
        migrations.RunSQL(
            sql("alias_unique.sql", version="38d9eaf8e278"),
            migrations.RunSQL.noop,
        ),
    ]
