"""Each constraint of the vocabulary's tables refuses a bad row in the database itself.

Rows go past the forms and full_clean(), so only the database refuses them; the
error must name the constraint (or, for the alias trigger, say what clashed).
"""

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction

from taxonomy.bulk import aliases_checked_at_the_end
from taxonomy.models import Term, TermRedirect, Vocabulary

pytestmark = pytest.mark.django_db


def refused(match):
    """pytest.raises(IntegrityError) in a savepoint, so the test may go on."""
    return _Refused(match)


class _Refused:
    def __init__(self, match):
        self.match = match

    def __enter__(self):
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.raises = pytest.raises(IntegrityError, match=self.match)
        self.raises.__enter__()

    def __exit__(self, *exc):
        handled = self.raises.__exit__(*exc)
        self.atomic.__exit__(None, None, None)
        return handled


def test_vocabulary_slug_is_unique(make_vocabulary):
    make_vocabulary(slug="places")
    with refused("taxonomy_vocabulary_slug_unique"):
        make_vocabulary(slug="places")


def test_vocabulary_name_is_unique(make_vocabulary):
    make_vocabulary(name="Places")
    with refused("taxonomy_vocabulary_name_key"):
        make_vocabulary(name="Places")


def test_term_slug_is_unique_in_its_vocabulary(make_vocabulary, make_term):
    places, people = make_vocabulary(), make_vocabulary()
    make_term(vocabulary=places, slug="niger")
    make_term(vocabulary=people, slug="niger")
    with refused("taxonomy_term_slug_unique_in_vocabulary"):
        make_term(vocabulary=places, slug="niger")


def test_term_name_is_unique_in_its_vocabulary_whatever_the_case(make_vocabulary, make_term):
    places, people = make_vocabulary(), make_vocabulary()
    make_term(vocabulary=places, name="Niger")
    make_term(vocabulary=people, name="Niger")
    with refused("taxonomy_term_name_unique_in_vocabulary"):
        make_term(vocabulary=places, name="NIGER")


def test_term_is_not_its_own_parent(make_term):
    term = make_term()
    with refused("taxonomy_term_not_own_parent"):
        Term.objects.filter(pk=term.pk).update(parent=term)


def test_term_uri_is_unique_in_its_vocabulary_when_given(make_vocabulary, make_term):
    places, people = make_vocabulary(), make_vocabulary()
    uri = "http://vocabularies.unesco.org/thesaurus/concept1"
    make_term(vocabulary=places, uri=uri)
    make_term(vocabulary=people, uri=uri)
    make_term(vocabulary=places, uri="")
    make_term(vocabulary=places, uri="")  # blank: our own terms, any number
    with refused("taxonomy_term_uri_unique_in_vocabulary"):
        make_term(vocabulary=places, uri=uri)


def test_alias_trigger_refuses_the_terms_own_name(make_term):
    with refused('alias "mali" is the term\'s own name'):
        make_term(name="Mali", aliases=["mali"])


def test_alias_trigger_refuses_an_alias_listed_twice(make_term):
    with refused('alias "(?i:keita)" is listed twice'):  # which spelling: collation's choice
        make_term(name="Keïta", aliases=["Keita", "KEITA"])


def test_alias_trigger_refuses_a_clash_with_another_term(make_vocabulary, make_term):
    places, people = make_vocabulary(), make_vocabulary()
    make_term(vocabulary=places, name="Gao", aliases=["Gawgaw"])
    make_term(vocabulary=people, name="Gawgaw")  # another vocabulary: allowed
    clash = 'term "Gawgaw" clashes with the name or an alias of "Gao"'
    with refused(clash):
        make_term(vocabulary=places, name="Gawgaw")
    with refused('clashes with the name or an alias of "Gao"'):
        make_term(vocabulary=places, name="Kaw", aliases=["gao"])
    with refused('clashes with the name or an alias of "Gao"'):
        make_term(vocabulary=places, name="Kaw", aliases=["GAWGAW"])
    term = make_term(vocabulary=places, name="Kaw")
    with refused('clashes with the name or an alias of "Gao"'):
        Term.objects.filter(pk=term.pk).update(aliases=["Gawgaw"])


def test_a_merged_terms_address_leads_to_one_term(make_term):
    kept = make_term(name="Kept")
    other = make_term(vocabulary=kept.vocabulary, name="Other")
    TermRedirect.objects.create(vocabulary=kept.vocabulary, slug="gone", term=kept)
    with refused("taxonomy_termredirect_unique"):
        TermRedirect.objects.create(vocabulary=kept.vocabulary, slug="gone", term=other)


def test_every_named_constraint_of_the_app_has_a_test_here():
    declared = {
        constraint.name
        for model in apps.get_app_config("taxonomy").get_models()
        for constraint in model._meta.constraints
    }
    assert declared == {
        "taxonomy_vocabulary_slug_unique",
        "taxonomy_term_slug_unique_in_vocabulary",
        "taxonomy_term_name_unique_in_vocabulary",
        "taxonomy_term_not_own_parent",
        "taxonomy_termredirect_unique",
        "taxonomy_term_uri_unique_in_vocabulary",
    }
    assert Vocabulary._meta.get_field("name").unique


def bulk_terms(vocabulary, *labels):
    return [
        Term(vocabulary=vocabulary, slug=f"bulk-{n}", name=name, aliases=list(aliases))
        for n, (name, *aliases) in enumerate(labels)
    ]


@pytest.mark.parametrize(
    "labels, clash",
    [
        ([("Ménaka", "ménaka")], "“ménaka”.*Ménaka"),  # its own name
        ([("Keïta", "Keita", "KEITA")], "“keita”.*Keïta"),  # listed twice
        ([("Kaw", "Gawgaw")], "“gawgaw”.*Gao, Kaw"),  # another term's alias
        ([("Kaw", "GAO")], "“gao”.*Gao, Kaw"),  # another term's name
        ([("Kidal", "Tin"), ("Tessalit", "tin")], "“tin”.*Kidal, Tessalit"),  # two new ones
    ],
)
def test_a_bulk_write_meets_the_alias_rule_once_at_its_end(
    make_vocabulary, make_term, labels, clash
):
    places = make_vocabulary()
    make_term(vocabulary=places, name="Gao", aliases=["Gawgaw"])
    with refused(clash), transaction.atomic(), aliases_checked_at_the_end(places.pk):
        Term.objects.bulk_create(bulk_terms(places, *labels))
    assert list(Term.objects.filter(vocabulary=places).values_list("name", flat=True)) == ["Gao"]


def test_after_a_bulk_write_every_row_is_checked_again(make_vocabulary, make_term):
    places = make_vocabulary()
    with aliases_checked_at_the_end(places.pk):
        Term.objects.bulk_create(bulk_terms(places, ("Gao", "Gawgaw"), ("Kidal",)))
    with refused('clashes with the name or an alias of "Gao"'):
        make_term(vocabulary=places, name="Kaw", aliases=["gawgaw"])
