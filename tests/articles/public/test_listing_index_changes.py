"""The listing index's incremental update: after each kind of editorial change, the index
brought up to date from the change log equals one built fresh, array for array, and
the log is used (not a full rebuild) whenever it can say what changed."""

import json
from datetime import timedelta

import numpy as np
import pytest
from django.core import serializers
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.listing_index.splice import POSTINGS, ROW_COLUMNS, row_lists
from articles.listing_index.store import apply_changes, build_index, current_index
from articles.models import Article, Update
from articles.services.workflow import article_publish, article_schedule
from taxonomy.services import term_merge
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db


def assert_same_index(updated, fresh):
    assert updated.generation == fresh.generation
    for name in ROW_COLUMNS:
        column, expected = getattr(updated, name), getattr(fresh, name)
        assert column.dtype == expected.dtype, name
        assert np.array_equal(column, expected), name
    for name in POSTINGS:
        ours, theirs = getattr(updated, name), getattr(fresh, name)
        assert np.array_equal(ours.keys, theirs.keys), name
        assert np.array_equal(ours.starts, theirs.starts), name
        assert np.array_equal(ours.rows, theirs.rows), name
        for got, want in zip(row_lists(ours), row_lists(theirs), strict=True):
            assert np.array_equal(got, want), name


def _admin_save(world, client):
    url = reverse("admin:articles_article_change", args=[world.gao_ambush.pk])
    data = change_form_data(client.get(url))
    data.update({"_publish_changes": "Publish changes", "terms": [world.niger.pk]})
    assert client.post(url, data).status_code == 302


def _service_publish(world, client):
    article_publish(article=world.draft)


def _scheduled_moment(world, client):
    article = world.draft
    article_schedule(article=article, at=timezone.now() + timedelta(hours=1))
    Article.objects.filter(pk=article.pk).update(
        published_at=timezone.now() - timedelta(minutes=1)
    )


def _loaddata(world, client, tmp_path):
    records = json.loads(
        serializers.serialize(
            "json",
            [world.ecowas_plan],
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
        )
    )
    records[0]["fields"]["status"] = Article.Status.WITHDRAWN
    fixture = tmp_path / "withdrawn.json"
    fixture.write_text(json.dumps(records))
    call_command("loaddata", str(fixture), verbosity=0)


def _raw_sql(world, client):
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Article._meta.db_table} SET published_at = now() - interval '1 day'"
            " WHERE id = %s",
            [world.niger_convoy.pk],
        )
        cursor.execute(
            f"INSERT INTO {Article.terms.through._meta.db_table} (article_id, term_id)"
            " VALUES (%s, %s)",
            [world.niger_convoy.pk, world.minusma.pk],
        )


def _term_merge(world, client):
    term_merge(source=world.gao, target=world.niger)


def _correction(world, client):
    Update.objects.create(
        article=world.gao_ambush, kind=Update.Kind.CORRECTION, body="<p>Ansongo, not Gao.</p>"
    )


def _new_tag_and_term(world, client):
    world.niger_convoy.tags.add("brand-new-tag")
    world.niger_convoy.terms.add(world.keita)


def _article_deleted(world, client):
    world.niger_convoy.delete()


CHANGES = [
    _admin_save,
    _service_publish,
    _scheduled_moment,
    _loaddata,
    _raw_sql,
    _term_merge,
    _correction,
    _new_tag_and_term,
    _article_deleted,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda f: f.__name__.strip("_"))
def test_the_index_updated_from_the_change_log_equals_a_fresh_one(
    admin_client, world, tmp_path, change
):
    before = current_index()
    if change is _loaddata:
        change(world, admin_client, tmp_path)
    else:
        change(world, admin_client)
    updated, applied = apply_changes(before)
    assert applied  # the log said what changed: no full rebuild
    assert_same_index(updated, build_index(before.timezone))
    assert current_index().generation == updated.generation


def test_a_write_with_the_triggers_off_makes_the_index_rebuild(world):
    before = current_index()
    with connection.cursor() as cursor:
        cursor.execute("SELECT articles_listing_changed()")
    rebuilt, applied = apply_changes(before)
    assert not applied
    assert_same_index(rebuilt, build_index(before.timezone))


def test_a_broken_chain_of_numbers_makes_the_index_rebuild(world, make_article):
    before = current_index()
    make_article(terms=[world.gao])
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM articles_listingchange")  # as pruning an old log does
    make_article(terms=[world.niger])
    rebuilt, applied = apply_changes(before)
    assert not applied
    assert_same_index(rebuilt, build_index(before.timezone))
    assert rebuilt.size == before.size + 2


def test_the_listing_follows_incremental_updates(client, settings, world, make_article):
    settings.PAGE_CACHE_SECONDS = 0
    first = client.get("/").context["total"]
    make_article(terms=[world.gao])
    world.gao_ambush.delete()
    assert client.get("/").context["total"] == first
    assert first == Article.objects.published().count()


def test_term_author_and_tag_pages_list_what_the_public_gate_lists(
    client, settings, world, make_article
):
    settings.PAGE_CACHE_SECONDS = 0
    for n in range(23):
        make_article(
            terms=[world.gao],
            authors=[world.ada],
            tags=["peacekeeping"],
            published_at=timezone.now() - timedelta(hours=n + 1),
        )
    make_article(terms=[world.gao], status=Article.Status.DRAFT)
    make_article(terms=[world.gao], published_at=timezone.now() + timedelta(hours=1))
    published = Article.objects.published().order_by("-published_at", "-id")
    pages = [
        (
            reverse("articles:term", args=["places", "mali"]),
            published.filter(term_ids__contains=[world.mali.pk]),
        ),
        (
            reverse("articles:term", args=["places", "gao"]),
            published.filter(term_ids__contains=[world.gao.pk]),
        ),
        (world.ada.get_absolute_url(), published.filter(authors=world.ada)),
        (
            reverse("articles:tag", args=["peacekeeping"]),
            published.filter(tags__slug="peacekeeping"),
        ),
    ]
    for url, expected in pages:
        for page in (1, 2):
            # Page 1 is the address without ?page= (?page=1 answers 302 to it).
            response = client.get(url, {"page": page} if page > 1 else {})
            assert response.status_code == 200, url
            assert response.context["paginator"].count == expected.count() > 20, url
            ids = [a.pk for a in response.context["articles"]]
            assert ids == list(expected.values_list("pk", flat=True)[(page - 1) * 20 :][:20]), url
