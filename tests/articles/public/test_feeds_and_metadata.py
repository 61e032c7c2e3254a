"""Valid feeds (RFC 4287 Atom, RSS 2.0), the feeds page, sitemaps, canonical and OpenGraph."""

import json
import re
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import feedparser
import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from lxml import etree
from PIL import Image

from articles.models import Article, Page, Update

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
ATOM_FEEDS = [
    "/feeds/atom/",
    "/topics/places/mali/atom/",
    "/authors/zach-silberman/atom/",
    "/tags/peacekeeping/atom/",
    "/corrections/atom/",
]
RSS_FEEDS = [url.replace("/atom/", "/rss/") for url in ATOM_FEEDS]
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def is_iri(value):
    """An absolute IRI (RFC 3987): a scheme, then something (tag: or http(s):)."""
    return re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$", value) is not None


@pytest.fixture
def newsroom(world, make_article):
    """The world, with one article without authors and one correction."""
    make_article(title="Unsigned note", terms=[world.mali])
    return world


@pytest.mark.parametrize("url", ATOM_FEEDS)
def test_atom_feeds_hold_what_rfc_4287_requires(client, newsroom, url):
    response = client.get(url)
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = etree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{required}")) == 1, required
    assert is_iri(feed.findtext(f"{ATOM}id"))
    assert RFC3339.match(feed.findtext(f"{ATOM}updated"))
    has_feed_author = feed.find(f"{ATOM}author/{ATOM}name") is not None
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        assert all(is_iri(i) and i.startswith("tag:") for i in ids)
        assert len(entry.findall(f"{ATOM}title")) == 1
        assert RFC3339.match(entry.findtext(f"{ATOM}updated"))
        assert has_feed_author or entry.find(f"{ATOM}author/{ATOM}name") is not None
        alternate = entry.find(f"{ATOM}link[@rel='alternate']")
        assert alternate is not None and urlsplit(alternate.get("href")).scheme == "http"
        assert entry.find(f"{ATOM}category").get("term")
    assert not feedparser.parse(response.content).bozo


@pytest.mark.parametrize("url", RSS_FEEDS)
def test_rss_feeds_are_valid_rss_2(client, newsroom, url):
    channel = etree.fromstring(client.get(url).content).find("channel")
    for required in ("title", "link", "description"):
        assert channel.findtext(required), required
    for item in channel.findall("item"):
        guid = item.find("guid")
        assert guid.get("isPermaLink") == "false" and guid.text.startswith("tag:")
        assert item.findtext("title") and item.findtext("link") and item.findtext("pubDate")
        assert item.findtext("category")


def test_every_feed_entry_has_an_author_or_the_feed_has_one(client, newsroom):
    parsed = feedparser.parse(client.get("/feeds/atom/").content)
    assert parsed.feed.author == "Sahel Desk"
    unsigned = next(e for e in parsed.entries if e.title == "Unsigned note")
    assert "author" not in unsigned  # the feed's author stands for it


def test_an_entry_keeps_its_id_when_its_slug_changes(client, newsroom):
    before = {e.title: e.id for e in feedparser.parse(client.get("/feeds/atom/").content).entries}
    article = Article.objects.get(pk=newsroom.gao_ambush.pk)
    article.slug = "renamed-ambush"
    article.save()
    after = feedparser.parse(client.get("/feeds/atom/").content).entries
    entry = next(e for e in after if e.title == "Ambush near Gao")
    assert entry.id == before["Ambush near Gao"]
    assert entry.link.endswith("/articles/renamed-ambush/")


def test_entry_categories_are_its_terms_then_its_tags(client, newsroom):
    entries = feedparser.parse(client.get("/feeds/atom/").content).entries
    entry = next(e for e in entries if e.title == "Ambush near Gao")
    assert [t.term for t in entry.tags] == ["Gao", "MINUSMA", "peacekeeping"]


def test_the_menus_feed_link_opens_a_page_that_lists_the_feeds(client, newsroom):
    home = client.get("/").text
    nav = home.split('<nav aria-label="Site">')[1].split("</nav>")[0]
    assert f'href="{reverse("articles:feeds")}">Feeds</a>' in nav
    response = client.get(reverse("articles:feeds"))
    assert response["Content-Type"].startswith("text/html")
    for name in ("atom", "rss", "corrections_atom", "corrections_rss"):
        assert f'href="{reverse(f"articles:{name}")}"' in response.text


def test_the_sitemaps_lastmod_is_the_latest_update(client, newsroom):
    article = newsroom.gao_ambush
    when = timezone.now() - timedelta(hours=5)
    Update.objects.create(article=article, body="<p>Later news.</p>", published_at=when)
    Article.objects.filter(pk=article.pk).update(modified_at=timezone.now() - timedelta(days=30))
    sitemap = etree.fromstring(client.get("/sitemap.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    for url in sitemap.findall("s:url", ns):
        if url.findtext("s:loc", namespaces=ns).endswith(article.get_absolute_url()):
            assert url.findtext("s:lastmod", namespaces=ns) == when.date().isoformat()
            break
    else:
        pytest.fail("article not in the sitemap")


def test_the_news_sitemap_lists_the_last_two_days_of_published_articles(client, make_article):
    now = timezone.now()
    fresh = make_article(title="Fresh & new", published_at=now - timedelta(hours=30))
    make_article(title="Three days old", published_at=now - timedelta(days=3))
    make_article(title="Draft", status=Article.Status.DRAFT)
    make_article(title="Scheduled", published_at=now + timedelta(hours=1))
    response = client.get("/sitemap-news.xml")
    assert response["Content-Type"].startswith("application/xml")
    root = etree.fromstring(response.content)
    ns = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "n": "http://www.google.com/schemas/sitemap-news/0.9",
    }
    urls = root.findall("s:url", ns)
    assert [u.findtext("n:news/n:title", namespaces=ns) for u in urls] == ["Fresh & new"]
    news = urls[0].find("n:news", ns)
    assert news.findtext("n:publication/n:name", namespaces=ns) == "Sahel Desk"
    assert news.findtext("n:publication/n:language", namespaces=ns) == "en"
    published = datetime.fromisoformat(news.findtext("n:publication_date", namespaces=ns))
    assert published == fresh.published_at
    assert urls[0].findtext("s:loc", namespaces=ns).endswith(fresh.get_absolute_url())


def test_robots_txt_names_both_sitemaps(client, db):
    text = client.get("/robots.txt").text
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/sitemap-news.xml" in text


def test_favicon_ico_at_the_root_leads_to_the_site_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == static("brand/favicon.ico")
    assert finders.find("brand/favicon.ico")


PUBLIC_PAGES = [
    "/",
    "/articles/ambush-near-gao/",
    "/archive/",
    "/topics/",
    "/topics/places/",
    "/topics/places/mali/",
    "/authors/zach-silberman/",
    "/tags/peacekeeping/",
    "/corrections/",
    "/feeds/",
    "/about/",
]


def og(text, name):
    found = re.findall(rf'<meta property="og:{name}" content="([^"]*)">', text)
    assert len(found) == 1, name
    return found[0]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_public_page_has_a_canonical_link_and_opengraph(client, newsroom, url):
    Page.objects.create(title="About us", slug="about", body="<p>Us.</p>")
    text = client.get(url).text
    canonical = re.findall(r'<link rel="canonical" href="([^"]+)">', text)
    assert canonical == [f"http://testserver{url}"]
    assert og(text, "url") == canonical[0]
    assert og(text, "site_name") == "Sahel Desk"
    assert og(text, "type") == ("article" if url.startswith("/articles/") else "website")
    assert og(text, "title") and " · Sahel Desk" not in og(text, "title")
    assert og(text, "description")


def test_opengraph_says_what_the_page_is(client, newsroom):
    text = client.get("/topics/places/mali/").text
    assert og(text, "title") == "Mali"
    article = client.get("/articles/ambush-near-gao/").text
    assert og(article, "title") == "Ambush near Gao"
    assert og(article, "description") == newsroom.gao_ambush.summary


def test_a_title_with_markup_is_escaped_once_in_opengraph(client, make_article):
    article = make_article(title='Mali & "Wagner" <b>')
    text = client.get(article.get_absolute_url()).text
    assert og(text, "title") == "Mali &amp; &quot;Wagner&quot; &lt;b&gt;"


def test_the_canonical_link_keeps_the_page_number_and_drops_filters(client, newsroom):
    text = client.get("/tags/peacekeeping/?page=2&utm_source=x").text
    assert '<link rel="canonical" href="http://testserver/tags/peacekeeping/?page=2">' in text
    text = client.get("/?q=gao&places=mali").text
    assert '<link rel="canonical" href="http://testserver/">' in text


def test_the_articles_json_ld_names_its_publisher_with_a_logo(client, newsroom):
    text = client.get("/articles/ambush-near-gao/").text
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', text)[1])
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization" and publisher["name"] == "Sahel Desk"
    logo = publisher["logo"]["url"]
    assert logo.startswith("http://testserver/static/brand/logo")
    found = finders.find(urlsplit(logo).path.removeprefix("/static/"))
    with Image.open(found) as image:
        assert image.size == (publisher["logo"]["width"], publisher["logo"]["height"])
        assert image.size == (600, 60)
