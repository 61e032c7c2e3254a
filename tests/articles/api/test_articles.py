"""/api/articles/: the listing's filters with `/`'s meaning, cursors, the article."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article

pytestmark = pytest.mark.django_db

LISTING = "/api/articles/"


def slugs(response):
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


def site_slugs(client, query):
    response = client.get("/" + query)
    return [article.slug for article in response.context["articles"]]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?places=mali",
        "?places=gao&organisations=minusma",
        "?author=ada-diallo&author=zach-silberman",
        "?tag=peacekeeping",
        "?q=gao",
        "?q=keita&sort=relevance",
        "?has_corrections=true",
        "?sort=oldest",
        "?date_from=2000-01-01&places=sahel",
    ],
)
def test_filters_mean_what_they_mean_on_the_listing(client, world, query):
    assert slugs(client.get(LISTING + query)) == site_slugs(client, query)


def test_an_article_has_its_byline_in_order_terms_with_paths_tags_and_corrections(client, world):
    data = client.get(f"{LISTING}convoy-destroyed-in-niger/").json()
    assert [a["slug"] for a in data["authors"]] == ["ada-diallo", "zach-silberman"]
    (niger,) = data["terms"]
    assert niger["path"] == "Africa › Sahel › Niger"
    assert niger["broader"] == ["africa", "sahel"]
    assert niger["vocabulary"] == {"slug": "places", "name": "Places"}
    assert [u["kind"] for u in data["updates"]] == ["correction"]
    assert data["body"].startswith("<p>Operation Barkhane")
    assert data["lead_image"] is None


def test_the_listing_counts_every_match_and_pages_by_cursor(client, world):
    first = client.get(LISTING + "?limit=2").json()
    assert first["count"] == 3
    assert len(first["results"]) == 2
    second = client.get(f"{LISTING}?limit=2&cursor={first['next']}").json()
    assert second["next"] is None
    walked = [a["slug"] for a in first["results"] + second["results"]]
    assert walked == site_slugs(client, "")


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_a_cursor_is_stable_when_articles_are_published_meanwhile(
    client, world, make_article, sort
):
    first = client.get(f"{LISTING}?limit=1&sort={sort}").json()
    # One newer than all, one older than all: either would shift a page number.
    make_article(slug="newest-of-all", published_at=timezone.now() - timedelta(minutes=1))
    make_article(slug="oldest-of-all", published_at=timezone.now() - timedelta(days=400))
    rest = client.get(f"{LISTING}?limit=1&sort={sort}&cursor={first['next']}").json()
    expected = {"newest": "convoy-destroyed-in-niger", "oldest": "convoy-destroyed-in-niger"}
    assert rest["results"][0]["slug"] == expected[sort]
    assert rest["count"] == 5


def test_a_ranked_search_pages_by_cursor_in_rank_order(client, world, make_article):
    for n in range(3):
        make_article(slug=f"gao-{n}", title="Gao " * (n + 1), body="<p>Gao.</p>")
    everything = slugs(client.get(f"{LISTING}?q=gao&sort=relevance"))
    walked, cursor = [], ""
    while True:
        page = client.get(f"{LISTING}?q=gao&sort=relevance&limit=1{cursor}").json()
        walked += [item["slug"] for item in page["results"]]
        if not page["next"]:
            break
        cursor = f"&cursor={page['next']}"
    assert walked == everything
    assert walked[0] == "gao-2"  # the most repeated in the title ranks first
    assert len(walked) == 4


def bounded_ranking_articles(make_article, settings):
    """As tests/articles/public/test_listing.py's: two candidates ranked (title over
    standfirst), the older title match past the bound and the body-only matches after,
    newest first. Ranking every match would put "title-old" second."""
    settings.SEARCH_RANKED_CANDIDATES = 2
    now = timezone.now()
    for slug, age, fields in [
        ("title-old", 9, {"title": "Drought near Gao"}),
        ("title-mid", 4, {"title": "Markets of Gao"}),
        ("standfirst-new", 2, {"standfirst": "Fuel prices double in Gao."}),
        ("body-newest", 1, {"body": "<p>Traders in Gao.</p>"}),
        ("body-older", 6, {"body": "<p>Rain in Gao.</p>"}),
    ]:
        make_article(slug=slug, published_at=now - timedelta(days=age), **fields)
    return ["title-mid", "standfirst-new", "body-newest", "body-older", "title-old"]


def walk(client, query, limit):
    walked, cursor = [], ""
    while True:
        page = client.get(f"{LISTING}{query}&limit={limit}{cursor}").json()
        walked += [item["slug"] for item in page["results"]]
        if not page["next"]:
            return walked
        cursor = f"&cursor={page['next']}"


def test_relevance_is_the_listings_bounded_ranking_on_every_page(client, make_article, settings):
    expected = bounded_ranking_articles(make_article, settings)
    query = "?q=Gao&sort=relevance"
    assert site_slugs(client, query) == expected
    assert slugs(client.get(LISTING + query)) == expected
    assert walk(client, query, limit=2) == expected
    assert client.get(LISTING + query).json()["count"] == 5


def test_a_relevance_cursor_whose_last_article_has_left_goes_on_from_its_place(
    client, make_article, settings
):
    bounded_ranking_articles(make_article, settings)
    first = client.get(f"{LISTING}?q=Gao&sort=relevance&limit=3").json()
    assert [a["slug"] for a in first["results"]][-1] == "body-newest"
    Article.objects.filter(slug="body-newest").update(status=Article.Status.WITHDRAWN)
    rest = client.get(f"{LISTING}?q=Gao&sort=relevance&limit=3&cursor={first['next']}").json()
    assert [a["slug"] for a in rest["results"]] == ["body-older", "title-old"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("?year=3000", "year"),
        ("?month=13", "month"),
        ("?date_from=2013-02-30", "date_from"),
        ("?sort=sideways", "sort"),
        ("?has_updates=maybe", "has_updates"),
        ("?limit=0", "limit"),
        ("?limit=abc", "limit"),
        ("?cursor=not-a-cursor", "cursor"),
        ("?page=2", "page"),
        ("?q=" + "x" * 300, "q"),
    ],
)
def test_an_invalid_parameter_is_a_400_naming_it(client, world, query, parameter):
    response = client.get(LISTING + query)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert parameter in [e["parameter"] for e in response.json()["errors"]]


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("?places=nowhere", "No places term “nowhere”: refused."),
        ("?author=nobody", "No author “nobody”: refused."),
        ("?sort=relevance", "Relevance needs a search"),
        ("?utm_source=newsletter", "Unknown parameter “utm_source” is refused."),
        ("?q=mali%00", "Search “mali"),
    ],
)
def test_what_the_site_would_ignore_is_refused_with_its_notice(client, world, query, words):
    response = client.get(LISTING + query)
    assert response.status_code == 400
    messages = [e["message"] for e in response.json()["errors"]]
    assert any(words in message for message in messages), messages


def test_a_cursor_of_another_sort_is_refused(client, world):
    cursor = client.get(LISTING + "?limit=1").json()["next"]
    response = client.get(f"{LISTING}?sort=oldest&cursor={cursor}")
    assert response.status_code == 400
    assert "newest" in response.json()["errors"][0]["message"]


def test_an_unknown_article_is_a_json_404(client, world):
    response = client.get(f"{LISTING}no-such-article/")
    assert response.status_code == 404
    assert response.json()["detail"] == "Not found."


@pytest.mark.parametrize("count", [1, 11])
def test_the_listing_runs_a_constant_number_of_queries(
    client, make_article, make_author, make_term, django_assert_max_num_queries, count
):
    term = make_term(parent=make_term())
    for n in range(count):
        make_article(
            authors=[make_author(), make_author()],
            terms=[term],
            tags=[f"tag-{n}", "shared"],
            updates=[{"kind": "correction", "body": "<p>Fixed.</p>"}],
        )
    client.get(LISTING)  # the process's listing index is built once per change
    with django_assert_max_num_queries(7):
        data = client.get(f"{LISTING}?{term.vocabulary.slug}={term.slug}&limit=20").json()
    assert len(data["results"]) == count
    with django_assert_max_num_queries(7):
        client.get(f"{LISTING}{data['results'][0]['slug']}/")


@pytest.mark.parametrize(
    "url",
    [
        "/api/articles/%00/",
        "/api/authors/%00/",
        "/api/vocabularies/%00/",
        "/api/articles/%ED%A0%80/",
        "/api/articles/?author=%00",
        "/api/articles/?places=%ED%A0%80",
        "/api/articles/?cursor=%00",
        "/api/tags/?cursor=WyJzbHVnIixbIlx1MDAwMCJdXQ",  # a well-made cursor holding a NUL
        "/api/articles/?limit=99999999999999999999999",
    ],
)
def test_a_nul_a_lone_surrogate_or_a_huge_number_is_a_4xx_never_a_500(client, world, url):
    response = client.get(url)
    assert response.status_code in (400, 404), response.content
    assert response.json()["detail"]
