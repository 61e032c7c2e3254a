"""Facet counts say what they mean: "+N" inside a group with a box ticked (what ticking
would add), plain numbers elsewhere, a ticked value's own count, and words for it."""

import re

import pytest

pytestmark = pytest.mark.django_db


def counts(response, param):
    """{value: (text shown, text for screen readers)} of a facet's checkboxes."""
    found = re.findall(
        rf'<label for="f-{param}-([\w-]+)">[^<]*<span class="count[^"]*" aria-hidden="true">'
        r'([^<]*)</span><span class="visually-hidden">, ([^<]*)</span>',
        response.text,
    )
    return {value: (shown, spoken) for value, shown, spoken in found}


def test_without_a_tick_counts_are_plain_numbers_of_articles(client, world):
    places = counts(client.get("/"), "places")
    assert places["sahel"] == ("3", "3 articles")
    assert places["gao"] == ("1", "1 article")


def test_in_a_group_with_a_tick_counts_are_what_ticking_would_add(client, world):
    # Gao picked: its one article is the result. Mali has two articles, one of them
    # already among the results (Gao is in Mali): ticking Mali adds one, not two.
    places = counts(client.get("/?places=gao"), "places")
    assert places["mali"] == ("+1", "would add 1 article")
    assert places["niger"] == ("+1", "would add 1 article")
    assert places["sahel"] == ("+2", "would add 2 articles")
    assert places["gao"] == ("1", "ticked, 1 of the results")


def test_other_groups_narrow_so_their_counts_stay_plain(client, world):
    organisations = counts(client.get("/?places=gao"), "organisations")
    assert organisations == {"un": ("1", "1 article"), "minusma": ("1", "1 article")}


def test_an_author_whose_articles_are_all_shown_would_add_nothing(client, world):
    # Ada wrote only the Niger convoy, which Zach co-wrote: ticking her adds none.
    authors = counts(client.get("/?author=zach-silberman"), "author")
    assert authors["ada-diallo"] == ("+0", "would add 0 articles")
    assert authors["zach-silberman"] == ("2", "ticked, 2 of the results")


def test_a_short_explanation_is_shown_and_names_plus_only_when_used(client, world):
    plain = client.get("/").text
    assert "how many articles you would see by ticking" in plain
    assert "means ticking adds" not in plain
    assert "means ticking adds 3 articles" in client.get("/?places=gao").text


def test_long_facet_lists_show_the_top_values_and_the_rest_behind_show_more(
    client, make_vocabulary, make_term, make_article
):
    topics = make_vocabulary(name="Topics", slug="topics")
    terms = [make_term(vocabulary=topics, name=f"Topic {n:02}", slug=f"t{n:02}") for n in range(9)]
    for n, term in enumerate(terms):
        for _ in range(10 - n):  # Topic 00 the most frequent
            make_article(terms=[term])
    text = client.get("/").text
    visible, more = text.split('<details class="facet-more" id="more-topics">', 1)
    assert 'id="f-topics-t00"' in visible and 'id="f-topics-t05"' in visible
    assert 'id="f-topics-t06"' not in visible
    more = more.split("</details>", 1)[0]
    assert "Show 3 more" in more and 'id="f-topics-t08"' in more
    # A ticked value among them opens the list, without JavaScript.
    ticked = client.get("/?topics=t08").text
    assert '<details class="facet-more" id="more-topics" open>' in ticked


def test_counts_within_or_groups_run_a_constant_number_of_queries(
    client, make_term, make_author, make_article, django_assert_max_num_queries
):
    term, author = make_term(slug="gao"), make_author(slug="ada")
    url = f"/?{term.vocabulary.slug}=gao&author=ada&tag=fuel"
    make_article(terms=[term], authors=[author], tags=["fuel"])
    with django_assert_max_num_queries(14) as first:
        response = client.get(url)
    assert response.context["total"] == 1
    for n in range(10):
        make_article(terms=[term], authors=[author, make_author()], tags=["fuel", f"t{n}"])
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(url)
    assert response.context["total"] == 11
    # Eleven other authors and tags, each one's articles all among the results.
    authors = {
        v.value: v.count_text
        for f in response.context["facets"]
        if f.param == "author"
        for v in f.values
    }
    assert authors["ada"] == "11" and set(authors.values()) == {"11", "+0"}
