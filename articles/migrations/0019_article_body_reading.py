"""The columns the article page's reading aids read (articles/reading.py), filled in for
the articles there are: in batches, with a progress bar on a terminal."""

import json

import django.contrib.postgres.fields
from django.db import migrations, models
from tqdm import tqdm

from articles import reading

BATCH = 2000


def backfill(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    connection = schema_editor.connection
    table = connection.ops.quote_name(Article._meta.db_table)
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    with tqdm(total=len(ids), desc="Reading aids", unit=" articles", disable=None) as bar:
        for start in range(0, len(ids), BATCH):
            batch = Article.objects.filter(pk__in=ids[start : start + BATCH])
            rows = [
                {"id": pk, **reading.columns(body or "")}
                for pk, body in batch.values_list("pk", "body")
            ]
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} AS a SET body_section_ids = v.body_section_ids, "
                    "body_section_titles = v.body_section_titles, body_words = v.body_words, "
                    "body_digest = v.body_digest FROM jsonb_to_recordset(%s::jsonb) AS v("
                    "id bigint, body_section_ids text[], body_section_titles text[], "
                    "body_words integer, body_digest varchar) WHERE a.id = v.id",
                    [json.dumps(rows)],
                )
            bar.update(len(rows))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0018_merge_importedpost"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="body_section_ids",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.TextField(),
                default=list,
                editable=False,
                help_text="The id of each section heading (h2) of the body, in order.",
                size=None,
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="body_section_titles",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.TextField(),
                default=list,
                editable=False,
                help_text="The text of each section heading (h2) of the body, in order.",
                size=None,
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="body_words",
            field=models.PositiveIntegerField(
                default=0, editable=False, help_text="The number of words of the body."
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="body_digest",
            field=models.CharField(
                blank=True,
                default="",
                editable=False,
                help_text="The digest of the body the three columns above were worked out from.",
                max_length=32,
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
