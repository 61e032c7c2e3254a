"""Invalidation that matches what changed: a change makes stale the pages that show it, only.

Each test fills the cache with pages that show the change and pages that do not,
makes one editorial change, and checks which pages are rendered again (``X-Cache:
miss``) and which are still served from the cache (``hit``). Local memory, or
Redis when REDIS_URL is set.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, ArticleAuthor, Update

pytestmark = pytest.mark.django_db

LISTING = "/"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


def cache_all(client, *urls):
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Cache"] == "hit", url


def served(client, *urls):
    return {url: client.get(url)["X-Cache"] for url in urls}


def test_pages_name_what_they_show_in_their_tag_headers(client, world):
    response = client.get(world.gao_ambush.get_absolute_url())
    keys = response["Surrogate-Key"].split()
    assert f"article:{world.gao_ambush.pk}" in keys
    assert f"name:term:{world.gao.pk}" in keys
    assert f"name:author:{world.zach.pk}" in keys
    assert "site" in keys
    assert response["Cache-Tag"] == ",".join(keys)
    assert "listing" in client.get(LISTING)["Surrogate-Key"].split()
    assert f"term:{world.mali.pk}" in client.get("/topics/places/mali/")["Surrogate-Key"].split()


def unrelated_article(world, make_article):
    """An article that shares no term (not even a broader one), author or tag with the
    Gao ambush, so its page (related articles included) shows nothing of it."""
    return make_article(title="Sanctions on a bank", slug="sanctions", terms=[world.ecowas])


def test_editing_one_article_leaves_another_articles_page_cached(client, world, make_article):
    a = world.gao_ambush.get_absolute_url()
    b = unrelated_article(world, make_article).get_absolute_url()
    cache_all(client, a, b, LISTING, "/topics/places/mali/", "/topics/places/niger/")
    world.gao_ambush.title = "Deadly ambush near Gao"
    world.gao_ambush.save()
    assert served(client, a, b, LISTING, "/topics/places/mali/", "/topics/places/niger/") == {
        a: "miss",
        b: "hit",
        LISTING: "miss",
        "/topics/places/mali/": "miss",  # Gao is under Mali: Mali's page lists it
        "/topics/places/niger/": "hit",
    }
    assert "Deadly ambush near Gao" in client.get("/topics/places/mali/").text


def test_saving_a_draft_leaves_every_page_cached(client, world):
    urls = [LISTING, world.gao_ambush.get_absolute_url(), "/topics/places/gao/", "/feeds/rss/"]
    cache_all(client, *urls)
    world.draft.title = "Still a draft about Gao"
    world.draft.save()
    world.draft.terms.add(world.niger)
    assert set(served(client, *urls).values()) == {"hit"}


def test_moving_an_article_to_another_term_refreshes_both_terms_pages(client, world):
    gao, niger, ecowas = (
        "/topics/places/gao/",
        "/topics/places/niger/",
        "/topics/organisations/ecowas/",
    )
    cache_all(client, gao, niger, ecowas)
    world.gao_ambush.terms.set([world.niger, world.minusma])
    assert served(client, gao, niger, ecowas) == {gao: "miss", niger: "miss", ecowas: "hit"}
    assert "Ambush near Gao" in client.get(niger).text
    assert "Ambush near Gao" not in client.get(gao).text


def test_a_related_article_list_follows_an_article_joining_its_term(client, world, make_article):
    page = world.ecowas_plan.get_absolute_url()
    other = world.gao_ambush.get_absolute_url()
    newcomer = make_article(title="ECOWAS summit in Abuja", terms=[])
    cache_all(client, page, other)
    newcomer.terms.add(world.ecowas)
    assert served(client, page, other) == {page: "miss", other: "hit"}
    assert "ECOWAS summit in Abuja" in client.get(page).text


def test_a_related_articles_new_title_refreshes_the_pages_that_show_it(
    client, world, make_article
):
    shown = make_article(title="Keïta re-elected", terms=[world.keita])
    page = world.ecowas_plan.get_absolute_url()
    cache_all(client, page)
    assert "Keïta re-elected" in client.get(page).text
    shown.title = "Keïta wins a second term"
    shown.save()
    assert "Keïta wins a second term" in client.get(page).text


def test_renaming_a_term_refreshes_the_pages_that_name_it_only(client, world):
    named, other = world.ecowas_plan.get_absolute_url(), world.gao_ambush.get_absolute_url()
    cache_all(client, named, other, "/topics/organisations/", "/topics/places/")
    world.ecowas.name = "Economic Community of West African States"
    world.ecowas.save()
    assert served(client, named, other, "/topics/organisations/", "/topics/places/") == {
        named: "miss",
        other: "hit",
        "/topics/organisations/": "miss",
        "/topics/places/": "hit",
    }
    assert "Economic Community of West African States" in client.get(named).text


def test_renaming_a_broader_term_refreshes_its_narrower_terms_pages(client, world):
    gao, ecowas = "/topics/places/gao/", "/topics/organisations/ecowas/"
    cache_all(client, gao, ecowas)
    world.sahel.name = "Sahel region"
    world.sahel.save()
    assert served(client, gao, ecowas) == {gao: "miss", ecowas: "hit"}
    assert "Sahel region" in client.get(gao).text  # the breadcrumb


def test_renaming_an_author_refreshes_the_bylines_that_show_them_only(client, world):
    byline = world.gao_ambush.get_absolute_url()
    other = world.ecowas_plan.get_absolute_url()  # no authors
    cache_all(client, byline, other, "/authors/ada-diallo/")  # Ada's list shows Zach as co-author
    world.zach.name = "Zachary Silberman"
    world.zach.save()
    assert served(client, byline, other, "/authors/ada-diallo/") == {
        byline: "miss",
        other: "hit",
        "/authors/ada-diallo/": "miss",
    }
    assert "Zachary Silberman" in client.get("/authors/ada-diallo/").text


def test_a_new_byline_refreshes_the_authors_page(client, world):
    ada, zach = "/authors/ada-diallo/", "/authors/zach-silberman/"
    cache_all(client, ada, zach)
    ArticleAuthor.objects.create(article=world.ecowas_plan, author=world.ada, position=0)
    assert served(client, ada, zach) == {ada: "miss", zach: "hit"}
    assert "ECOWAS plans a force" in client.get(ada).text


def test_tagging_an_article_refreshes_it_and_the_tags_page(client, world):
    page, other = world.gao_ambush.get_absolute_url(), world.niger_convoy.get_absolute_url()
    cache_all(client, page, other, "/tags/peacekeeping/")
    world.niger_convoy.tags.add("peacekeeping")
    assert served(client, page, other, "/tags/peacekeeping/") == {
        page: "hit",
        other: "miss",
        "/tags/peacekeeping/": "miss",
    }
    assert "Convoy destroyed in Niger" in client.get("/tags/peacekeeping/").text


def test_an_update_refreshes_its_article_not_the_others(client, world, make_article):
    page = world.gao_ambush.get_absolute_url()
    other = unrelated_article(world, make_article).get_absolute_url()
    cache_all(client, page, other)
    Update.objects.create(article=world.gao_ambush, kind="update", body="<p>A third attack.</p>")
    assert served(client, page, other) == {page: "miss", other: "hit"}


def test_a_scheduled_article_going_live_refreshes_only_what_it_changes(
    client, world, make_article, monkeypatch
):
    scheduled = make_article(
        title="Elections postponed",
        published_at=timezone.now() + timedelta(hours=1),
        terms=[world.niger],
        authors=[world.ada],
    )
    urls = [
        LISTING,
        "/topics/places/niger/",
        "/topics/places/gao/",
        "/authors/ada-diallo/",
        world.gao_ambush.get_absolute_url(),
        "/archive/",
    ]
    cache_all(client, *urls)
    later = timezone.now() + timedelta(hours=1, seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert served(client, *urls) == {
        LISTING: "miss",
        "/topics/places/niger/": "miss",
        "/topics/places/gao/": "hit",
        "/authors/ada-diallo/": "miss",
        world.gao_ambush.get_absolute_url(): "hit",
        "/archive/": "miss",
    }
    assert "Elections postponed" in client.get("/topics/places/niger/").text
    assert client.get(scheduled.get_absolute_url()).status_code == 200


def test_withdrawing_an_article_refreshes_the_archive_and_feeds(client, world):
    cache_all(client, "/archive/", "/feeds/rss/", "/sitemap.xml")
    Article.objects.get(pk=world.niger_convoy.pk).save()  # an edit: no count moved
    assert served(client, "/archive/") == {"/archive/": "hit"}
    world.niger_convoy.status = Article.Status.WITHDRAWN
    world.niger_convoy.save()
    assert set(served(client, "/archive/", "/feeds/rss/", "/sitemap.xml").values()) == {"miss"}
    assert "Convoy destroyed in Niger" not in client.get("/feeds/rss/").text
