"""The newsroom roles' permissions on the media library and on attached documents.

Frozen here, as in 0004_editorial_groups; running it again only adds what is missing.
Editors manage the library; contributors upload and describe pictures and documents.
"""

from django.db import migrations

CRUD = ("add", "change", "delete", "view")

GROUPS = {
    "Contributor": [
        *[("media", f"{verb}_{model}") for verb in ("add", "change", "view")
          for model in ("image", "document")],
        *[("articles", f"{verb}_articledocument") for verb in CRUD],
    ],
    "Editor": [
        *[("media", f"{verb}_{model}") for verb in CRUD for model in ("image", "document")],
        ("media", "view_rendition"),
        *[("articles", f"{verb}_articledocument") for verb in CRUD],
    ],
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for label in ("articles", "media"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in GROUPS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for app_label, codename in wanted:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_article_lead_image_alter_article_lead_image_caption_and_more"),
        ("media", "0001_initial"),
        ("articles", "0004_editorial_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
