import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article
from taxonomy import services
from taxonomy.models import Term

pytestmark = pytest.mark.django_db

TERMS = reverse("admin:taxonomy_term_changelist")
TAGS = reverse("admin:taggit_tag_changelist")


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def places(make_vocabulary, make_term):
    places = make_vocabulary(name="Places", slug="places")
    africa = make_term(vocabulary=places, name="Africa")
    sahel = make_term(name="Sahel", parent=africa)
    mali = make_term(name="Mali", parent=sahel)
    gao = make_term(name="Gao", parent=mali, aliases=["Gawgaw"])
    return {"africa": africa, "sahel": sahel, "mali": mali, "gao": gao}


def term_form(term, **changes):
    data = {
        "vocabulary": term.vocabulary_id,
        "name": term.name,
        "slug": term.slug,
        "parent": term.parent_id or "",
        "aliases": "\n".join(term.aliases),
        "scope_note": term.scope_note,
    }
    data.update(changes)
    return data


def test_terms_are_listed_as_a_tree_with_their_broader_terms(login, taxonomy_manager, places):
    vocabulary = places["gao"].vocabulary_id
    response = login(taxonomy_manager).get(TERMS, {"vocabulary__id__exact": vocabulary})
    names = [t.name for t in response.context["cl"].result_list]
    assert names == ["Africa", "Sahel", "Mali", "Gao"]
    assert "Africa › Sahel › Mali" in response.text


def test_term_search_matches_aliases(login, taxonomy_manager, places):
    response = login(taxonomy_manager).get(TERMS, {"q": "gawgaw"})
    assert [t.name for t in response.context["cl"].result_list] == ["Gao"]


def test_moving_a_term_under_another_is_saved(login, taxonomy_manager, places):
    gao = places["gao"]
    url = reverse("admin:taxonomy_term_change", args=[gao.pk])
    response = login(taxonomy_manager).post(url, term_form(gao, parent=places["sahel"].pk))
    assert response.status_code == 302
    gao.refresh_from_db()
    assert gao.parent == places["sahel"]


def test_moving_a_term_under_its_own_narrower_term_is_refused_clearly(
    login, taxonomy_manager, places
):
    africa = places["africa"]
    url = reverse("admin:taxonomy_term_change", args=[africa.pk])
    response = login(taxonomy_manager).post(url, term_form(africa, parent=places["gao"].pk))
    assert response.status_code == 200
    assert "cannot be placed under itself or one of its narrower terms" in response.text
    africa.refresh_from_db()
    assert africa.parent is None


def test_moving_a_term_under_another_vocabulary_is_refused_clearly(
    login, taxonomy_manager, places, make_term
):
    minusma = make_term(name="MINUSMA")
    url = reverse("admin:taxonomy_term_change", args=[minusma.pk])
    response = login(taxonomy_manager).post(url, term_form(minusma, parent=places["mali"].pk))
    assert "a broader term must be in the same vocabulary" in response.text
    minusma.refresh_from_db()
    assert minusma.parent is None


def test_moving_a_term_with_children_to_another_vocabulary_is_refused(
    login, taxonomy_manager, places, make_vocabulary
):
    mali = places["mali"]
    other = make_vocabulary()
    url = reverse("admin:taxonomy_term_change", args=[mali.pk])
    response = login(taxonomy_manager).post(url, term_form(mali, vocabulary=other.pk, parent=""))
    assert "has narrower terms" in response.text
    mali.refresh_from_db()
    assert mali.vocabulary == places["mali"].vocabulary


def test_term_move_service_refuses_a_cycle(places):
    with pytest.raises(ValidationError):
        services.term_move(term=places["sahel"], parent=places["gao"])


def test_merging_terms_moves_articles_keeps_the_name_as_alias_and_deletes_the_source(
    login, taxonomy_manager, make_vocabulary, make_term, make_article
):
    people = make_vocabulary(name="People")
    keita = make_term(vocabulary=people, name="Ibrahim Boubacar Keïta", aliases=["IBK"])
    duplicate = make_term(vocabulary=people, name="Keita", aliases=["I. B. Keita"])
    child = make_term(vocabulary=people, name="Keïta's cabinet", parent=duplicate)
    only_dup = make_article(title="Only the duplicate", terms=[duplicate])
    both = make_article(title="Both", terms=[duplicate, keita])

    response = login(taxonomy_manager).post(
        TERMS,
        {
            "action": "merge_selected",
            "_selected_action": [keita.pk, duplicate.pk],
            "target": keita.pk,
            "apply": "1",
        },
        follow=True,
    )

    assert "Merged 1 into “Ibrahim Boubacar Keïta”: “Keita”." in messages_of(response)
    assert not Term.objects.filter(pk=duplicate.pk).exists()
    keita.refresh_from_db()
    assert keita.aliases == ["IBK", "Keita", "I. B. Keita"]
    assert list(only_dup.terms.all()) == [keita]
    assert list(both.terms.all()) == [keita]
    child.refresh_from_db()
    assert child.parent == keita


def test_merge_asks_which_term_to_keep_first(login, taxonomy_manager, places):
    response = login(taxonomy_manager).post(
        TERMS,
        {"action": "merge_selected", "_selected_action": [places["mali"].pk, places["gao"].pk]},
    )
    assert response.status_code == 200
    assert 'name="target"' in response.text
    assert Term.objects.filter(pk=places["gao"].pk).exists()


def test_merging_terms_of_two_vocabularies_is_refused_and_changes_nothing(
    login, taxonomy_manager, make_term, make_article
):
    one, two = make_term(name="Niger"), make_term(name="Niger river")
    article = make_article(terms=[two])
    response = login(taxonomy_manager).post(
        TERMS,
        {
            "action": "merge_selected",
            "_selected_action": [one.pk, two.pk],
            "target": one.pk,
            "apply": "1",
        },
        follow=True,
    )
    notes = messages_of(response)
    assert any("only terms of the same vocabulary can be merged" in m for m in notes)
    assert list(article.terms.all()) == [two]


def test_merging_a_term_into_its_narrower_term_is_refused(places):
    with pytest.raises(services.MergeError):
        services.term_merge(source=places["sahel"], target=places["gao"])
    assert Term.objects.filter(pk=places["sahel"].pk).exists()


def test_deleting_a_term_in_use_shows_the_articles_before_confirming(
    login, taxonomy_manager, make_term, make_article
):
    term = make_term(name="Kidal")
    make_article(title="The Kidal question", terms=[term])
    url = reverse("admin:taxonomy_term_delete", args=[term.pk])
    client = login(taxonomy_manager)
    page = client.get(url)
    assert "This term is in use" in page.text
    assert "The Kidal question" in page.text
    assert Term.objects.filter(pk=term.pk).exists()
    client.post(url, {"post": "yes"})
    assert not Term.objects.filter(pk=term.pk).exists()
    assert Article.objects.get(title="The Kidal question").terms.count() == 0


def test_renaming_a_tag_changes_its_name_and_address(login, taxonomy_manager, make_article):
    article = make_article(tags=["sahell"])
    tag = Tag.objects.get(name="sahell")
    url = reverse("admin:taggit_tag_change", args=[tag.pk])
    response = login(taxonomy_manager).post(url, {"name": "Sahel"})
    assert response.status_code == 302
    tag.refresh_from_db()
    assert (tag.name, tag.slug) == ("Sahel", "sahel")
    assert [t.name for t in article.tags.all()] == ["Sahel"]


def test_renaming_a_tag_to_an_existing_name_points_to_merge(login, taxonomy_manager, make_article):
    make_article(tags=["Mali", "mali crisis"])
    tag = Tag.objects.get(name="mali crisis")
    url = reverse("admin:taggit_tag_change", args=[tag.pk])
    response = login(taxonomy_manager).post(url, {"name": "MALI"})
    assert "already exists" in response.text
    assert "Merge selected tags" in response.text


def test_merging_tags_moves_their_articles_without_duplicates(
    login, taxonomy_manager, make_article
):
    one = make_article(tags=["drones", "UAV"])
    two = make_article(tags=["UAV"])
    keep = Tag.objects.get(name="drones")
    drop = Tag.objects.get(name="UAV")
    response = login(taxonomy_manager).post(
        TAGS,
        {
            "action": "merge_selected",
            "_selected_action": [keep.pk, drop.pk],
            "target": keep.pk,
            "apply": "1",
        },
        follow=True,
    )
    assert "Merged 1 into “drones”: “UAV”." in messages_of(response)
    assert not Tag.objects.filter(pk=drop.pk).exists()
    assert [t.name for t in one.tags.all()] == ["drones"]
    assert [t.name for t in two.tags.all()] == ["drones"]


def test_tag_list_counts_uses(login, taxonomy_manager, make_article):
    make_article(tags=["Gao"])
    make_article(tags=["Gao"])
    response = login(taxonomy_manager).get(TAGS)
    gao = next(t for t in response.context["cl"].result_list if t.name == "Gao")
    assert gao.n_uses == 2


def test_contributor_cannot_merge_terms(login, contributor, places):
    response = login(contributor).post(
        TERMS,
        {
            "action": "merge_selected",
            "_selected_action": [places["mali"].pk, places["gao"].pk],
            "target": places["mali"].pk,
            "apply": "1",
        },
    )
    assert "merge_selected" not in response.text
    assert Term.objects.filter(pk=places["gao"].pk).exists()
