"""Columns the database derives: defined once, in articles/sql/, and right by every path."""

import json
from datetime import timedelta

import pytest
from django.core import serializers
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from taggit.models import Tag

from articles.media.models import Document, Image
from articles.models import (
    Article,
    ArticleAuthor,
    ArticleDocument,
    Author,
    TaggedArticle,
    Update,
)
from articles.sql import SQL_DIR, version_of
from taxonomy.models import Term, Vocabulary
from tests.sql_files import (
    database_functions,
    database_triggers,
    file_functions,
    file_triggers,
    migrations_naming,
)

pytestmark = pytest.mark.django_db

TABLES = [
    model._meta.db_table
    for model in (
        *(Article, Article.terms.through, ArticleAuthor, TaggedArticle, Update, Term),
        *(Author, Tag, Vocabulary),  # the listing generation watches them too
        *(Image, Document, ArticleDocument),  # listing_media.sql
    )
]


def sql_text():
    return "".join(path.read_text() for path in sorted(SQL_DIR.glob("*.sql")))


def test_the_database_holds_exactly_the_functions_of_the_sql_files():
    functions = file_functions(sql_text())
    assert "articles_article_compute_search" in functions  # the parser found them
    assert database_functions("articles_") == functions


def test_the_database_holds_exactly_the_triggers_of_the_sql_files():
    triggers = file_triggers(sql_text())
    in_database = {
        name: definition
        for name, definition in database_triggers(TABLES).items()
        if name.startswith("articles_")
    }
    assert "articles_article_search" in triggers
    assert in_database == triggers


def _update(article, when, **fields):
    return Update.objects.create(
        article=article, body="<p>Changed.</p>", published_at=when, **fields
    )


def test_updated_at_follows_updates_added_edited_and_deleted(make_article):
    article = make_article()
    day = timezone.now().replace(microsecond=0) - timedelta(days=10)
    first = _update(article, day)
    later = _update(article, day + timedelta(days=2))
    article.refresh_from_db()
    assert article.updated_at == day + timedelta(days=2)

    later.published_at = day + timedelta(days=5)
    later.save()
    article.refresh_from_db()
    assert article.updated_at == day + timedelta(days=5)

    later.delete()
    article.refresh_from_db()
    assert article.updated_at == day

    first.delete()
    article.refresh_from_db()
    assert article.updated_at is None


def test_a_stale_instance_saved_again_does_not_overwrite_updated_at(make_article):
    article = make_article()
    stale = Article.objects.get(pk=article.pk)
    when = timezone.now().replace(microsecond=0)
    _update(article, when)
    stale.title = "Edited after the correction"
    stale.save()
    assert Article.objects.get(pk=article.pk).updated_at == when


def test_updated_at_follows_raw_sql(make_article):
    article = make_article()
    other = make_article()
    when = timezone.now().replace(microsecond=0)
    update = _update(article, when)
    table = connection.ops.quote_name(Update._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET published_at = %s WHERE id = %s",
            [when - timedelta(days=1), update.pk],
        )
        article.refresh_from_db()
        assert article.updated_at == when - timedelta(days=1)
        # Moved to another article: both are recomputed.
        cursor.execute(f"UPDATE {table} SET article_id = %s WHERE id = %s", [other.pk, update.pk])
    article.refresh_from_db()
    other.refresh_from_db()
    assert article.updated_at is None
    assert other.updated_at == when - timedelta(days=1)


def test_updated_at_follows_loaddata_whatever_the_fixture_says(make_article, tmp_path):
    article = make_article()
    when = timezone.now().replace(microsecond=0) - timedelta(days=3)
    update = _update(article, when)
    records = json.loads(
        serializers.serialize(
            "json",
            [Article.objects.get(pk=article.pk), update],
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
        )
    )
    records[0]["fields"]["updated_at"] = "2001-01-01T00:00:00Z"  # a wrong date
    Article.objects.filter(pk=article.pk).delete()
    fixture = tmp_path / "article.json"
    fixture.write_text(json.dumps(records))

    call_command("loaddata", str(fixture), verbosity=0)

    assert Article.objects.get(slug=article.slug).updated_at == when


@pytest.mark.parametrize("path", sorted(SQL_DIR.glob("*.sql")), ids=lambda p: p.name)
def test_every_sql_file_as_it_is_now_is_run_by_a_migration(path):
    """An edited file needs a migration that runs it again (articles/sql/__init__.py)."""
    assert migrations_naming(SQL_DIR.parent, path.name, version_of(path.name))
