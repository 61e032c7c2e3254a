from django.db import migrations


class Migration(migrations.Migration):
    """Joins the staged-changes line (0009_pending_changes_and_retractions) with the
    listing-index and derived-function line (0010); no operation of its own."""

    dependencies = [
        ("articles", "0009_pending_changes_and_retractions"),
        ("articles", "0010_merge_derived_function_and_listing_generation"),
    ]

    operations = []
