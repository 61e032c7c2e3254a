"""The article list's term filter: a search box (the admin's autocomplete), not a list of
every term; a term finds its narrower terms; the other filters are kept."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


@pytest.fixture
def places(make_vocabulary, make_term):
    places = make_vocabulary(name="Places")
    mali = make_term(vocabulary=places, name="Mali")
    gao = make_term(name="Gao", parent=mali)
    others = [make_term(vocabulary=places, name=f"Unpicked place {n}") for n in range(30)]
    return {"mali": mali, "gao": gao, "others": others}


def test_the_list_does_not_print_every_term(login, editor, places, make_article):
    make_article(terms=[places["gao"]])
    response = login(editor).get(CHANGELIST)
    assert response.status_code == 200
    assert "Unpicked place" not in response.text
    assert 'id="term-filter"' in response.text
    assert (
        'data-model-name="article"' in response.text and 'data-field-name="terms"' in response.text
    )


def test_a_picked_term_shows_its_path_and_finds_its_narrower_terms(
    login, editor, places, make_article
):
    make_article(title="About Gao", terms=[places["gao"]])
    make_article(title="Elsewhere", terms=[places["others"][0]])
    response = login(editor).get(CHANGELIST, {"term": places["mali"].pk})
    assert [a.title for a in response.context["cl"].result_list] == ["About Gao"]
    assert f'<option value="{places["mali"].pk}" selected>Places › Mali</option>' in response.text
    assert "Unpicked place" not in response.text


def test_the_term_filter_keeps_the_other_filters_and_the_search(login, editor, places):
    response = login(editor).get(CHANGELIST, {"status": "draft", "q": "gao", "p": "2"})
    assert '<input type="hidden" name="status" value="draft">' in response.text
    assert '<input type="hidden" name="q" value="gao">' in response.text
    assert 'name="p"' not in response.text.split('class="term-filter"')[1].split("</form>")[0]


@pytest.mark.parametrize("value", ["gao", "-1", "9" * 40])
def test_a_term_value_that_is_not_an_id_is_ignored(login, editor, places, make_article, value):
    make_article(title="Any", terms=[places["gao"]])
    response = login(editor).get(CHANGELIST, {"term": value})
    assert response.status_code == 200
    assert [a.title for a in response.context["cl"].result_list] == ["Any"]


@pytest.mark.parametrize("count", [1, 11])
def test_the_filtered_list_runs_a_constant_number_of_queries(
    login, editor, places, make_article, django_assert_max_num_queries, count
):
    for _ in range(count):
        make_article(terms=[places["gao"]])
    client = login(editor)
    client.get(CHANGELIST)  # the session and the scheduled-changes check, once
    with django_assert_max_num_queries(14):
        response = client.get(CHANGELIST, {"term": places["mali"].pk})
    assert len(response.context["cl"].result_list) == count
