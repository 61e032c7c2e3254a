"""Nothing unpublished leaks; no reader input breaks a page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Update

pytestmark = pytest.mark.django_db

HIDDEN_STATES = {
    "draft": {"status": Article.Status.DRAFT},
    "review": {"status": Article.Status.IN_REVIEW},
    "withdrawn": {"status": Article.Status.WITHDRAWN, "published_at": timezone.now()},
    "scheduled": {"published_at": timezone.now() + timedelta(days=2)},
}


@pytest.fixture(params=list(HIDDEN_STATES))
def hidden(request, world, make_article, make_term):
    """An unpublished article with its own term, tag and author, and a unique word."""
    fields = dict(HIDDEN_STATES[request.param])
    if request.param == "withdrawn":
        fields["published_at"] = timezone.now() - timedelta(days=1)
    lonely = make_term(
        vocabulary=world.places, name="Lonely Oasis", slug="lonely", parent=world.mali
    )
    article = make_article(
        title="Quixotic hidden piece",
        slug="hidden-piece",
        body="<p>Quixotic words.</p>",
        terms=[lonely, world.gao],
        tags=["hidden-tag"],
        authors=[world.ada],
        **fields,
    )
    return article


def visible(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404)
    return response.status_code == 200 and (
        "Quixotic" in response.text or "hidden-piece" in response.text
    )


def test_unpublished_article_is_on_no_public_surface(client, world, hidden):
    surfaces = [
        "/",
        "/?q=quixotic",
        "/?places=lonely",
        "/topics/places/lonely/",
        "/topics/places/gao/",
        "/authors/ada-diallo/",
        "/tags/hidden-tag/",
        "/archive/",
        "/feeds/rss/",
        "/feeds/atom/",
        "/topics/places/gao/rss/",
        "/authors/ada-diallo/atom/",
        "/tags/hidden-tag/rss/",
        "/sitemap.xml",
        world.gao_ambush.get_absolute_url(),  # related articles
    ]
    for url in surfaces:
        assert not visible(client, url), url
    # A withdrawn article's address says it is gone (410), and nothing of it.
    response = client.get(hidden.get_absolute_url())
    assert response.status_code == (410 if hidden.status == Article.Status.WITHDRAWN else 404)
    assert "Quixotic" not in response.text


def test_unpublished_article_is_on_none_of_the_new_surfaces(client, world, hidden):
    """The corrections page and its feeds, the news sitemap."""
    Update.objects.create(article=hidden, kind="correction", body="<p>Quixotic fix.</p>")
    for url in ["/corrections/", "/corrections/rss/", "/corrections/atom/", "/sitemap-news.xml"]:
        assert not visible(client, url), url


def test_unpublished_article_is_in_no_facet_count(client, world, hidden):
    response = client.get("/")
    counts = {v.value: v.count for f in response.context["facets"] for v in f.values}
    assert "lonely" not in counts
    assert "hidden-tag" not in counts
    assert counts["gao"] == 1
    assert response.context["total"] == 3


BAD_INPUTS = [
    "?places=no-such-term",
    "?organisations=mali",
    "?author=nobody&tag=nothing",
    "?page=abc",
    "?page=999",
    "?page=-1",
    "?date_from=2013-02-30&date_to=yesterday",
    "?q=" + "x" * 10_000,
    "?q=mali%00&places=gao%00",
    "?author=%00",
    "?q=a&q=b&places=gao&places=gao",
    "?year=99999999999999&month=0",
    "?sort=sideways",
    "?sort=relevance",
    "?q=%22unbalanced",
    "?q=%26%7C%21%3A*()",
    "?has_updates=maybe",
    "?places=" + "&places=".join(["gao"] * 200),
    "?utm_source=newsletter",
]


@pytest.mark.parametrize("query", BAD_INPUTS)
def test_bad_input_is_ignored_with_a_notice_never_a_500(client, world, query):
    response = client.get("/" + query)
    assert response.status_code == 200
    harmless = {"?q=a&q=b&places=gao&places=gao", "?q=%22unbalanced", "?q=%26%7C%21%3A*()"}
    harmless |= {"?has_updates=maybe", "?places=" + "&places=".join(["gao"] * 200)}
    if query not in harmless:
        assert response.context["notices"], query
        assert 'class="notices" role="status"' in response.text


@pytest.mark.parametrize(
    "url",
    [
        "/topics/places/no-such-term/",
        "/topics/no-such-vocabulary/",
        "/authors/nobody/",
        "/tags/nothing/",
        "/topics/places/no-such-term/rss/",
        "/articles/no-such-article/",
    ],
)
def test_unknown_slugs_in_paths_answer_404(client, world, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "url", ["/topics/places/gao/?page=abc", "/authors/zach-silberman/?page=9"]
)
def test_bad_pages_on_term_and_author_pages_are_ignored(client, world, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["page_notice"]


def test_term_lookup_survives_odd_input(client, world):
    url = reverse("articles:term_lookup")
    for q in ["", "a", "%", "x" * 5000, "gao\x00", "'; DROP TABLE"]:
        response = client.get(url, {"q": q})
        assert response.status_code == 200
