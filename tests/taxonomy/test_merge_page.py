"""The merge confirmation says which term is which: its vocabulary, its path and how
many articles each one classifies, so that an editor keeps the right one."""

import re

import pytest
from django.urls import reverse
from taggit.models import Tag

pytestmark = pytest.mark.django_db

TERMS = reverse("admin:taxonomy_term_changelist")
TAGS = reverse("admin:taggit_tag_changelist")


def choices(response):
    """The radio labels of the page, as text."""
    labels = re.findall(r"<label[^>]*>\s*<input[^>]*name=\"target\"[^>]*>\s*(.*?)</label>",
                        response.text, re.S)  # fmt: skip
    return [" ".join(label.split()) for label in labels]


def test_each_term_to_merge_shows_its_path_and_article_count(
    login, taxonomy_manager, make_vocabulary, make_term, make_article
):
    places = make_vocabulary(name="Places")
    mali = make_term(vocabulary=places, name="Mali")
    gao = make_term(name="Gao", parent=mali)
    niger = make_term(vocabulary=places, name="Niger")
    gao_town = make_term(name="Gao town", parent=niger)
    for _ in range(3):
        make_article(terms=[gao])
    make_article(terms=[gao_town, gao])
    make_article(status="draft", terms=[gao_town])

    response = login(taxonomy_manager).post(
        TERMS, {"action": "merge_selected", "_selected_action": [gao.pk, gao_town.pk]}
    )

    assert response.status_code == 200
    assert choices(response) == [
        "Places › Mali › Gao — 4 articles",
        "Places › Niger › Gao town — 2 articles",
    ]


def test_a_term_of_one_article_says_one_article(login, taxonomy_manager, make_term, make_article):
    one = make_term(name="Kidal")
    other = make_term(name="Kidal region", vocabulary=one.vocabulary)
    make_article(terms=[one])
    response = login(taxonomy_manager).post(
        TERMS, {"action": "merge_selected", "_selected_action": [one.pk, other.pk]}
    )
    name = one.vocabulary.name
    assert choices(response) == [
        f"{name} › Kidal — 1 article",
        f"{name} › Kidal region — 0 articles",
    ]


def test_each_tag_to_merge_shows_how_often_it_is_used(login, taxonomy_manager, make_article):
    make_article(tags=["drones", "UAV"])
    make_article(tags=["UAV"])
    make_article(tags=["UAV"])
    ids = list(Tag.objects.values_list("pk", flat=True))
    response = login(taxonomy_manager).post(
        TAGS, {"action": "merge_selected", "_selected_action": ids}
    )
    assert choices(response) == ["drones — used once", "UAV — used 3 times"]
