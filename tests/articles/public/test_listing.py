"""The filtered listing at `/`: filters, facets, chips, pagination, sorting."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def listing(client, **params):
    response = client.get(reverse("articles:list"), params)
    assert response.status_code == 200
    return response


def slugs(response):
    return [article.slug for article in response.context["articles"]]


def facet(response, param):
    return {
        value.value: value.count
        for f in response.context["facets"]
        if f.param == param
        for value in f.values
    }


def test_a_term_includes_its_narrower_terms(client, world):
    assert slugs(listing(client, places="sahel")) == [
        "ecowas-plans-a-force",
        "convoy-destroyed-in-niger",
        "ambush-near-gao",
    ]
    assert slugs(listing(client, places="mali")) == ["ecowas-plans-a-force", "ambush-near-gao"]


def test_terms_of_one_vocabulary_are_ored_and_vocabularies_anded(client, world):
    response = client.get("/?places=gao&places=niger")
    assert slugs(response) == ["convoy-destroyed-in-niger", "ambush-near-gao"]
    response = client.get("/?places=gao&places=niger&organisations=un")
    assert slugs(response) == ["ambush-near-gao"]


def test_filter_by_author_tag_and_corrections(client, world):
    assert slugs(listing(client, author="ada-diallo")) == ["convoy-destroyed-in-niger"]
    assert slugs(listing(client, tag="intervention")) == ["ecowas-plans-a-force"]
    assert slugs(listing(client, has_corrections="on")) == ["convoy-destroyed-in-niger"]
    assert set(slugs(listing(client, has_updates="on"))) == {
        "convoy-destroyed-in-niger",
        "ecowas-plans-a-force",
    }


def test_filter_by_date_range_and_archive_month(client, world):
    today = timezone.now().date()
    response = listing(client, date_from=str(today - timedelta(days=2)))
    assert set(slugs(response)) == {"convoy-destroyed-in-niger", "ecowas-plans-a-force"}
    response = listing(client, date_to=str(today - timedelta(days=3)))
    assert slugs(response) == ["ambush-near-gao"]
    when = world.gao_ambush.published_at
    response = listing(client, year=when.year, month=when.month)
    assert "ambush-near-gao" in slugs(response)
    assert slugs(listing(client, year=1999)) == []


def test_sort_oldest_and_relevance(client, world, make_article):
    assert slugs(listing(client, sort="oldest"))[0] == "ambush-near-gao"
    # "Gao" in a title (weight A, 3 days old), in a standfirst (B, 5 days old) and in
    # two bodies only (not ranked: newest first among them, 1 and 10 days old). No
    # order by date alone gives this one, nor one that ranks a standfirst over a title.
    now = timezone.now()
    for slug, age, fields in [
        ("in-the-standfirst", 5, {"standfirst": "Fuel prices double in Gao."}),
        ("body-newest", 1, {"body": "<p>Traders in Gao.</p>"}),
        ("body-oldest", 10, {"body": "<p>Rain in Gao.</p>"}),
    ]:
        make_article(slug=slug, published_at=now - timedelta(days=age), **fields)
    assert slugs(listing(client, q="Gao", sort="relevance")) == [
        "ambush-near-gao",
        "in-the-standfirst",
        "body-newest",
        "body-oldest",
    ]


def test_facet_counts_say_what_picking_a_value_would_give(client, world):
    response = listing(client)
    places = facet(response, "places")
    assert places["sahel"] == 3
    assert places["mali"] == 2
    assert places["gao"] == 1
    assert facet(response, "author") == {"zach-silberman": 2, "ada-diallo": 1}
    # With Gao picked, other places still count over the other filters (OR),
    # while organisations count within the current results.
    response = listing(client, places="gao")
    assert facet(response, "places")["niger"] == 1
    assert facet(response, "organisations") == {"un": 1, "minusma": 1}


def test_facets_never_count_unpublished_articles(client, world):
    response = listing(client)
    assert facet(response, "organisations")["ecowas"] == 1
    assert "unreleased" not in facet(response, "tag")
    assert facet(response, "author")["ada-diallo"] == 1


def test_chips_remove_one_filter_each(client, world):
    response = client.get("/?places=gao&places=niger&author=zach-silberman")
    chips = dict(response.context["chips"])
    assert set(chips) == {"Places: Gao", "Places: Niger", "Author: Zach Silberman"}
    without_gao = client.get(chips["Places: Gao"])
    assert slugs(without_gao) == ["convoy-destroyed-in-niger"]
    assert "Remove filter Places: Niger" in response.text


def test_pagination_order_is_stable_by_date_then_id(client, make_article, settings):
    when = timezone.now() - timedelta(days=1)
    made = [make_article(published_at=when) for _ in range(25)]
    first = slugs(client.get("/"))
    second = slugs(client.get("/?page=2"))
    assert len(first) == 20 and len(second) == 5
    assert first + second == [a.slug for a in sorted(made, key=lambda a: -a.pk)]


def test_the_url_holds_the_whole_state(client, world):
    response = client.get("/?places=gao&q=peacekeepers&sort=oldest")
    assert 'value="gao" id="f-places-gao" checked' in response.text
    assert 'value="peacekeepers"' in response.text
    assert '<option value="oldest" selected>' in response.text


def test_empty_result_explains_what_to_do(client, world):
    response = client.get("/?q=zebra")
    assert "No published article matches “zebra”" in response.text
    assert reverse("articles:vocabularies") in response.text


def test_listing_runs_a_constant_number_of_queries_with_filters_and_search(
    client, world, make_article, django_assert_max_num_queries
):
    url = "/?places=sahel&organisations=un&q=peacekeepers&author=zach-silberman&tag=peacekeeping"
    with django_assert_max_num_queries(16):
        client.get(url)
    for n in range(15):
        make_article(
            title=f"Peacekeepers {n}",
            body="<p>Peacekeepers in Gao.</p>",
            terms=[world.gao, world.minusma],
            authors=[world.zach],
            tags=["peacekeeping", f"tag {n}"],
        )
    with django_assert_max_num_queries(16):
        response = client.get(url)
    assert response.context["total"] == 16


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Gao", "ambush-near-gao"),
        ("gao", "ambush-near-gao"),
        ("Nigerr", "convoy-destroyed-in-niger"),
    ],
)
def test_term_finder_accepts_names_and_near_spellings(client, world, typed, expected):
    response = listing(client, places=typed)
    assert slugs(response) == [expected]


def test_term_finder_says_which_term_it_used_for_a_misspelling(client, world):
    response = listing(client, people="Keyta")
    assert slugs(response) == ["ecowas-plans-a-force"]
    assert "Showing Ibrahim Boubacar Keïta for “Keyta”." in response.context["notices"]


def test_author_and_tag_facets_follow_changes_to_bylines_and_tags(client, world):
    world.ecowas_plan.tags.remove("intervention")
    world.ecowas_plan.tags.add("diplomacy")
    world.ecowas_plan.article_authors.create(author=world.ada, position=0)
    response = listing(client)
    assert "intervention" not in facet(response, "tag")
    assert facet(response, "tag")["diplomacy"] == 1
    assert facet(response, "author")["ada-diallo"] == 2


def test_chip_addresses_drop_the_forms_empty_fields(client, world):
    # The listing redirects such an address to a clean one first (test_clean_addresses).
    url = "/?q=&places=gao&places=&organisations=minusma&date_from=&sort=oldest"
    response = client.get(url, follow=True)
    chips = dict(response.context["chips"])
    assert chips["Places: Gao"] == "?organisations=minusma&sort=oldest"


def test_relevance_ranks_only_the_newest_head_matches_and_counts_every_match(
    client, make_article, settings
):
    # Two candidates ranked (title over standfirst, whatever their dates); the older title
    # match past the bound and the body-only matches follow, newest first. Ranking every
    # match would put "title-old" second; an order by date alone would start with a body.
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
    response = listing(client, q="Gao", sort="relevance")
    assert slugs(response) == [
        "title-mid",
        "standfirst-new",
        "body-newest",
        "body-older",
        "title-old",
    ]
    assert response.context["total"] == 5
