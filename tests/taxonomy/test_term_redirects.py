"""A merged term's address: its page and feeds answer 301 to the kept term's."""

import pytest
from django.urls import reverse

from taxonomy import services
from taxonomy.models import TermRedirect

pytestmark = pytest.mark.django_db

TERMS = reverse("admin:taxonomy_term_changelist")


@pytest.fixture
def people(make_vocabulary, make_term):
    vocabulary = make_vocabulary(name="People", slug="people")
    return {
        "vocabulary": vocabulary,
        "keita": make_term(vocabulary=vocabulary, name="Ibrahim Boubacar Keïta", slug="keita"),
        "ibk": make_term(vocabulary=vocabulary, name="IBK", slug="ibk"),
        "other": make_term(vocabulary=vocabulary, name="Amadou Toumani Touré", slug="att"),
    }


def term_url(name, slug, vocabulary="people"):
    return reverse(name, kwargs={"vocabulary": vocabulary, "slug": slug})


def test_a_merge_in_the_admin_records_the_merged_terms_address(login, taxonomy_manager, people):
    login(taxonomy_manager).post(
        TERMS,
        {
            "action": "merge_selected",
            "_selected_action": [people["keita"].pk, people["ibk"].pk],
            "target": people["keita"].pk,
            "apply": "1",
        },
    )
    redirect = TermRedirect.objects.get()
    assert (redirect.vocabulary, redirect.slug, redirect.term) == (
        people["vocabulary"],
        "ibk",
        people["keita"],
    )


@pytest.mark.parametrize("name", ["articles:term", "articles:term_rss", "articles:term_atom"])
def test_a_merged_terms_page_and_feeds_answer_301_to_the_kept_terms(
    client, people, make_article, name
):
    make_article(terms=[people["keita"]])
    services.term_merge(source=people["ibk"], target=people["keita"])
    response = client.get(term_url(name, "ibk") + "?page=2")
    assert response.status_code == 301
    assert response["Location"] == term_url(name, "keita") + "?page=2"
    assert client.get(response["Location"].split("?")[0]).status_code == 200


def test_a_term_merged_twice_leads_to_the_last_kept_term(client, people):
    services.term_merge(source=people["ibk"], target=people["keita"])
    services.term_merge(source=people["keita"], target=people["other"])
    for slug in ("ibk", "keita"):
        assert client.get(term_url("articles:term", slug))["Location"] == term_url(
            "articles:term", "att"
        )


def test_a_new_term_at_a_merged_address_takes_it_back(client, people, make_term):
    services.term_merge(source=people["ibk"], target=people["keita"])
    make_term(vocabulary=people["vocabulary"], name="Ibrahim Keïta junior", slug="ibk")
    assert client.get(term_url("articles:term", "ibk")).status_code == 200


def test_an_address_in_another_vocabulary_is_not_redirected(client, people, make_vocabulary):
    make_vocabulary(name="Places", slug="places")
    services.term_merge(source=people["ibk"], target=people["keita"])
    assert client.get(term_url("articles:term", "ibk", vocabulary="places")).status_code == 404


def test_an_unknown_term_is_still_a_404(client, people):
    assert client.get(term_url("articles:term", "nobody")).status_code == 404
    assert client.get(term_url("articles:term_atom", "nobody")).status_code == 404
