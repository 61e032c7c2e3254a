"""The listing's pipeline, step by step: request.GET → ListingQuery → results, facets, chips."""

import dataclasses

import pytest
from django.http import QueryDict

from articles.models import Article
from articles.public.listing.chips import chips_for
from articles.public.listing.cleaning import listing_query
from articles.public.listing.facets import facets_for
from articles.public.listing.pages import CountedPaginator, nearest_page, parse_page
from taxonomy.index import TermIndex

pytestmark = pytest.mark.django_db


def published():
    return Article.objects.published().for_listing()


def clean(params, index=None):
    index = index or TermIndex.load()
    return listing_query(QueryDict(params), term_index=index)


def test_cleaning_gives_one_immutable_query_with_its_notices(world):
    query = clean(
        "places=Gao&places=nowhere&people=Keyta&author=zach-silberman&author=nobody"
        "&date_from=2013-02-30&year=2024&has_corrections=on&sort=relevance&page=abc&utm_source=x"
    )

    assert [t.slug for t in query.picked("places")] == ["gao"]
    assert [t.name for t in query.picked("people")] == ["Ibrahim Boubacar Keïta"]
    assert query.picked("organisations") == ()
    assert [a.slug for a in query.authors] == ["zach-silberman"]
    assert (query.date_from, query.year, query.has_corrections) == (None, 2024, True)
    assert (query.sort, query.page, query.text) == ("newest", 1, "")
    assert query.notices == (
        "From “2013-02-30” was ignored: Enter a valid date.",
        "Relevance needs a search: sorted by newest first.",
        "Unknown parameter “utm_source” was ignored.",
        "No author “nobody”: ignored.",
        "No places term “nowhere”: ignored.",
        "Showing Ibrahim Boubacar Keïta for “Keyta”.",
        "Page “abc” is not a page number: showing page 1.",
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        query.sort = "oldest"


def test_cleaning_the_same_parameters_twice_gives_equal_queries(world):
    index = TermIndex.load()
    assert clean("places=mali&q=peacekeepers", index) == clean("places=mali&q=peacekeepers", index)
    assert clean("places=mali", index) != clean("places=gao", index)


def test_results_are_a_function_of_the_query(world):
    query = clean("places=sahel&sort=oldest")
    slugs = [a.slug for a in query.articles(published())]
    assert slugs == ["ambush-near-gao", "convoy-destroyed-in-niger", "ecowas-plans-a-force"]
    assert slugs == [a.slug for a in query.articles(published())]


def test_without_drops_one_filter_and_leaves_the_query_unchanged(world):
    query = clean("places=gao&organisations=un&author=zach-silberman")
    without = query.without("places")
    assert without.picked("places") == ()
    assert [t.slug for t in without.picked("organisations")] == ["un"]
    assert [t.slug for t in query.picked("places")] == ["gao"]
    assert query.without("author").authors == ()


def test_the_same_query_gives_the_same_facets_twice_without_resolving_again(
    world, django_assert_num_queries
):
    query = clean("places=gao&author=zach-silberman")
    # One query for the shared counts, one per picked filter left out (places, author),
    # one for the authors' counts within the results (what ticking another would add):
    # nothing is looked up again, the query holds its terms and authors.
    with django_assert_num_queries(4):
        first = facets_for(query, published())
    with django_assert_num_queries(4):
        second = facets_for(query, published())
    assert first == second
    total, facets = first
    assert total == 1
    places = next(f for f in facets if f.param == "places")
    assert {v.value: (v.count, v.selected) for v in places.values}["gao"] == (1, True)
    # The other places count over the other filters (Zach's articles), not over Gao.
    assert {v.value: v.count for v in places.values}["niger"] == 1


def test_chips_are_a_function_of_the_query(world, django_assert_num_queries):
    query = clean("places=gao&places=&q=peacekeepers&author=zach-silberman&page=2")
    with django_assert_num_queries(0):
        chips = chips_for(query)
    assert chips == chips_for(query)
    assert dict(chips) == {
        "Search: peacekeepers": "?places=gao&author=zach-silberman",
        "Places: Gao": "?q=peacekeepers&author=zach-silberman",
        "Author: Zach Silberman": "?places=gao&q=peacekeepers",
    }


def test_pages_are_read_from_the_request_and_checked_against_the_count():
    assert parse_page("3") == (3, None)
    assert parse_page(None) == (1, None)
    assert parse_page("2.5")[0] == 1
    paginator = CountedPaginator(list(range(45)), 20, count=45)
    page, notice = nearest_page(paginator, 9)
    assert (page.number, notice) == (3, "There is no page 9: showing page 3.")
    assert nearest_page(paginator, 2)[1] is None
