"""Long-form reading on an article's page: contents, section ids, reading time, share
links, back to top, and the print stylesheet."""

import html
import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from articles.models import Update

pytestmark = pytest.mark.django_db


def sections(*titles, words=10):
    return "".join(f"<h2>{t}</h2><p>{'word ' * words}</p>" for t in titles)


def toc_links(text):
    match = re.search(r'<nav class="toc".*?</nav>', text, re.S)
    return re.findall(r'<a href="#([^"]+)">([^<]+)</a>', match.group()) if match else None


def share_hrefs(text):
    return {
        name: html.unescape(href)
        for href, name in re.findall(
            r'<a href="([^"]+)" rel="noopener noreferrer" data-share="([a-z]+)"', text
        )
    }


def test_article_with_three_sections_has_contents_linking_to_each(client, make_article):
    article = make_article(body=sections("Background", "The mission", "What next"))
    text = client.get(article.get_absolute_url()).text
    assert toc_links(text) == [
        ("background", "Background"),
        ("the-mission", "The mission"),
        ("what-next", "What next"),
    ]
    for section_id in ("background", "the-mission", "what-next"):
        assert f'<h2 id="{section_id}">' in text


def test_article_with_two_sections_has_no_contents(client, make_article):
    article = make_article(body=sections("Background", "The mission"))
    text = client.get(article.get_absolute_url()).text
    assert toc_links(text) is None
    assert '<h2 id="background">Background</h2>' in text


def test_contents_lists_the_updates_section_when_there_are_updates(client, make_article):
    article = make_article(
        body=sections("One", "Two", "Three"),
        updates=[
            {"kind": Update.Kind.UPDATE, "body": "<p>Later.</p>", "published_at": timezone.now()}
        ],
    )
    links = toc_links(client.get(article.get_absolute_url()).text)
    assert links[-1] == ("updates-heading", "Updates and corrections")


def test_section_ids_are_stable_when_another_section_is_inserted(client, make_article):
    article = make_article(body=sections("Background", "The mission", "What next"))
    article.body = sections("Background", "A new section", "The mission", "What next")
    article.save()
    ids = [section_id for section_id, _ in toc_links(client.get(article.get_absolute_url()).text)]
    assert ids == ["background", "a-new-section", "the-mission", "what-next"]


def test_repeated_and_reserved_headings_get_ids_of_their_own(client, make_article):
    article = make_article(body=sections("Notes", "Notes", "Main", "Update 1", "Ça va ?", "???"))
    ids = [section_id for section_id, _ in toc_links(client.get(article.get_absolute_url()).text)]
    assert ids == ["notes", "notes-2", "main-section", "update-1-section", "ca-va", "section-6"]


def test_heading_markup_is_kept_and_its_text_is_the_contents_entry(client, make_article):
    article = make_article(body=sections("<em>Smart</em> power &amp; Mali", "Two", "Three"))
    text = client.get(article.get_absolute_url()).text
    assert '<h2 id="smart-power-mali"><em>Smart</em> power &amp; Mali</h2>' in text
    assert toc_links(text)[0] == ("smart-power-mali", "Smart power &amp; Mali")


@pytest.mark.parametrize(("words", "minutes"), [(10, 1), (460, 2), (2300, 10)])
def test_reading_time_counts_the_body_at_230_words_a_minute(client, make_article, words, minutes):
    article = make_article(body=f"<p>{'word ' * words}</p>")
    assert f"{minutes} min read" in client.get(article.get_absolute_url()).text


def test_reading_time_counts_the_updates(client, make_article):
    now = timezone.now()
    article = make_article(
        body=f"<p>{'word ' * 460}</p>",
        updates=[
            {"kind": Update.Kind.UPDATE, "body": f"<p>{'more ' * 230}</p>", "published_at": now},
            {
                "kind": Update.Kind.CORRECTION,
                "body": f"<p>{'fix ' * 230}</p>",
                "published_at": now,
            },
        ],
    )
    assert "4 min read" in client.get(article.get_absolute_url()).text


def test_share_links_carry_the_address_and_title_encoded(client, make_article):
    title = 'Mali & "Niger": <troops>?'
    article = make_article(title=title, slug="mali-and-niger")
    response = client.get(article.get_absolute_url())
    url = "http://testserver/articles/mali-and-niger/"
    hrefs = share_hrefs(response.text)
    assert set(hrefs) == {"email", "x", "linkedin", "bluesky", "facebook"}
    query = {name: parse_qs(urlsplit(href).query) for name, href in hrefs.items()}
    assert query["email"] == {"subject": [title], "body": [url]}
    assert query["x"] == {"text": [title], "url": [url]}
    assert query["linkedin"] == {"url": [url]}
    assert query["bluesky"] == {"text": [f"{title} {url}"]}
    assert query["facebook"] == {"u": [url]}
    assert urlsplit(hrefs["x"]).netloc == "x.com"
    # The href is escaped as an attribute: its & are written &amp;.
    assert "&amp;" in re.search(r'href="(https://x\.com[^"]+)"', response.text).group(1)
    assert not re.search(r'<script[^>]+src="https?://', response.text)


def test_copy_link_is_a_plain_link_to_the_article_without_javascript(client, make_article):
    article = make_article(slug="copy-me")
    text = client.get(article.get_absolute_url()).text
    assert (
        '<a href="http://testserver/articles/copy-me/" class="copy-link" data-copy-link>' in text
    )


def test_back_to_top_leads_to_the_article(client, make_article):
    text = client.get(make_article().get_absolute_url()).text
    assert '<article class="article" id="top">' in text
    assert '<a href="#top">Back to top</a>' in text


def test_print_stylesheet_is_linked_for_print_only(client, make_article):
    text = client.get(make_article().get_absolute_url()).text
    assert re.search(r'<link rel="stylesheet" href="/static/css/print\.css" media="print">', text)
    assert re.search(r'<link rel="stylesheet" href="/static/css/site\.css">', text)


def test_printed_page_carries_the_canonical_address(client, make_article):
    article = make_article(slug="printed", published_at=timezone.now() - timedelta(days=1))
    text = client.get(article.get_absolute_url()).text
    assert (
        '<p class="print-only canonical">Sahel Desk · http://testserver/articles/printed/</p>'
        in text
    )


def test_every_page_has_the_favicons_and_the_wordmark(client, make_article):
    make_article()
    text = client.get("/").text
    assert '<link rel="icon" href="/static/brand/icon.svg" type="image/svg+xml">' in text
    assert '<link rel="icon" href="/static/brand/favicon.ico" sizes="32x32">' in text
    assert '<link rel="apple-touch-icon" href="/static/brand/apple-touch-icon.png">' in text
    assert '<span class="wordmark-name">Sahel Desk</span>' in text
    assert '<meta name="color-scheme" content="light dark">' in text
