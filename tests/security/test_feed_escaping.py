"""Plain-text fields stay text in every feed reader: markup typed into them is shown, not run.

Readers decode an RSS description and an Atom summary (type="html") as HTML; a
standfirst, a title, a term's, an author's or a tag's name are plain text, so they are
sent HTML-escaped there (or in fields that are text). feedparser reads the feeds as a
reader would and sanitises HTML it finds: a live tag shows as a changed or missing value.
"""

import html

import feedparser
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

MARKUP = "<b>bold</b> & <script>alert(1)</script>"


@pytest.fixture
def marked_up(make_vocabulary, make_term, make_author, make_article):
    vocabulary = make_vocabulary(name="Places <i>x</i>", slug="places")
    term = make_term(vocabulary=vocabulary, name=f"Term {MARKUP}", slug="term")
    author = make_author(name=f"Author {MARKUP}", slug="author")
    make_article(
        title=f"Title {MARKUP}",
        standfirst=f"Standfirst {MARKUP}",
        authors=[author],
        terms=[term],
        tags=[f"tag {MARKUP}"],
    )
    return term, author


def feed_urls(term, author):
    from taggit.models import Tag

    tag = Tag.objects.get()
    urls = []
    for kind in ("rss", "atom"):
        urls.append(reverse(f"articles:{kind}"))
        urls.append(reverse(f"articles:term_{kind}", args=[term.vocabulary.slug, term.slug]))
        urls.append(reverse(f"articles:author_{kind}", args=[author.slug]))
        urls.append(reverse(f"articles:tag_{kind}", args=[tag.slug]))
    return urls


def test_markup_in_plain_text_fields_is_text_in_every_feed(client, marked_up):
    for url in feed_urls(*marked_up):
        feed = feedparser.parse(client.get(url).content)
        assert not feed.bozo, url
        entry = feed.entries[0]
        assert entry.title == f"Title {MARKUP}", url
        # The summary is HTML without a single element, whose text is what was typed.
        assert "<" not in entry.summary, url
        assert html.unescape(entry.summary) == f"Standfirst {MARKUP}", url
        if "author" in entry:
            assert entry.author == f"Author {MARKUP}", url
        # The feed's own description: HTML without an element (RSS), or plain text (Atom).
        detail = feed.feed.subtitle_detail
        if detail.type == "text/html":
            assert "<" not in detail.value, url
        else:
            assert detail.type == "text/plain", url


def test_a_term_name_in_an_rss_channel_description_is_escaped(client, marked_up):
    term, _ = marked_up
    url = reverse("articles:term_rss", args=[term.vocabulary.slug, term.slug])
    feed = feedparser.parse(client.get(url).content)
    assert "<script" not in feed.feed.subtitle
    assert f"Term {MARKUP}" in html.unescape(feed.feed.subtitle)


def test_an_entity_typed_into_a_standfirst_stays_as_typed(client, make_article):
    make_article(standfirst="AT&amp;T &lt;script&gt;")
    for url in (reverse("articles:rss"), reverse("articles:atom")):
        feed = feedparser.parse(client.get(url).content)
        assert html.unescape(feed.entries[0].summary) == "AT&amp;T &lt;script&gt;", url
