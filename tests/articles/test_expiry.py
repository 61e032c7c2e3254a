"""Scheduled withdrawal: an article leaves the site at its expires_at, with no job to run."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article

pytestmark = pytest.mark.django_db

SURFACES = ["/", "/feeds/rss/", "/feeds/atom/", "/sitemap.xml", "/tags/embargoed/"]


@pytest.fixture
def leaving(make_article):
    return make_article(
        title="Quixotic embargo piece",
        slug="embargo-piece",
        tags=["embargoed"],
        expires_at=timezone.now() + timedelta(hours=2),
    )


def shows(client, url):
    response = client.get(url)
    return response.status_code == 200 and "embargo-piece" in response.text


def test_an_article_is_public_until_its_time_to_leave(client, leaving):
    assert client.get(leaving.get_absolute_url()).status_code == 200
    for url in SURFACES:
        assert shows(client, url), url


def test_it_leaves_every_surface_at_that_moment_without_cron(client, leaving, monkeypatch):
    later = timezone.now() + timedelta(hours=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    # Gone, and said so (410), not a bare 404 (articles/public/views/addresses.py).
    assert client.get(leaving.get_absolute_url()).status_code == 410
    for url in SURFACES:
        assert not shows(client, url), url


def test_a_past_expiry_hides_the_article_and_the_gate_agrees(client, make_article):
    gone = make_article(
        published_at=timezone.now() - timedelta(days=3),
        expires_at=timezone.now() - timedelta(days=1),
    )
    future = make_article(expires_at=timezone.now() + timedelta(days=1))
    published = set(Article.objects.published())
    assert future in published and gone not in published
    for article in Article.objects.all():
        assert article.is_published() == (article in published)
    assert client.get(gone.get_absolute_url()).status_code == 410


def test_the_page_cache_expires_pages_at_the_moment_an_article_leaves(
    client, settings, leaving, monkeypatch
):
    settings.PAGE_CACHE_SECONDS = 600
    assert shows(client, "/")
    assert client.get("/")["X-Cache"] == "hit"
    later = timezone.now() + timedelta(hours=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    response = client.get("/")
    assert response["X-Cache"] == "miss"
    assert "embargo-piece" not in response.text


def test_the_list_says_when_it_leaves_the_site(admin_client, leaving):
    response = admin_client.get(reverse("admin:articles_article_changelist"))
    assert "Leaves the site on" in response.text
