"""Cached public pages: served from the cache, and never stale after an editorial change.

These run on the local-memory cache, or on Redis when REDIS_URL is set.
"""

from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Update
from articles.pagecache.pages import publication_changed

pytestmark = pytest.mark.django_db

LISTING = "/"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


def cached_twice(client, url):
    """Fill the cache, then check that the page now comes from it."""
    first = client.get(url)
    second = client.get(url)
    assert first["X-Cache"] == "miss"
    assert second["X-Cache"] == "hit"
    return second


def test_second_request_is_served_from_the_cache_without_queries(
    client, world, django_assert_num_queries
):
    first = client.get(LISTING)
    with django_assert_num_queries(0):
        second = client.get(LISTING)
    assert second["X-Cache"] == "hit"
    assert second.content == first.content


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/articles/ambush-near-gao/",
        "/authors/zach-silberman/",
        "/topics/places/",
        "/topics/places/mali/",
        "/tags/peacekeeping/",
        "/feeds/rss/",
    ],
)
def test_public_pages_are_cached(client, world, url):
    assert cached_twice(client, url).status_code == 200


def test_the_full_query_string_is_part_of_the_key(client, world):
    cached_twice(client, "/?places=mali")
    assert client.get("/?places=mali&organisations=ecowas")["X-Cache"] == "miss"
    assert client.get("/?places=gao")["X-Cache"] == "miss"


def test_error_responses_are_not_cached(client, world):
    client.get("/articles/no-such-article/")
    response = client.get("/articles/no-such-article/")
    assert response.status_code == 404
    assert response.get("X-Cache") != "hit"


def test_logged_in_staff_never_get_cached_pages(client, admin_client, world):
    cached_twice(client, LISTING)
    response = admin_client.get(LISTING)
    assert response.status_code == 200
    assert "X-Cache" not in response
    assert "X-Cache" not in admin_client.get(LISTING)


def test_publishing_a_draft_shows_it_at_once(client, world):
    cached_twice(client, LISTING)
    world.draft.status = Article.Status.PUBLISHED
    world.draft.published_at = timezone.now() - timedelta(minutes=1)
    world.draft.save()
    assert "Secret draft about Gao" in client.get(LISTING).text
    assert client.get(world.draft.get_absolute_url()).status_code == 200


def test_editing_an_article_shows_the_edit_at_once(client, world):
    url = world.gao_ambush.get_absolute_url()
    cached_twice(client, url)
    cached_twice(client, LISTING)
    world.gao_ambush.title = "Deadly ambush near Gao"
    world.gao_ambush.save()
    assert "Deadly ambush near Gao" in client.get(url).text
    assert "Deadly ambush near Gao" in client.get(LISTING).text


def test_withdrawing_an_article_removes_it_at_once(client, world):
    url = world.gao_ambush.get_absolute_url()
    cached_twice(client, url)
    cached_twice(client, "/feeds/rss/")
    world.gao_ambush.status = Article.Status.WITHDRAWN
    world.gao_ambush.save()
    assert client.get(url).status_code in (404, 410)
    assert "Ambush near Gao" not in client.get(LISTING).text
    assert "Ambush near Gao" not in client.get("/feeds/rss/").text


@pytest.mark.parametrize("kind", ["update", "correction"])
def test_a_new_update_or_correction_appears_at_once(client, world, kind):
    url = world.gao_ambush.get_absolute_url()
    cached_twice(client, url)
    Update.objects.create(
        article=world.gao_ambush, kind=kind, body="<p>Two more soldiers died of wounds.</p>"
    )
    assert "Two more soldiers died of wounds." in client.get(url).text


def test_a_renamed_term_appears_at_once(client, world):
    cached_twice(client, world.gao_ambush.get_absolute_url())
    cached_twice(client, "/topics/places/")
    world.gao.name = "Gao region"
    world.gao.save()
    assert "Gao region" in client.get(world.gao_ambush.get_absolute_url()).text
    assert "Gao region" in client.get("/topics/places/").text


def test_feeds_show_a_renamed_term_or_tag_among_their_categories_at_once(client, world):
    feeds = ["/feeds/rss/", "/feeds/atom/", "/authors/zach-silberman/rss/"]
    for url in feeds:
        cached_twice(client, url)
    world.gao.name = "Gao region"
    world.gao.save()
    tag = world.gao_ambush.tags.get(slug="peacekeeping")
    tag.name = "UN peacekeeping"
    tag.save()
    for url in feeds:
        text = client.get(url).text
        assert "<category>Gao region</category>" in text or 'term="Gao region"' in text, url
        assert "UN peacekeeping" in text, url


def test_new_tags_and_renamed_authors_appear_at_once(client, world):
    url = world.gao_ambush.get_absolute_url()
    cached_twice(client, url)
    world.gao_ambush.tags.add("ambushes")
    assert "ambushes" in client.get(url).text
    assert client.get(url)["X-Cache"] == "hit"
    world.zach.name = "Zachary Silberman"
    world.zach.save()
    assert "Zachary Silberman" in client.get(url).text


def test_a_scheduled_article_appears_when_its_time_comes(client, world, make_article, monkeypatch):
    scheduled = make_article(
        title="Elections postponed", published_at=timezone.now() + timedelta(hours=1)
    )
    cached_twice(client, LISTING)
    assert "Elections postponed" not in client.get(LISTING).text
    later = timezone.now() + timedelta(hours=1, seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Elections postponed" in client.get(LISTING).text
    assert client.get(scheduled.get_absolute_url()).status_code == 200


def test_writes_that_send_no_signal_invalidate_through_publication_changed(client, world):
    cached_twice(client, LISTING)
    Article.objects.filter(pk=world.gao_ambush.pk).update(title="Renamed in bulk")
    publication_changed()
    assert "Renamed in bulk" in client.get(LISTING).text


def test_a_page_cached_before_the_commit_is_not_served_after_it(
    client, world, django_capture_on_commit_callbacks
):
    url = world.gao_ambush.get_absolute_url()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        world.gao_ambush.title = "Edited in a transaction"
        world.gao_ambush.save()
        client.get(url)  # another reader could cache here, before the commit
    assert client.get(url)["X-Cache"] == "miss"


def test_article_page_answers_304_to_a_matching_etag(client, world):
    url = world.gao_ambush.get_absolute_url()
    first = client.get(url)
    etag = first["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    world.gao_ambush.title = "Ambush near Gao: the toll rises"
    world.gao_ambush.save()
    assert client.get(url, headers={"if-none-match": etag}).status_code == 200


@pytest.mark.parametrize("seconds", [600, 0])
def test_feed_answers_304_to_a_matching_etag_cached_or_not(client, world, settings, seconds):
    settings.PAGE_CACHE_SECONDS = seconds
    etag = client.get("/feeds/rss/")["ETag"]
    assert client.get("/feeds/rss/", headers={"if-none-match": etag}).status_code == 304


def test_listing_and_article_page_are_not_cached_when_the_cache_is_off(client, world, settings):
    settings.PAGE_CACHE_SECONDS = 0
    for url in (LISTING, world.gao_ambush.get_absolute_url(), reverse("articles:rss")):
        client.get(url)
        response = client.get(url)
        assert "X-Cache" not in response
        assert response["ETag"]


def test_facet_counts_are_reused_across_pages_and_refreshed_by_a_publication(
    client, world, make_article
):
    first = client.get("/?places=sahel")
    assert first.context["total"] == 3
    # Page 2 of the same filters is another page, but the same facet counts.
    for n in range(20):
        make_article(title=f"Sahel piece {n}", terms=[world.mali])
    after = client.get("/?places=sahel&page=2")
    assert after.context["total"] == 23  # the saves above bumped the generation
    gao = next(v for f in after.context["facets"] for v in f.values if v.value == "gao")
    assert gao.count == 1
