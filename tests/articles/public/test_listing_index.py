"""The listing index stays exact: after every kind of editorial change, whatever the path,
the listing's counts, facets, pages and related articles equal a fresh SQL computation."""

import json
from datetime import timedelta

import pytest
from django.core import serializers
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.utils import timezone
from taggit.models import Tag

from articles.listing_index.index import microseconds
from articles.listing_index.store import current_generation, current_index
from articles.models import Article, SearchEntry, Update
from articles.public.listing.cleaning import listing_query
from articles.public.listing.facets import facets_for
from articles.services.workflow import article_publish, article_schedule, article_withdraw
from taxonomy.index import TermIndex
from taxonomy.models import Term
from taxonomy.services import tag_merge, term_move

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """The index is under test, not the page cache (which keeps facets too)."""
    settings.PAGE_CACHE_SECONDS = 0


# Every kind of filter, alone and together: the facets left out differ for each.
URLS = [
    "/",
    "/?page=2",
    "/?sort=oldest",
    "/?places=sahel",
    "/?places=mali&organisations=un",
    "/?places=gao&places=niger&author=ada-diallo",
    "/?author=zach-silberman&tag=peacekeeping",
    "/?tag=intervention&tag=peacekeeping",
    "/?has_updates=on",
    "/?has_corrections=on&places=sahel",
    "/?q=gao",
    "/?q=gao&places=sahel&sort=oldest",
    f"/?year={timezone.now().year}&month={timezone.now().month}",
    f"/?date_from={(timezone.now() - timedelta(days=2)).date()}",
]


def sql_listing(url):
    """(total, facets, ids of the page) computed by the SQL reference path."""
    query = listing_query(QueryDict(url.partition("?")[2]), term_index=TermIndex.load())
    published = Article.objects.published().for_listing()
    total, facets = facets_for(query, published)
    start = (query.page - 1) * 20
    ids = list(query.articles(published).values_list("pk", flat=True)[start : start + 20])
    assert total == query.filtered(published).count()
    return total, facets, ids


def assert_index_agrees(client):
    for url in URLS:
        response = client.get(url)
        assert response.status_code == 200
        total, facets, ids = sql_listing(url)
        context = response.context
        assert (url, context["total"]) == (url, total)
        assert context["facets"] == facets, url
        if context["page_obj"].number == int(QueryDict(url.partition("?")[2]).get("page", 1)):
            assert [a.pk for a in context["articles"]] == ids, url
    published = set(Article.objects.published().values_list("pk", flat=True))
    for article in Article.objects.published().prefetch_related("terms"):
        related = article.related_articles()
        assert {a.pk for a in related} <= published - {article.pk}
        term_ids = [term.pk for term in article.terms.all()]
        sharing = Article.objects.published().filter(term_ids__overlap=term_ids)
        # Every live article classified under one of its terms is a candidate.
        assert bool(related) == sharing.exclude(pk=article.pk).exists()
    # The search's matching table: every published article's vector, and no other row.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT article_id, search_vector::text FROM {SearchEntry._meta.db_table}")
        entries = dict(cursor.fetchall())
        cursor.execute(
            f"SELECT id, search_vector::text FROM {Article._meta.db_table}"
            " WHERE status = 'published'"
        )
        assert entries == dict(cursor.fetchall())


@pytest.fixture
def more(world, make_article):
    """Enough articles for a second page and for counts that differ from term to term."""
    for n in range(25):
        make_article(
            terms=[world.gao if n % 2 else world.niger, world.minusma if n % 3 else world.ecowas],
            authors=[world.zach if n % 2 else world.ada],
            tags=["peacekeeping"] if n % 4 else ["intervention"],
            published_at=timezone.now() - timedelta(hours=n * 5),
        )
    return world


def _create(world, make_article):
    make_article(terms=[world.gao, world.keita], authors=[world.ada], tags=["new-tag"])


def _publish_via_service(world, make_article):
    article = make_article(status=Article.Status.IN_REVIEW, terms=[world.niger])
    article_publish(article=article)


def _withdraw(world, make_article):
    article_withdraw(article=world.gao_ambush)


def _schedule_then_time_passes(world, make_article):
    article = make_article(status=Article.Status.IN_REVIEW, terms=[world.gao])
    article_schedule(article=article, at=timezone.now() + timedelta(hours=1))
    assert not Article.objects.published().filter(pk=article.pk).exists()
    Article.objects.filter(pk=article.pk).update(
        published_at=timezone.now() - timedelta(minutes=1)
    )


def _term_move(world, make_article):
    term_move(term=world.gao, parent=world.niger)


def _tag_merge(world, make_article):
    tag_merge(
        sources=[Tag.objects.get(name="intervention")], target=Tag.objects.get(name="peacekeeping")
    )


def _term_renamed(world, make_article):
    # The vectors of the articles under it change (term names are searched).
    Term.objects.filter(pk=world.gao.pk).update(name="Gao Region")


def _deleted(world, make_article):
    world.gao_ambush.delete()


def _correction_added(world, make_article):
    Update.objects.create(
        article=world.gao_ambush, kind=Update.Kind.CORRECTION, body="<p>Ansongo, not Gao.</p>"
    )


def _loaddata(world, make_article, tmp_path):
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


def _raw_sql(world, make_article):
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Article._meta.db_table} SET status = 'published', published_at = now()"
            " WHERE slug = %s",
            ["secret-draft"],
        )
        cursor.execute(
            f"INSERT INTO {Article.terms.through._meta.db_table} (article_id, term_id)"
            " VALUES (%s, %s)",
            [world.niger_convoy.pk, world.minusma.pk],
        )


CHANGES = [
    _create,
    _publish_via_service,
    _withdraw,
    _schedule_then_time_passes,
    _term_move,
    _tag_merge,
    _term_renamed,
    _deleted,
    _correction_added,
    _loaddata,
    _raw_sql,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda f: f.__name__.strip("_"))
def test_every_count_equals_a_fresh_sql_count_after_each_change(
    client, more, make_article, tmp_path, change
):
    assert_index_agrees(client)
    before = current_generation()
    if change is _loaddata:
        change(more, make_article, tmp_path)
    else:
        change(more, make_article)
    assert current_generation() != before
    assert_index_agrees(client)


def test_the_index_is_rebuilt_only_when_the_generation_moves(client, world, make_article):
    client.get("/")
    first = current_index()
    assert current_index() is first
    make_article(terms=[world.gao])
    assert current_index() is not first


def test_liveness_equals_the_public_gate_for_every_status_and_moment(make_article):
    now = timezone.now()
    moments = [now - timedelta(days=3), now - timedelta(seconds=1), now + timedelta(hours=2)]
    for status in Article.Status.values:
        for when in [*moments, None]:
            if status == Article.Status.PUBLISHED and when is None:
                continue  # a constraint forbids it
            make_article(status=status, published_at=when)
    index = current_index()
    live = set(index.ids[index.live(microseconds(timezone.now()))].tolist())
    assert live == set(Article.objects.published().values_list("pk", flat=True))
    assert len(live) == 2
    # Time passes with no write: the scheduled one is live at its moment, no rebuild.
    later = now + timedelta(hours=3)
    at_later = set(index.ids[index.live(microseconds(later))].tolist())
    assert at_later == {a.pk for a in Article.objects.all() if a.is_published(now=later)}
    assert len(at_later) == 3
    assert current_index() is index


def test_related_articles_weigh_specific_terms_over_broad_ones(world, make_article, make_term):
    timbuktu = make_term(
        vocabulary=world.places, name="Timbuktu", slug="timbuktu", parent=world.mali
    )
    now = timezone.now()
    for n in range(8):  # Mali is broad: many articles hold it
        make_article(terms=[world.mali], published_at=now - timedelta(days=20 + n))
    article = make_article(terms=[world.mali, timbuktu], published_at=now - timedelta(days=40))
    broad = make_article(
        slug="shares-mali", terms=[world.mali], published_at=now - timedelta(hours=1)
    )
    specific = make_article(
        slug="shares-timbuktu", terms=[timbuktu], published_at=now - timedelta(days=30)
    )
    related = Article.objects.prefetch_related("terms").get(pk=article.pk).related_articles()
    # Counting shared terms would tie them (one each) and put the newer first.
    assert [a.slug for a in related][:2] == [specific.slug, broad.slug]


def test_rows_written_with_triggers_off_are_listed_once_the_generation_is_moved(client, request):
    assert client.get("/").context["total"] == 0
    request.getfixturevalue("seeded")  # COPY with triggers off, then articles_listing_changed()
    total = client.get("/").context["total"]
    assert total == Article.objects.published().count() > 0


@pytest.mark.parametrize("budget", [1, 12, 10_000])
def test_related_articles_pruned_equal_every_row_scored(world, make_article, monkeypatch, budget):
    """``related()`` scores only the rows of an article's most specific terms while no
    other row could rank among the best: whatever the budget of rows it starts from,
    the ranking is the one of every row scored, ties (same terms) included."""
    import random

    from articles.listing_index import index as listing_index

    monkeypatch.setattr(listing_index, "RELATED_ROWS_BUDGET", budget)
    pool = [world.gao, world.mali, world.niger, world.sahel, world.minusma, world.un]
    pool += [world.ecowas, world.keita]
    rng = random.Random(budget)
    now = timezone.now()
    for n in range(60):
        make_article(
            terms=rng.sample(pool, rng.randint(1, 4)),
            # Some not live: scheduled, or gone from the site.
            published_at=now + timedelta(days=1) if n % 11 == 0 else now - timedelta(hours=n),
            expires_at=now - timedelta(minutes=5) if n % 13 == 7 and n % 11 else None,
        )
    index = current_index()
    for article in Article.objects.published().prefetch_related("terms"):
        term_ids = [term.pk for term in article.terms.all()]
        for limit in (1, 4, 10):
            arguments = {"article_id": article.pk, "term_ids": term_ids, "now": now}
            assert index.related(**arguments, limit=limit) == index.ranked_exhaustively(
                **arguments, limit=limit
            ), (article.slug, limit)
