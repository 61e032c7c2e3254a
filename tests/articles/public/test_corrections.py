"""`/corrections/` and its feeds: every published correction and retraction, newest first."""

from datetime import timedelta

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, Update

pytestmark = pytest.mark.django_db


def correct(article, text, *, days_ago=0, kind="correction"):
    return Update.objects.create(
        article=article,
        kind=kind,
        body=f"<p>{text}</p>",
        published_at=timezone.now() - timedelta(days=days_ago),
    )


def test_corrections_are_listed_newest_first_with_date_article_and_text(client, make_article):
    old = make_article(title="Old report")
    new = make_article(title="New report")
    correct(old, "The old figure was wrong.", days_ago=5)
    correct(new, "The new date was wrong.", days_ago=1)
    text = client.get(reverse("articles:corrections")).text
    assert text.index("The new date was wrong.") < text.index("The old figure was wrong.")
    assert f'href="{new.get_absolute_url()}#update-1"' in text
    assert ">New report</a>" in text
    assert (timezone.now() - timedelta(days=1)).strftime("%-d %B %Y") in text


def test_plain_updates_are_not_corrections(client, make_article):
    article = make_article()
    correct(article, "Security Council vote added.", kind="update")
    assert "Security Council vote added." not in client.get("/corrections/").text


def test_a_retracted_update_is_listed_with_its_reason(client, make_article, admin_user):
    article = make_article()
    update = correct(article, "Troops left Gao.", kind="update", days_ago=3)
    services.update_retract(update=update, reason="They had not left.", user=admin_user)
    text = client.get("/corrections/").text
    assert "Retraction" in text and "They had not left." in text
    assert "<del" in text and "Troops left Gao." in text


def test_corrections_of_articles_readers_cannot_see_are_not_listed(client, make_article):
    draft = make_article(status=Article.Status.DRAFT)
    scheduled = make_article(published_at=timezone.now() + timedelta(days=1))
    withdrawn = make_article(status=Article.Status.WITHDRAWN, published_at=timezone.now())
    live = make_article()
    for article in (draft, scheduled, withdrawn, live):
        correct(article, f"Fix of {article.slug}.")
    text = client.get("/corrections/").text
    assert f"Fix of {live.slug}." in text
    for hidden in (draft, scheduled, withdrawn):
        assert hidden.slug not in text
    feed = feedparser.parse(client.get(reverse("articles:corrections_atom")).content)
    assert [e.title for e in feed.entries] == [f"Correction: {live.title}"]


def test_a_correction_dated_in_the_future_waits_for_its_date(client, make_article):
    article = make_article()
    Update.objects.create(
        article=article,
        kind="correction",
        body="<p>Not yet.</p>",
        published_at=timezone.now() + timedelta(hours=2),
    )
    assert "Not yet." not in client.get("/corrections/").text


def test_the_corrections_page_is_paginated(client, make_article):
    article = make_article()
    for n in range(25):
        correct(article, f"Fix number {n}.", days_ago=n)
    first = client.get("/corrections/").text
    second = client.get("/corrections/?page=2").text
    assert "Fix number 0." in first and "Fix number 24." not in first
    assert "Fix number 24." in second and "Fix number 0." not in second


def test_a_new_correction_makes_the_cached_page_stale(client, make_article, settings):
    settings.PAGE_CACHE_SECONDS = 600
    article = make_article()
    correct(article, "First fix.")
    assert "First fix." in client.get("/corrections/").text
    assert client.get("/corrections/")["X-Cache"] == "hit"
    other = make_article()
    correct(other, "Second fix.")
    response = client.get("/corrections/")
    assert response["X-Cache"] == "miss" and "Second fix." in response.text


def test_an_article_withdrawn_takes_its_corrections_off_the_cached_page(
    client, make_article, settings, admin_user
):
    settings.PAGE_CACHE_SECONDS = 600
    article = make_article()
    other = make_article()
    correct(article, "Its fix.")
    for n in range(20):
        correct(other, f"Other fix {n}.", days_ago=1)
    # Page 2 shows only the other article's oldest fix: it does not declare `article`.
    assert "Other fix 0." in client.get("/corrections/?page=2").text
    assert client.get("/corrections/?page=2")["X-Cache"] == "hit"
    services.article_withdraw(article=article, user=admin_user)
    assert "Its fix." not in client.get("/corrections/").text
    response = client.get("/corrections/?page=2")
    assert response["X-Cache"] == "miss"
    assert "There is no page 2" in response.text


def test_a_corrected_article_links_to_the_corrections_page(client, make_article):
    corrected = make_article(updates=[{"kind": "correction", "body": "<p>Fixed.</p>"}])
    updated = make_article(updates=[{"kind": "update", "body": "<p>More.</p>"}])
    link = f'href="{reverse("articles:corrections")}"'
    assert link in client.get(corrected.get_absolute_url()).text.split("<footer")[0]
    assert link not in client.get(updated.get_absolute_url()).text.split('<footer class="site')[0]


def test_every_page_links_to_the_corrections_page_in_its_footer(client, make_article):
    make_article()
    footer = client.get("/").text.split('<footer class="site-footer">')[1]
    assert f'href="{reverse("articles:corrections")}"' in footer


@pytest.mark.parametrize("name", ["articles:corrections_rss", "articles:corrections_atom"])
def test_the_corrections_feeds_list_corrections_and_retractions(
    client, make_article, admin_user, name
):
    article = make_article(title="Gao report")
    correct(article, "The count was 12.", days_ago=2)
    retracted = correct(article, "Wrong note.", kind="note", days_ago=3)
    services.update_retract(update=retracted, reason="It was a mistake.", user=admin_user)
    feed = feedparser.parse(client.get(reverse(name)).content)
    assert not feed.bozo
    titles = [e.title for e in feed.entries]
    assert titles == ["Retraction: Gao report", "Correction: Gao report"]  # by listed date
    assert "It was a mistake." in feed.entries[0].summary
    assert feed.entries[1].link.endswith(f"{article.get_absolute_url()}#update-1")


@pytest.mark.parametrize("url", ["/corrections/", "/corrections/atom/", "/corrections/rss/"])
def test_the_corrections_page_and_feeds_run_a_constant_number_of_queries(
    client, make_article, django_assert_max_num_queries, url
):
    correct(make_article(), "One.")
    client.get(url)  # the scheduled-changes check, cached after the first request
    with django_assert_max_num_queries(2):
        assert client.get(url).status_code == 200
    for n in range(10):
        correct(make_article(), f"Fix {n}.")
    with django_assert_max_num_queries(2):
        assert client.get(url).status_code == 200
