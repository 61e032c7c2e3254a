"""Full-text search: stemming, accents, aliases, syntax, freshness, snippets, suggestions."""

import pytest
from django.urls import reverse

from articles.models import Article

pytestmark = pytest.mark.django_db


def found(client, query):
    response = client.get(reverse("articles:list"), {"q": query})
    assert response.status_code == 200
    return {article.slug for article in response.context["articles"]}


def test_search_is_accent_insensitive_both_ways(client, world, make_article):
    make_article(slug="plain-keita", body="<p>Modibo Keita founded the state.</p>")
    assert {"ecowas-plans-a-force", "plain-keita"} <= found(client, "keita")
    assert {"ecowas-plans-a-force", "plain-keita"} <= found(client, "Keïta")


def test_search_stems_english_words(client, world):
    assert "ambush-near-gao" in found(client, "peacekeeper attack")


def test_an_alias_finds_the_articles_of_its_term(client, world):
    assert found(client, "Multidimensional Integrated Stabilization Mission") == {
        "ambush-near-gao"
    }


def test_websearch_syntax_phrases_or_and_exclusion(client, world):
    assert found(client, '"regional bloc"') == {"ecowas-plans-a-force"}
    assert found(client, '"bloc regional"') == set()
    assert found(client, "Ansongo OR Libya") == {"ambush-near-gao", "convoy-destroyed-in-niger"}
    assert "ambush-near-gao" not in found(client, "Gao -Ansongo")


def test_update_bodies_are_searchable_and_fresh(client, world):
    assert found(client, "Libya") == {"convoy-destroyed-in-niger"}
    world.ambush = world.gao_ambush
    world.gao_ambush.updates.create(kind="correction", body="<p>Six were wounded in Tessalit.</p>")
    assert found(client, "Tessalit") == {"ambush-near-gao"}


def test_search_follows_edits_terms_renames_and_aliases(client, world):
    article = world.gao_ambush
    article.body = "<p>Helicopters landed in Kidal.</p>"
    article.save()
    assert found(client, "helicopters") == {"ambush-near-gao"}
    assert "ambush-near-gao" not in found(client, "Ansongo")

    article.terms.add(world.ecowas)
    assert "ambush-near-gao" in found(client, "ECOWAS")

    world.minusma.name = "MINUSMA peace operation"
    world.minusma.save()
    assert found(client, "operation") >= {"ambush-near-gao"}

    world.ecowas.aliases = ["Economic Community of West African States"]
    world.ecowas.save()
    assert "ambush-near-gao" in found(client, "Economic Community")


def test_seed_fixture_is_searchable_after_loaddata(client, seeded):
    assert "smart-power-to-do-list-in-2013-mali" in found(client, "ACOTA")
    assert "malis-elusive-peace" in found(client, "Barkhane")


def test_drafts_are_never_found(client, world):
    assert found(client, "xylophones") == set()


def test_snippets_highlight_matches_and_escape_text(client, make_article):
    make_article(slug="tags", body="<p>Keïta said &lt;script&gt; is not a word &amp; left.</p>")
    response = client.get("/", {"q": "keita"})
    assert "<mark>Keïta</mark>" in response.text
    assert "&lt;script&gt;" in response.text
    assert "<script>" not in response.text.split("<main", 1)[1]


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [("Barkane", "Operation Barkhane"), ("Keyta", "Keïta"), ("Timbuctoo", "Timbuktu")],
)
def test_did_you_mean(client, make_vocabulary, make_term, make_article, typed, suggested):
    places = make_vocabulary(name="Places", slug="places")
    operations = make_vocabulary(name="Operations", slug="operations")
    timbuktu = make_term(vocabulary=places, name="Timbuktu", aliases=["Timbuctoo"])
    barkhane = make_term(vocabulary=operations, name="Operation Barkhane", aliases=["Barkhane"])
    make_article(
        body="<p>Operation Barkhane and President Keïta met in Timbuktu.</p>",
        terms=[timbuktu, barkhane],
    )
    response = client.get("/", {"q": typed})
    suggestion = response.context["suggestion"]
    assert suggestion is not None
    assert suggestion in suggested or suggested.endswith(suggestion)
    assert "Did you mean" in response.text


def test_did_you_mean_never_suggests_a_word_only_drafts_contain(client, world):
    response = client.get("/", {"q": "xylophonez"})
    assert response.context["suggestion"] is None


def test_term_lookup_forgives_spelling_and_aliases(client, world):
    url = reverse("articles:term_lookup")
    names = [r["name"] for r in client.get(url, {"q": "keita"}).json()["results"]]
    assert names == ["Ibrahim Boubacar Keïta"]
    names = [r["name"] for r in client.get(url, {"q": "Minusmaa"}).json()["results"]]
    assert "MINUSMA" in names
    names = [
        r["name"]
        for r in client.get(url, {"q": "Stabilization", "vocabulary": "organisations"}).json()[
            "results"
        ]
    ]
    assert names == ["MINUSMA"]


def test_search_vector_is_weighted_title_first(world):
    article = Article.objects.get(slug="ambush-near-gao")
    vector = str(article.search_vector)
    assert "'gao':3A" in vector or "'gao':3A," in vector
