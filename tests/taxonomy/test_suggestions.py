"""taxonomy.suggestions: the terms named in a text (the article form's suggestions are
tested through their endpoint, tests/articles/admin/test_term_suggestions.py)."""

import pytest

from taxonomy.suggestions import suggest_terms

pytestmark = pytest.mark.django_db

CONFIG = "english_unaccent"


def test_counts_follow_the_order_of_the_texts(make_term):
    make_term(name="Kidal")
    [kidal] = suggest_terms(["", "Kidal.", "Kidal, then Kidal again."], config=CONFIG)
    assert kidal.counts == (0, 1, 2)


def test_a_name_inside_a_longer_alias_of_the_same_term_counts_once(make_term):
    make_term(name="Mali", aliases=["Republic of Mali"])
    [mali] = suggest_terms(["The Republic of Mali and Mali."], config=CONFIG)
    assert mali.counts == (2,)
    assert mali.matched == ("Republic of Mali", "Mali")


def test_a_stop_word_in_a_label_stands_for_exactly_one_word(make_term):
    make_term(name="Bank of West Africa")
    assert suggest_terms(["The Bank for West Africa."], config=CONFIG)
    assert not suggest_terms(["The Bank West Africa."], config=CONFIG)
    assert not suggest_terms(["The Bank of the West Africa."], config=CONFIG)


def test_a_label_of_common_words_only_is_never_suggested(make_term):
    make_term(name="World Health Organization", aliases=["WHO"])
    assert suggest_terms(["WHO experts."], config=CONFIG) == []


def test_the_labels_are_read_again_only_when_the_terms_change(
    make_term, django_assert_num_queries
):
    gao = make_term(name="Gao")
    with django_assert_num_queries(5):  # the state, the labels, vocabularies, terms, words
        assert [s.name for s in suggest_terms(["Gao"], config=CONFIG)] == ["Gao"]
    with django_assert_num_queries(2):  # the state, the words
        suggest_terms(["Gao"], config=CONFIG)
    gao.aliases = ["Gao City"]
    gao.save()
    with django_assert_num_queries(5):
        [found] = suggest_terms(["Gao City"], config=CONFIG)
    assert found.matched == ("Gao City",)


def test_excluded_terms_still_hide_the_shorter_names_inside_theirs(make_term):
    un = make_term(name="United Nations")
    council = make_term(name="United Nations Security Council", parent=un)
    text = ["The United Nations Security Council met."]
    assert [s.name for s in suggest_terms(text, config=CONFIG, exclude=[council.pk])] == []
    assert [s.name for s in suggest_terms(text, config=CONFIG, exclude=[un.pk])] == [
        "United Nations Security Council"
    ]
