"""Stale saves of vocabularies, terms and tags are refused (two editors, posted forms)."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from taxonomy.models import Term, Vocabulary
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_managers(make_user, login):
    first = make_user("Taxonomy manager", username="amina", first_name="Amina", last_name="Traoré")
    second = make_user("Taxonomy manager", username="ben", first_name="Ben", last_name="Ould")
    return login(first), login(second)


def url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def race(two_managers, obj, field, first_value, second_value):
    first, second = two_managers
    first_data = change_form_data(first.get(url(obj)))
    second_data = change_form_data(second.get(url(obj)))
    first_data[field] = first_value
    assert first.post(url(obj), first_data).status_code == 302
    second_data[field] = second_value
    return second.post(url(obj), second_data)


def test_stale_vocabulary_save_is_refused(two_managers, make_vocabulary):
    vocabulary = make_vocabulary(description="Old.")
    response = race(two_managers, vocabulary, "description", "Amina's.", "Ben's description.")
    assert "Not saved: Amina Traoré saved this vocabulary at" in response.text
    assert "Ben&#x27;s description." in response.text
    assert Vocabulary.objects.get(pk=vocabulary.pk).description == "Amina's."


def test_stale_term_save_is_refused(two_managers, make_term):
    term = make_term(scope_note="Old.")
    response = race(two_managers, term, "scope_note", "Amina's.", "Ben's note.")
    assert "Not saved: Amina Traoré saved this term at" in response.text
    assert "Ben&#x27;s note." in response.text
    assert Term.objects.get(pk=term.pk).scope_note == "Amina's."


def test_stale_tag_rename_is_refused(two_managers):
    tag = Tag.objects.create(name="sahel", slug="sahel")
    response = race(two_managers, tag, "name", "Sahel region", "Sahel belt")
    assert "Not saved: Amina Traoré saved this tag at" in response.text
    assert 'value="Sahel belt"' in response.text
    assert Tag.objects.get(pk=tag.pk).name == "Sahel region"


def test_a_term_changed_by_a_merge_refuses_the_form_opened_before(
    two_managers, make_term, login, make_user
):
    first, _ = two_managers
    target = make_term(name="Mali")
    source = make_term(name="Republic of Mali", vocabulary=target.vocabulary)
    stale = change_form_data(first.get(url(target)))
    manager = login(make_user("Taxonomy manager", username="mo"))
    manager.post(
        reverse("admin:taxonomy_term_changelist"),
        {
            "action": "merge_selected",
            "_selected_action": [target.pk, source.pk],
            "apply": "1",
            "target": target.pk,
        },
    )
    assert "Republic of Mali" in Term.objects.get(pk=target.pk).aliases
    stale["scope_note"] = "Stale note."
    response = first.post(url(target), stale)
    assert "Not saved:" in response.text
    assert "saved this term" in response.text
