"""Names sort as readers expect: accents and case do not count (“Ménaka” before
“Middle East”, “Éthiopie” among the E's), in the admin and on the public pages.

A byte-wise (C) order, the embedded server's default, puts “Middle East” before
“Ménaka” and “Éthiopie” after “Zinder”: each test below would fail on it.
"""

import pytest
from django.urls import reverse
from taggit.models import Tag

from articles.models import Author
from taxonomy.models import Term

pytestmark = pytest.mark.django_db

NAMES = ["Middle East", "Zinder", "Ménaka", "mopti", "Éthiopie", "Mali"]
EXPECTED = ["Éthiopie", "Mali", "Ménaka", "Middle East", "mopti", "Zinder"]


@pytest.fixture
def places(make_vocabulary, make_term):
    places = make_vocabulary(name="Places", slug="places")
    for name in NAMES:
        make_term(vocabulary=places, name=name)
    return places


def test_terms_in_the_admin_list_sort_ignoring_accents_and_case(login, taxonomy_manager, places):
    response = login(taxonomy_manager).get(
        reverse("admin:taxonomy_term_changelist"), {"vocabulary__id__exact": places.pk}
    )
    assert [t.name for t in response.context["cl"].result_list] == EXPECTED


def test_narrower_terms_sort_ignoring_accents_under_their_broader_term(
    login, taxonomy_manager, places, make_term
):
    mali = Term.objects.get(name="Mali")
    for name in ["Mopti", "Ménaka", "Gao"]:
        make_term(vocabulary=places, name=f"{name} region", parent=mali)
    response = login(taxonomy_manager).get(
        reverse("admin:taxonomy_term_changelist"), {"vocabulary__id__exact": places.pk}
    )
    names = [t.name for t in response.context["cl"].result_list]
    assert names[1:5] == ["Mali", "Gao region", "Ménaka region", "Mopti region"]


def test_terms_on_the_public_vocabulary_page_sort_ignoring_accents(client, places):
    response = client.get(reverse("articles:vocabulary", args=[places.slug]))
    assert [term.name for term, _depth, _count in response.context["tree"]] == EXPECTED


def test_the_default_order_of_terms_ignores_accents(places):
    assert list(Term.objects.values_list("name", flat=True)) == EXPECTED


def test_authors_sort_ignoring_accents_in_the_admin_and_by_default(admin_client, make_author):
    for name in NAMES:
        make_author(name=name)
    response = admin_client.get(reverse("admin:articles_author_changelist"))
    assert [a.name for a in response.context["cl"].result_list] == EXPECTED
    assert list(Author.objects.values_list("name", flat=True)) == EXPECTED


def test_tags_in_the_admin_list_sort_ignoring_accents(admin_client):
    for n, name in enumerate(NAMES):
        Tag.objects.create(name=name, slug=f"tag-{n}")
    response = admin_client.get(reverse("admin:taggit_tag_changelist"))
    assert [t.name for t in response.context["cl"].result_list] == EXPECTED


def test_equally_frequent_authors_in_the_listing_facet_sort_ignoring_accents(
    client, make_author, make_article
):
    authors = [make_author(name=name) for name in NAMES]
    make_article(authors=authors)
    response = client.get("/")
    facet = next(f for f in response.context["facets"] if f.param == "author")
    assert [v.name for v in facet.values] == EXPECTED
