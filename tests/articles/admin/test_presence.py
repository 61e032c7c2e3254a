"""Who else has an object open: a heartbeat, shown before typing, never a lock."""

import pytest
from django.urls import reverse

from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def ada_and_ben(make_user, login):
    ada = make_user("Editor", username="ada", first_name="Ada", last_name="Diallo")
    ben = make_user("Editor", username="ben", first_name="Ben", last_name="Ould")
    return login(ada), login(ben)


def change_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def presence_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_presence", args=[obj.pk])


def test_second_editor_opening_an_article_sees_who_has_it_open(ada_and_ben, make_article):
    article = make_article()
    ada, ben = ada_and_ben
    assert "has had this article open" not in ada.get(change_url(article)).text
    response = ben.get(change_url(article))
    assert "Ada Diallo has had this article open since" in response.text


def test_heartbeat_answers_with_the_others_and_not_oneself(ada_and_ben, make_article):
    article = make_article()
    ada, ben = ada_and_ben
    assert ada.post(presence_url(article)).json()["others"] == []
    others = ben.post(presence_url(article)).json()["others"]
    assert len(others) == 1
    assert others[0].startswith("Ada Diallo has had this article open since")
    assert ada.post(presence_url(article)).json()["others"][0].startswith("Ben Ould")


def test_an_editor_who_left_is_no_longer_shown(ada_and_ben, make_article):
    article = make_article()
    ada, ben = ada_and_ben
    ada.post(presence_url(article))
    ada.post(presence_url(article), {"leave": "1"})
    assert ben.post(presence_url(article)).json()["others"] == []


def test_presence_never_blocks_a_save(ada_and_ben, make_article):
    article = make_article()
    ada, ben = ada_and_ben
    ada.get(change_url(article))
    data = change_form_data(ben.get(change_url(article)))
    data["title"] = "Ben saves while Ada looks"
    assert ben.post(change_url(article), data).status_code == 302


def test_presence_is_shown_on_terms_and_authors_too(ada_and_ben, make_term, make_author):
    ada, ben = ada_and_ben
    for obj, noun in ((make_term(), "term"), (make_author(), "author")):
        ada.get(change_url(obj))
        assert f"Ada Diallo has had this {noun} open since" in ben.get(change_url(obj)).text


def test_heartbeat_needs_a_post_and_the_right_to_see(login, make_user, make_article, client):
    article = make_article()
    ada = login(make_user("Editor", username="ada"))
    assert ada.get(presence_url(article)).status_code == 405
    assert client.post(presence_url(article)).status_code == 302  # to the login page


def test_change_form_loads_the_editing_safety_script(ada_and_ben, make_article):
    ada, _ = ada_and_ben
    response = ada.get(change_url(make_article()))
    assert "js/editing-safety.js" in response.text
