"""Pages with numbers, ellipses, first and last, Previous / Next labels that are right
under every sort order, and rel=prev/next in the head and on the links."""

import html
import re
from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(make_article, make_term):
    """205 articles (11 pages of 20), one a day, all under one term."""
    term = make_term(slug="gao", name="Gao")
    now = timezone.now()
    for n in range(205):
        make_article(slug=f"day-{n}", published_at=now - timedelta(days=n + 1), terms=[term])
    return term


def page_numbers(response):
    """The numbered links as the reader sees them: numbers and "…"."""
    nav = response.text.split('<ol class="pagination-pages">', 1)[1].split("</ol>", 1)[0]
    return re.findall(r">(\d+|…)</", nav)


def link(response, rel):
    nav = response.text.split('<nav class="pagination"', 1)[1]
    url, label = re.search(rf'<a href="([^"]*)" rel="{rel}"[^>]*>(.*?)</a>', nav).groups()
    return html.unescape(url), label


def test_page_numbers_with_ellipses_and_the_first_and_last_page(client, many):
    assert page_numbers(client.get("/?page=6")) == ["1", "…", "4", "5", "6", "7", "8", "…", "11"]
    assert page_numbers(client.get("/")) == ["1", "2", "3", "…", "11"]
    # One page between: the number, not an ellipsis.
    assert page_numbers(client.get("/?page=4")) == ["1", "2", "3", "4", "5", "6", "…", "11"]
    assert page_numbers(client.get("/?page=11")) == ["1", "…", "9", "10", "11"]


def test_the_current_page_is_marked_for_screen_readers(client, many):
    text = client.get("/?page=6").text
    assert 'aria-current="page" aria-label="Page 6, current page">6</a>' in text
    assert 'aria-label="Page 11, last page">11</a>' in text


@pytest.mark.parametrize(
    ("sort", "previous", "following"),
    [("newest", "newer", "older"), ("oldest", "older", "newer")],
)
def test_previous_and_next_say_what_they_lead_to_under_each_sort(
    client, many, sort, previous, following
):
    response = client.get(f"/?sort={sort}&page=3" if sort != "newest" else "/?page=3")
    url, label = link(response, "next")
    assert f"({following})" in label and "Next" in label
    assert f"({previous})" in link(response, "prev")[1]
    # And the label is true: the next page's first article is newer (oldest first)
    # or older (newest first) than this page's last.
    here = response.context["articles"][-1].published_at
    there = client.get(url).context["articles"][0].published_at
    assert (there > here) == (following == "newer")


def test_rel_prev_and_next_in_the_head_keep_the_filters(client, many):
    response = client.get("/?places=gao&page=2")
    head = response.text.split("</head>", 1)[0]
    assert '<link rel="prev" href="/?places=gao">' in head
    assert '<link rel="next" href="/?places=gao&amp;page=3">' in head
    assert link(response, "prev")[0] == "/?places=gao"


def test_the_first_page_has_no_prev_and_the_last_no_next(client, many):
    first = client.get("/").text
    assert 'rel="prev"' not in first and '<link rel="next" href="/?page=2">' in first
    last = client.get("/?page=11").text
    assert 'rel="next"' not in last


@pytest.mark.parametrize("kind", ["term", "author", "tag"])
def test_term_author_and_tag_pages_use_the_same_pagination(
    client, make_article, make_term, make_author, kind
):
    term, author = make_term(), make_author()
    now = timezone.now()
    for n in range(45):
        make_article(
            published_at=now - timedelta(days=n + 1), terms=[term], authors=[author], tags=["x"]
        )
    url = {"term": term.get_absolute_url(), "author": author.get_absolute_url(), "tag": "/tags/x/"}
    response = client.get(url[kind], {"page": 2})
    assert page_numbers(response) == ["1", "2", "3"]
    assert link(response, "next")[0] == f"{url[kind]}?page=3"
    assert link(response, "prev")[0] == url[kind]
    assert f'<link rel="next" href="{url[kind]}?page=3">' in response.text


def test_a_single_page_has_no_navigation(client, world):
    text = client.get("/").text
    assert 'class="pagination"' not in text and 'rel="next"' not in text
