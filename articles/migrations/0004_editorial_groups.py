"""The three newsroom roles as groups, with their permissions.

The lists are frozen here (not imported from the code) so that this migration
keeps meaning what it meant when it ran. Custom permissions are created before
they are assigned: Django otherwise creates them only after all migrations.
Running it again (or on a database that has the groups) only adds what is
missing.
"""

from django.db import migrations

CRUD = ("add", "change", "delete", "view")

GROUPS = {
    "Contributor": [
        ("articles", "add_article"),
        ("articles", "change_article"),
        ("articles", "view_article"),
        ("articles", "add_articleauthor"),
        ("articles", "change_articleauthor"),
        ("articles", "delete_articleauthor"),
        ("articles", "view_articleauthor"),
        ("articles", "view_author"),
        ("articles", "view_update"),
        ("taxonomy", "view_vocabulary"),
        ("taxonomy", "view_term"),
        ("taggit", "view_tag"),
    ],
    "Editor": [
        *[("articles", f"{verb}_{model}") for verb in CRUD for model in (
            "article", "articleauthor", "author", "update", "taggedarticle"
        )],
        ("articles", "publish_article"),
        ("articles", "withdraw_article"),
        ("articles", "change_any_article"),
        ("articles", "restore_article"),
        ("taxonomy", "view_vocabulary"),
        ("taxonomy", "view_term"),
        ("taggit", "view_tag"),
        ("taggit", "add_tag"),
    ],
    "Taxonomy manager": [
        *[("taxonomy", f"{verb}_{model}") for verb in CRUD for model in ("vocabulary", "term")],
        *[("taggit", f"{verb}_tag") for verb in CRUD],
        ("articles", "view_article"),
    ],
}


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for label in ("articles", "taxonomy", "taggit"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in wanted:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_editorial_lock_and_permissions"),
        ("taxonomy", "0002_extensions_and_alias_trigger"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
