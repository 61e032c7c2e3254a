"""Term suggestions on the article form: the endpoint the form asks as the editor types
(articles/admin/suggestions.py over taxonomy/suggestions.py), and the panel it fills."""

from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taxonomy.models import Term

pytestmark = pytest.mark.django_db

URL = reverse("admin:articles_article_suggest_terms")


@pytest.fixture
def thesaurus(make_vocabulary, make_term):
    places = make_vocabulary(name="Places", slug="places", position=0)
    bodies = make_vocabulary(name="Organisations", slug="organisations", position=1)
    topics = make_vocabulary(name="Topics", slug="topics", position=2)
    people = make_vocabulary(name="People", slug="people", position=3)
    africa = make_term(vocabulary=places, name="Africa")
    sahel = make_term(vocabulary=places, name="Sahel", parent=africa)
    mali = make_term(vocabulary=places, name="Mali", parent=sahel)
    gao = make_term(vocabulary=places, name="Gao", parent=mali)
    menaka = make_term(vocabulary=places, name="Ménaka", parent=mali)
    niger = make_term(vocabulary=places, name="Niger", parent=sahel)
    un = make_term(vocabulary=bodies, name="United Nations", aliases=["UN"])
    council = make_term(vocabulary=bodies, name="United Nations Security Council", parent=un)
    ecowas = make_term(
        vocabulary=bodies, name="ECOWAS", aliases=["Economic Community of West African States"]
    )
    peacekeeping = make_term(vocabulary=topics, name="Peacekeeping")
    keita = make_term(vocabulary=people, name="Ibrahim Boubacar Keïta", aliases=["Keita"])
    return SimpleNamespace(**locals())


def suggest(client, **texts):
    return client.post(URL, texts)


def found(response):
    assert response.status_code == 200, response.content
    return [s["name"] for s in response.json()["suggestions"]]


def by_name(response, name):
    return next(s for s in response.json()["suggestions"] if s["name"] == name)


def test_names_are_found_whatever_their_accents_and_case(admin_client, thesaurus):
    response = suggest(admin_client, body="<p>Fighting near MENAKA and in gao.</p>")
    assert set(found(response)) == {"Ménaka", "Gao"}
    menaka = by_name(response, "Ménaka")
    assert menaka["label"] == "Places › Africa › Sahel › Mali › Ménaka"
    assert menaka["vocabulary"] == "Places"
    assert menaka["path"] == "Africa › Sahel › Mali › Ménaka"
    assert menaka["id"] == thesaurus.menaka.pk


def test_other_forms_of_a_word_find_the_term(admin_client, thesaurus):
    response = suggest(admin_client, title="Peacekeepers withdraw", body="<p>The peacekeeper.</p>")
    peacekeeping = by_name(response, "Peacekeeping")
    assert peacekeeping["counts"] == {"title": 1, "standfirst": 0, "body": 1}
    assert peacekeeping["reason"] == "in the title, in the body"


def test_an_alias_finds_its_term_and_says_which_words_matched(admin_client, thesaurus):
    response = suggest(admin_client, standfirst="Keita met the junta.")
    assert found(response) == ["Ibrahim Boubacar Keïta"]
    assert by_name(response, "Ibrahim Boubacar Keïta")["matched"] == ["Keita"]


def test_a_label_of_several_words_is_found_only_as_a_phrase(admin_client, thesaurus):
    scattered = suggest(
        admin_client, body="West African states met the community, an economic one."
    )
    assert "ECOWAS" not in found(scattered)
    # The stop word inside the alias ("of") stands for any one word, as in the search.
    phrase = suggest(admin_client, body="The Economic Community of West African States met.")
    assert found(phrase) == ["ECOWAS"]
    reversed_words = suggest(admin_client, body="Nations united against the drought.")
    assert "United Nations" not in found(reversed_words)


def test_a_longer_label_wins_over_a_shorter_one_inside_it(admin_client, thesaurus):
    response = suggest(admin_client, body="The United Nations Security Council met on Friday.")
    assert found(response) == ["United Nations Security Council"]

    both = suggest(
        admin_client,
        body="The United Nations Security Council met. The United Nations and the UN agreed.",
    )
    assert by_name(both, "United Nations")["counts"]["body"] == 2
    assert by_name(both, "United Nations Security Council")["counts"]["body"] == 1


def test_suggestions_are_ranked_by_place_then_occurrences_then_depth(admin_client, thesaurus):
    # A wrong order fails: by occurrences alone Mali would lead; by name Africa would
    # come before Ménaka; by id Africa, Mali and Niger would lead.
    response = suggest(
        admin_client,
        title="Drones over Gao",
        standfirst="Niger closes its border.",
        body="<p>Mali, Mali, Mali, Mali and <em>Mali</em>.</p><p>Ménaka is far; so is Africa.</p>",
    )
    assert found(response) == ["Gao", "Niger", "Mali", "Ménaka", "Africa"]
    assert by_name(response, "Mali")["reason"] == "5× in the body"


def test_terms_already_chosen_are_not_offered(admin_client, thesaurus):
    response = admin_client.post(
        URL,
        {"title": "Gao and Niger", "chosen": [thesaurus.gao.pk, thesaurus.keita.pk]},
    )
    assert found(response) == ["Niger"]


def test_no_text_suggests_nothing(admin_client, thesaurus):
    assert found(suggest(admin_client, title="", standfirst=" ", body="<p></p>")) == []


def test_a_renamed_term_is_found_by_its_new_name_at_once(admin_client, thesaurus):
    assert found(suggest(admin_client, body="Timbuktu and Gao.")) == ["Gao"]
    # Written without save(), as an import or a migration would: still seen.
    Term.objects.filter(pk=thesaurus.gao.pk).update(name="Timbuktu")
    response = suggest(admin_client, body="Timbuktu and Gao.")
    assert found(response) == ["Timbuktu"]
    assert by_name(response, "Timbuktu")["label"] == "Places › Africa › Sahel › Mali › Timbuktu"


def test_a_contributor_may_ask(login, contributor, thesaurus):
    assert found(suggest(login(contributor), title="Gao")) == ["Gao"]


def test_someone_who_may_not_write_articles_is_refused(login, taxonomy_manager, thesaurus):
    response = suggest(login(taxonomy_manager), title="Gao")
    assert response.status_code == 403
    assert response.json() == {"error": "You may not write or edit articles."}


def test_readers_are_sent_to_the_login(client, thesaurus):
    response = suggest(client, title="Gao")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_a_post_without_the_csrf_token_is_refused(admin_user, thesaurus):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(admin_user)
    assert browser.post(URL, {"title": "Gao"}).status_code == 403


def test_only_post_is_answered(admin_client, thesaurus):
    assert admin_client.get(URL, {"title": "Gao"}).status_code == 405


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "Gao", "chosen": "Mali"}, "chosen: “chosen” must list term ids"),
        ({"title": "Gao", "chosen": "1e400"}, "chosen: “chosen” must list term ids"),
        ({"title": "Gao " * 300}, "title: Ensure this value has at most 1000 characters"),
        ({"body": "Gao " * 125_001}, "body: Ensure this value has at most 500000 characters"),
    ],
    ids=["chosen-not-ids", "chosen-float", "title-too-long", "body-too-long"],
)
def test_bad_input_is_answered_400_with_a_message(admin_client, thesaurus, data, message):
    response = admin_client.post(URL, data)
    assert response.status_code == 400
    assert response.json()["error"].startswith(message)


def _towns(vocabulary, numbers):
    Term.objects.bulk_create(
        Term(vocabulary=vocabulary, name=f"Town {n}", slug=f"town-{n}", aliases=[f"Ville {n}"])
        for n in numbers
    )


def _queries(client, body):
    with CaptureQueriesContext(connection) as queries:
        response = suggest(client, title="Gao", body=body)
    assert response.status_code == 200
    return len(queries), response.json()["suggestions"]


def test_the_number_of_queries_does_not_grow_with_the_thesaurus(admin_client, thesaurus):
    # Towns 0 to 19, by name or by alias: "Town 0 and Ville 1. Town 2 and Ville 3. …"
    body = " ".join(f"Town {n} and Ville {n + 1}." for n in range(0, 20, 2))
    _towns(thesaurus.places, range(10))
    cold_small, few = _queries(admin_client, body)  # the labels changed: read again
    warm_small, _ = _queries(admin_client, body)
    _towns(thesaurus.places, range(10, 1000))
    cold_large, many = _queries(admin_client, body)
    warm_large, _ = _queries(admin_client, body)
    assert [s["name"] for s in few] == ["Gao", *(f"Town {n}" for n in range(10))]
    assert len(many) == 12  # Gao and 20 towns found, the best twelve shown
    assert cold_small == cold_large
    assert warm_small == warm_large < cold_small


def test_the_add_and_change_forms_carry_the_suggestions_panel(
    admin_client, make_article, thesaurus
):
    article = make_article(terms=[thesaurus.gao])
    for address in (
        reverse("admin:articles_article_add"),
        reverse("admin:articles_article_change", args=[article.pk]),
    ):
        page = admin_client.get(address).text
        assert f'data-suggest-url="{URL}"' in page
        assert 'data-for="id_terms"' in page
        assert "articles/term-suggestions.js" in page
        assert 'role="status"' in page
