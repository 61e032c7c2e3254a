"""Article, term, vocabulary, author, tag and archive pages; feeds; sitemap; robots."""

import json
import re

import feedparser
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def json_ld(response):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.text, re.S)
    return json.loads(match.group(1))


def test_article_page_metadata(client, world):
    article = world.niger_convoy
    response = client.get(article.get_absolute_url())
    url = "http://testserver" + article.get_absolute_url()
    assert f'<link rel="canonical" href="{url}">' in response.text
    assert f'<meta property="og:title" content="{article.title}">' in response.text
    data = json_ld(response)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.title
    assert data["datePublished"] == article.published_at.isoformat()
    article.refresh_from_db()
    assert data["dateModified"] == article.updated_at.isoformat()
    assert [a["name"] for a in data["author"]] == ["Ada Diallo", "Zach Silberman"]
    assert {t["name"] for t in data["about"]} == {"Niger"}
    assert data["correction"][0]["text"] == "The convoy came from Libya."


def test_article_page_marks_corrections_and_shows_updated(client, world):
    response = client.get(world.niger_convoy.get_absolute_url())
    assert "Updated" in response.text
    assert 'class="kind kind--correction">Correction</strong>' in response.text


def test_article_page_groups_terms_by_vocabulary_with_links(client, world):
    response = client.get(world.ecowas_plan.get_absolute_url())
    text = response.text
    assert "<dt>Places</dt>" in text and "<dt>Organisations</dt>" in text
    assert f'href="{world.keita.get_absolute_url()}"' in text


def test_related_articles_share_the_most_terms_and_are_published(client, world, make_article):
    twin = make_article(slug="twin", terms=[world.gao, world.minusma])
    make_article(slug="cousin", terms=[world.minusma])
    related = client.get(world.gao_ambush.get_absolute_url()).context["related"]
    assert [a.slug for a in related] == ["twin", "cousin"]
    assert twin in related
    assert all(a.slug != "secret-draft" for a in related)


def test_term_page_breadcrumb_children_and_descendant_articles(client, world):
    response = client.get(world.mali.get_absolute_url())
    assert [t.name for t in response.context["breadcrumb"]] == ["Africa", "Sahel"]
    assert [t.name for t in response.context["children"]] == ["Gao"]
    assert {a.slug for a in response.context["articles"]} == {
        "ambush-near-gao",
        "ecowas-plans-a-force",
    }


def test_vocabulary_index_and_tree(client, world):
    assert "Places" in client.get(reverse("articles:vocabularies")).text
    response = client.get(reverse("articles:vocabulary", args=["places"]))
    tree = [(term.name, depth, count) for term, depth, count in response.context["tree"]]
    assert ("Africa", 0, 3) in tree
    assert ("Gao", 3, 1) in tree


def test_author_tag_and_archive_pages(client, world):
    response = client.get(world.zach.get_absolute_url())
    assert {a.slug for a in response.context["articles"]} == {
        "ambush-near-gao",
        "convoy-destroyed-in-niger",
    }
    response = client.get(reverse("articles:tag", args=["intervention"]))
    assert [a.slug for a in response.context["articles"]] == ["ecowas-plans-a-force"]
    response = client.get(reverse("articles:archive"))
    assert sum(row["count"] for _, months in response.context["years"] for row in months) == 3


FEEDS = [
    ("articles:rss", []),
    ("articles:atom", []),
    ("articles:term_rss", ["places", "sahel"]),
    ("articles:term_atom", ["places", "sahel"]),
    ("articles:author_rss", ["zach-silberman"]),
    ("articles:author_atom", ["zach-silberman"]),
    ("articles:tag_rss", ["peacekeeping"]),
    ("articles:tag_atom", ["peacekeeping"]),
]


@pytest.mark.parametrize(("name", "args"), FEEDS)
def test_feeds_parse_cleanly_and_hold_only_published_articles(client, world, name, args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    titles = [entry.title for entry in feed.entries]
    assert titles
    assert "Secret draft about Gao" not in titles


def test_atom_entry_updated_date_follows_the_latest_update(client, world):
    feed = feedparser.parse(client.get(reverse("articles:atom")).content)
    entry = next(e for e in feed.entries if e.title == "Convoy destroyed in Niger")
    world.niger_convoy.refresh_from_db()
    assert entry.updated_parsed[:5] == world.niger_convoy.updated_at.utctimetuple()[:5]
    assert entry.published_parsed[:5] == world.niger_convoy.published_at.utctimetuple()[:5]


def test_sitemap_and_robots(client, world):
    sitemap = client.get(reverse("sitemap")).text
    assert world.gao_ambush.get_absolute_url() in sitemap
    assert world.gao.get_absolute_url() in sitemap
    assert "secret-draft" not in sitemap
    robots = client.get("/robots.txt").text
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    assert "Disallow: /admin/" in robots


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/?q=gao&places=sahel",
        "/articles/ambush-near-gao/",
        "/topics/",
        "/topics/places/",
        "/topics/places/mali/",
        "/authors/zach-silberman/",
        "/tags/peacekeeping/",
        "/archive/",
    ],
)
def test_public_pages_are_accessible_html(client, world, url):
    text = client.get(url).text
    assert text.count("<h1") == 1
    assert '<main id="main"' in text
    assert 'class="skip-link" href="#main"' in text
    assert " on" + "click=" not in text and "style=" not in text
    for control_id in re.findall(r'<(?:input|select)[^>]*\bid="([^"]+)"', text):
        assert f'for="{control_id}"' in text, control_id


@pytest.mark.parametrize(
    ("url", "limit"),
    [
        ("/articles/{article}/", 8),  # with its attached documents
        ("/topics/places/sahel/", 7),
        ("/authors/zach-silberman/", 5),
        ("/tags/peacekeeping/", 5),
        ("/topics/places/", 3),
        ("/archive/", 1),
        # Feeds: +2 for their entries' categories (terms and tags).
        ("/feeds/rss/", 5),
        ("/topics/places/sahel/atom/", 5),
        ("/sitemap.xml", 9),  # +1: the static pages
        ("/sitemap-news.xml", 1),
        ("/corrections/", 2),
        ("/corrections/atom/", 1),
        ("/feeds/", 0),
    ],
)
def test_pages_run_a_constant_number_of_queries(
    client, world, make_article, make_term, django_assert_max_num_queries, url, limit
):
    url = url.format(article=world.gao_ambush.slug)
    # +1 on the first request only: the scheduled-changes check, until it is cached
    # (articles.services.staged.next_change_due_at); the second request has the limit.
    with django_assert_max_num_queries(limit + 1):
        assert client.get(url).status_code == 200
    for n in range(12):
        make_article(
            terms=[world.gao, world.minusma, make_term(vocabulary=world.places, parent=world.gao)],
            authors=[world.zach],
            tags=["peacekeeping", f"more {n}"],
            updates=[{"body": f"<p>Update {n}</p>"}],
        )
    world.gao_ambush.terms.add(*[make_term(vocabulary=world.people) for _ in range(5)])
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200
