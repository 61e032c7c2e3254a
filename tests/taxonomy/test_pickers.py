"""Term pickers say which term they offer (“Places › Africa › Sahel › Mali › Gao”), find
terms by any word of their path, and the parent picker offers only what may be a parent."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

AUTOCOMPLETE = reverse("admin:autocomplete")


@pytest.fixture
def places(make_vocabulary, make_term):
    places = make_vocabulary(name="Places", slug="places")
    africa = make_term(vocabulary=places, name="Africa")
    sahel = make_term(name="Sahel", parent=africa)
    mali = make_term(name="Mali", parent=sahel)
    gao = make_term(name="Gao", parent=mali)
    menaka = make_term(name="Ménaka", parent=mali)
    # Another vocabulary, with a term that a search for "mali" or "gao" would find too.
    topics = make_vocabulary(name="Topics", slug="topics")
    gao_talks = make_term(vocabulary=topics, name="Gao talks on Mali")
    return {"africa": africa, "sahel": sahel, "mali": mali, "gao": gao, "menaka": menaka,
            "gao_talks": gao_talks}  # fmt: skip


def article_terms(client, search):
    params = {"app_label": "articles", "model_name": "article", "field_name": "terms"}
    response = client.get(AUTOCOMPLETE, {**params, "term": search})
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def parent_choices(client, search="", **params):
    query = {"app_label": "taxonomy", "model_name": "term", "field_name": "parent"}
    response = client.get(AUTOCOMPLETE, {**query, "term": search, **params})
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_the_article_term_picker_shows_the_vocabulary_and_the_path(login, editor, places):
    assert article_terms(login(editor), "gao") == [
        "Places › Africa › Sahel › Mali › Gao",
        "Topics › Gao talks on Mali",
    ]


def test_the_picker_search_matches_every_word_anywhere_in_the_path(login, editor, places):
    client = login(editor)
    assert article_terms(client, "sahel gao") == ["Places › Africa › Sahel › Mali › Gao"]
    assert article_terms(client, "places gao") == ["Places › Africa › Sahel › Mali › Gao"]
    assert article_terms(client, "topics mali") == ["Topics › Gao talks on Mali"]


def test_the_picker_search_ignores_accents_either_way(login, editor, places):
    client = login(editor)
    assert article_terms(client, "menaka") == ["Places › Africa › Sahel › Mali › Ménaka"]
    assert article_terms(client, "MÉNAKA") == ["Places › Africa › Sahel › Mali › Ménaka"]


def test_terms_chosen_on_the_article_form_show_their_path(login, editor, places, make_article):
    article = make_article(status="draft", terms=[places["gao"]])
    response = login(editor).get(reverse("admin:articles_article_change", args=[article.pk]))
    assert "Places › Africa › Sahel › Mali › Gao</option>" in response.text


def test_the_parent_picker_offers_neither_the_term_nor_its_narrower_terms(
    login, taxonomy_manager, places
):
    choices = parent_choices(login(taxonomy_manager), for_term=places["mali"].pk)
    assert choices == ["Places › Africa", "Places › Africa › Sahel"]


def test_the_parent_picker_offers_only_the_vocabulary_chosen_on_the_form(
    login, taxonomy_manager, places
):
    client = login(taxonomy_manager)
    topics = places["gao_talks"].vocabulary_id
    assert parent_choices(client, "gao", vocabulary=topics) == ["Topics › Gao talks on Mali"]
    # A new term: no term yet, the vocabulary picked on the form decides.
    assert parent_choices(client, "gao", vocabulary=places["gao"].vocabulary_id) == [
        "Places › Africa › Sahel › Mali › Gao"
    ]


def test_the_parent_picker_ignores_parameters_that_are_not_ids(login, taxonomy_manager, places):
    client = login(taxonomy_manager)
    assert len(parent_choices(client, for_term="mali", vocabulary="x")) == 6
    assert len(parent_choices(client, for_term="9" * 30, vocabulary="9" * 30)) == 6


def test_the_term_form_sends_its_term_to_the_parent_picker(login, taxonomy_manager, places):
    gao = places["gao"]
    response = login(taxonomy_manager).get(reverse("admin:taxonomy_term_change", args=[gao.pk]))
    assert f'data-for-term="{gao.pk}"' in response.text
    assert 'data-vocabulary-field="id_vocabulary"' in response.text
    assert "taxonomy/js/parent-picker" in response.text
    assert "Places › Africa › Sahel › Mali</option>" in response.text


def test_a_term_form_still_refuses_a_parent_from_another_vocabulary(
    login, taxonomy_manager, places
):
    gao = places["gao"]
    data = {"vocabulary": gao.vocabulary_id, "name": "Gao", "slug": gao.slug,
            "parent": places["gao_talks"].pk, "aliases": "", "scope_note": ""}  # fmt: skip
    response = login(taxonomy_manager).post(
        reverse("admin:taxonomy_term_change", args=[gao.pk]), data
    )
    assert response.status_code == 200
    assert "a broader term must be in the same vocabulary" in response.text
