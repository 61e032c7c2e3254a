"""The term tree's one API (taxonomy/tree.py), and the places that use it."""

import pytest
from django.urls import reverse

from taxonomy.index import TermIndex
from taxonomy.models import TREE_FIELDS, Term

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(make_term):
    """Africa › Sahel › {Niger, Mali › {Timbuktu, Gao}}, and Europe, in one vocabulary."""
    africa = make_term(name="Africa")
    vocabulary = africa.vocabulary
    sahel = make_term(name="Sahel", parent=africa)
    mali = make_term(name="Mali", parent=sahel)
    terms = {
        "africa": africa,
        "sahel": sahel,
        "mali": mali,
        "niger": make_term(name="Niger", parent=sahel),
        "timbuktu": make_term(name="Timbuktu", parent=mali),
        "gao": make_term(name="Gao", parent=mali),
        "europe": make_term(name="Europe", vocabulary=vocabulary),
    }
    return terms


def test_the_tree_is_loaded_in_one_query(places, django_assert_num_queries):
    with django_assert_num_queries(1):
        tree = Term.objects.filter(vocabulary=places["africa"].vocabulary).tree()
    with django_assert_num_queries(0):
        tree.path(tree.by_id[places["gao"].pk])
        list(tree.walk())


def test_ancestors_run_from_the_top_term_down(places):
    tree = Term.objects.only(*TREE_FIELDS).tree()
    gao = tree.by_id[places["gao"].pk]
    assert [t.name for t in tree.ancestors(gao)] == ["Africa", "Sahel", "Mali"]
    assert [t.name for t in tree.ancestors(gao, include_self=True)][-1] == "Gao"
    assert tree.ancestors(tree.by_id[places["africa"].pk]) == []


def test_path_reads_as_readers_see_it(places):
    tree = Term.objects.tree()
    assert tree.path(tree.by_id[places["gao"].pk]) == "Africa › Sahel › Mali › Gao"


def test_descendants_are_the_whole_subtree_and_nothing_else(places):
    tree = Term.objects.tree()
    below_sahel = tree.descendant_ids([places["sahel"].pk])
    assert below_sahel == {places[k].pk for k in ("sahel", "mali", "niger", "timbuktu", "gao")}
    assert tree.descendant_ids([places["gao"].pk, places["europe"].pk]) == {
        places["gao"].pk,
        places["europe"].pk,
    }
    assert Term.descendant_ids([places["mali"].pk]) == sorted(
        places[k].pk for k in ("mali", "timbuktu", "gao")
    )


def test_walk_is_depth_first_with_children_by_name(places):
    tree = Term.objects.filter(vocabulary=places["africa"].vocabulary).tree()
    assert [(t.name, depth) for t, depth in tree.walk()] == [
        ("Africa", 0),
        ("Sahel", 1),
        ("Mali", 2),
        ("Gao", 3),
        ("Timbuktu", 3),
        ("Niger", 2),
        ("Europe", 0),
    ]
    mali = tree.by_id[places["mali"].pk]
    assert [(t.name, depth) for t, depth in tree.walk(mali)] == [("Gao", 0), ("Timbuktu", 0)]
    assert [t.name for t in tree.children(mali)] == ["Gao", "Timbuktu"]


def test_a_cycle_written_by_sql_never_makes_a_walk_loop(places):
    # Term.clean refuses a cycle; rows written around it must not hang a page.
    Term.objects.filter(pk=places["africa"].pk).update(parent=places["gao"])
    tree = Term.objects.tree()
    gao = tree.by_id[places["gao"].pk]
    assert [t.name for t in tree.ancestors(gao)] == ["Africa", "Sahel", "Mali"]
    assert tree.descendant_ids([places["mali"].pk]) == {
        places[k].pk for k in ("africa", "sahel", "mali", "niger", "timbuktu", "gao")
    }
    assert [t.name for t, _ in tree.walk()] == ["Europe"]  # no top to start the cycle from


def test_term_methods_and_the_index_agree_with_the_tree(places):
    gao = Term.objects.get(pk=places["gao"].pk)
    assert [t.name for t in gao.ancestors()] == ["Mali", "Sahel", "Africa"]  # nearest first
    index = TermIndex.load()
    assert [t.name for t in index.ancestors(index.by_id[gao.pk])] == ["Africa", "Sahel", "Mali"]


def test_the_vocabulary_page_draws_the_tree_in_walk_order(client, places):
    vocabulary = places["africa"].vocabulary
    page = client.get(reverse("articles:vocabulary", kwargs={"vocabulary": vocabulary.slug}))
    text = page.text
    order = ["Africa", "Sahel", "Mali", "Gao", "Timbuktu", "Niger", "Europe"]
    positions = [text.index(f">{name}</a>") for name in order]
    assert positions == sorted(positions)
    assert 'class="depth-3"><a href="/' in text
