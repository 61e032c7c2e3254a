"""The body's sections and words stored with the article (articles/reading.py) are those of
the body it has, whatever path the body took; and the page shows what the body says even
when a write skipped save() and left them stale."""

import json
import re
from datetime import UTC, datetime
from importlib import import_module
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from reversion.models import Version

from articles import reading
from articles.html import sanitize_html
from articles.models import Article
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db

PUBLISH = {"_publish_changes": "Publish changes"}


def body_of(*titles, words=100):
    return "".join(f"<h2>{t}</h2><p>{'word ' * words}</p>" for t in titles)


FIRST = body_of("Background", "The mission", "What next")
SECOND = body_of("A <em>new</em> start", "Notes", "Notes", "Main", words=300)
THIRD = body_of("Later", "Much later", "Last")
SECOND_IDS = ["a-new-start", "notes", "notes-2", "main-section"]


def stored(article):
    """The article's stored columns, as the database holds them."""
    row = Article.objects.values_list(*reading.FIELDS).get(pk=article.pk)
    return dict(zip(reading.FIELDS, row, strict=True))


def expected(body):
    return reading.columns(sanitize_html(body))


def exact(article):
    """The stored columns are those of the body the database holds now."""
    body = Article.objects.values_list("body", flat=True).get(pk=article.pk)
    return stored(article) == reading.columns(body)


def section_ids(client, article):
    """The ids on the headings of the page's body, and its reading time in minutes."""
    text = client.get(article.get_absolute_url()).text
    body = re.search(r'<div class="body">(.*?)</div>', text, re.S).group(1)
    return re.findall(r'<h2 id="([^"]+)">', body), re.search(r"(\d+) min read", text).group(1)


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def save_form(client, article, **changes):
    data = change_form_data(client.get(change_url(article)))
    data.update(changes)
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["adminform"].form.errors


@pytest.fixture
def editor_client(login, editor):
    return login(editor)


def test_a_new_article_stores_its_sections_and_words(make_article):
    article = make_article(body=body_of("Background", "The mission", "What next"))
    assert stored(article) == {
        "body_section_ids": ["background", "the-mission", "what-next"],
        "body_section_titles": ["Background", "The mission", "What next"],
        "body_words": 302,  # strip_tags joins a heading to the next word, as before
        "body_digest": reading.digest(FIRST),
    }


def test_repeated_and_reserved_headings_are_stored_with_ids_of_their_own(make_article):
    article = make_article(body=SECOND)
    assert stored(article)["body_section_ids"] == SECOND_IDS
    assert stored(article)["body_section_titles"] == ["A new start", "Notes", "Notes", "Main"]


def test_an_admin_save_of_a_draft_stores_the_new_body(editor_client, make_article):
    draft = make_article(status="draft", published_at=None, body=FIRST)
    save_form(editor_client, draft, body=SECOND)
    assert exact(draft)
    assert stored(draft)["body_section_ids"] == SECOND_IDS


def test_publishing_an_edit_of_a_live_article_stores_its_body(client, editor_client, make_article):
    # The admin stages the edit, then the staged-changes service writes it (write_state).
    live = make_article(body=FIRST)
    save_form(editor_client, live, body=SECOND, **PUBLISH)
    assert exact(live)
    assert section_ids(client, live) == (SECOND_IDS, "5")


def test_a_save_naming_only_the_body_writes_the_columns_with_it(make_article):
    article = make_article(body=FIRST)
    article.body = THIRD
    article.save(update_fields=["body"])
    assert stored(article) == expected(THIRD)


def test_loaddata_stores_the_columns_of_the_fixtures_body_not_those_it_brings(tmp_path):
    now = datetime(2026, 1, 5, 9, 0, tzinfo=UTC).isoformat()
    fixture = tmp_path / "one_article.json"
    fixture.write_text(
        json.dumps(
            [
                {
                    "model": "articles.article",
                    "fields": {
                        "title": "Loaded",
                        "slug": "loaded",
                        "body": THIRD,
                        "status": "published",
                        "published_at": now,
                        "created_at": now,
                        "modified_at": now,
                        "body_section_ids": ["stale"],
                        "body_section_titles": ["Stale"],
                        "body_words": 7,
                        "body_digest": reading.digest(THIRD),
                    },
                }
            ]
        )
    )
    call_command("loaddata", str(fixture), verbosity=0)
    assert stored(Article.objects.get(slug="loaded")) == expected(THIRD)


def test_restoring_a_version_stores_the_columns_of_the_restored_body(editor_client, make_article):
    draft = make_article(status="draft", published_at=None, body=FIRST)
    save_form(editor_client, draft, body=SECOND)
    save_form(editor_client, draft, body=THIRD)
    with_second = Version.objects.get_for_object(draft).order_by("pk").first()
    assert stored(draft)["body_section_ids"] == ["later", "much-later", "last"]
    editor_client.post(reverse("admin:articles_article_restore", args=[draft.pk, with_second.pk]))
    assert exact(draft)
    assert stored(draft)["body_section_ids"] == SECOND_IDS


def _queryset_update(article, body):
    Article.objects.filter(pk=article.pk).update(body=body)


def _sql_update(article, body):
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Article._meta.db_table} SET body = %s WHERE id = %s", [body, article.pk]
        )


@pytest.mark.parametrize("write", [_queryset_update, _sql_update])
def test_a_body_written_without_save_is_read_from_the_body(client, make_article, write):
    article = make_article(body=FIRST)
    write(article, SECOND)
    # The stored columns are those of the old body: the page must not believe them.
    assert stored(article)["body_section_ids"] == ["background", "the-mission", "what-next"]
    assert section_ids(client, article) == (SECOND_IDS, "5")


def test_the_page_reads_the_stored_sections_when_they_match_the_body(client, make_article):
    article = make_article(body=FIRST)
    # Written behind save()'s back, with the digest of the body: trusted, so shown. (What
    # makes the stored columns worth having: the page does not work them out again.)
    Article.objects.filter(pk=article.pk).update(
        body_section_ids=["one", "two", "three"], body_words=2300
    )
    assert section_ids(client, article) == (["one", "two", "three"], "10")


def test_columns_stored_by_an_older_version_of_the_code_are_not_trusted(
    client, make_article, monkeypatch
):
    article = make_article(body=FIRST)
    Article.objects.filter(pk=article.pk).update(body_section_ids=["one", "two", "three"])
    monkeypatch.setattr(reading, "VERSION", reading.VERSION + "-next")
    assert section_ids(client, article) == (["background", "the-mission", "what-next"], "1")


def test_the_migration_backfill_stores_the_columns_of_every_article(make_article):
    articles = [make_article(body=body) for body in (FIRST, SECOND, THIRD, "")]
    Article.objects.update(
        body_section_ids=[], body_section_titles=[], body_words=0, body_digest=""
    )
    migration = import_module("articles.migrations.0019_article_body_reading")
    with connection.schema_editor() as schema_editor:
        migration.backfill(apps, schema_editor)
    for article, body in zip(articles, (FIRST, SECOND, THIRD, ""), strict=True):
        assert stored(article) == expected(body)


@pytest.mark.parametrize("per_row", [False, True])
def test_generated_articles_store_the_columns_of_their_bodies(per_row):
    call_command(
        "generate_articles",
        count=12,
        seed=5,
        batch_size=5,
        jobs=1,
        per_row=per_row,
        stdout=StringIO(),
        stderr=StringIO(),
    )
    generated = Article.objects.filter(internal_note__startswith="[synthetic")
    assert generated.count() == 12
    assert all(exact(article) for article in generated)
    assert any(stored(article)["body_section_ids"] for article in generated)
