import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from taxonomy.models import Term

pytestmark = pytest.mark.django_db


def test_parent_from_another_vocabulary_is_refused(make_term):
    mali = make_term(name="Mali")
    minusma = make_term(name="MINUSMA")
    minusma.parent = mali
    with pytest.raises(ValidationError) as error:
        minusma.full_clean()
    assert "same vocabulary" in str(error.value.message_dict["parent"])


def test_a_cycle_is_refused(make_term):
    africa = make_term(name="Africa")
    sahel = make_term(name="Sahel", parent=africa)
    mali = make_term(name="Mali", parent=sahel)
    africa.parent = mali
    with pytest.raises(ValidationError) as error:
        africa.full_clean()
    assert "cannot be placed under itself" in str(error.value.message_dict["parent"])


def test_a_term_cannot_be_its_own_parent_in_the_database(make_term):
    mali = make_term(name="Mali")
    with pytest.raises(IntegrityError):
        Term.objects.filter(pk=mali.pk).update(parent=mali)


def test_slug_is_unique_within_a_vocabulary(make_term):
    mali = make_term(slug="mali")
    with pytest.raises(IntegrityError):
        make_term(vocabulary=mali.vocabulary, slug="mali")


def test_same_slug_is_allowed_in_another_vocabulary(make_term):
    make_term(slug="mali")
    make_term(slug="mali")


def test_alias_equal_to_another_terms_name_is_refused(make_term):
    keita = make_term(name="Ibrahim Boubacar Keïta", aliases=["Keita"])
    other = Term(vocabulary=keita.vocabulary, name="Someone", slug="someone", aliases=["keïta"])
    other.aliases = ["ibrahim boubacar keïta"]
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert "name of another term" in str(error.value)


def test_alias_used_twice_in_a_vocabulary_is_refused_by_the_database(make_term):
    keita = make_term(name="Ibrahim Boubacar Keïta", aliases=["Keita"])
    with pytest.raises(IntegrityError), transaction.atomic():
        make_term(vocabulary=keita.vocabulary, name="Modibo Keïta", aliases=["keita"])


def test_alias_may_repeat_across_vocabularies(make_term):
    make_term(name="Mali", aliases=["Republic of Mali"])
    make_term(name="Mali (state)", aliases=["Republic of Mali"])


def test_descendants_include_the_whole_subtree(make_term):
    africa = make_term(name="Africa")
    sahel = make_term(name="Sahel", parent=africa)
    mali = make_term(name="Mali", parent=sahel)
    gao = make_term(name="Gao", parent=mali)
    make_term(name="Elsewhere", vocabulary=africa.vocabulary)
    found = set(Term.objects.filter(pk=sahel.pk).with_descendants())
    assert found == {sahel, mali, gao}
