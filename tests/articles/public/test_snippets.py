"""Search snippets: whole sentences with ellipses where text is left out, blocks kept
apart, matches highlighted, and where a match only in an update or a term was found."""

import re
from datetime import UTC, datetime

import pytest

pytestmark = pytest.mark.django_db


def snippet(client, text):
    """The snippets of the results, as plain text with [marks]."""
    response = client.get("/", {"q": text})
    found = re.findall(r'<p class="snippet">(.*?)</p>', response.text, re.S)
    return [
        re.sub(r"<[^>]+>", "", s.replace("<mark>", "[").replace("</mark>", "]")) for s in found
    ]


def test_a_snippet_is_whole_sentences_with_ellipses_for_what_is_left_out(client, make_article):
    make_article(
        body="<p>The first sentence says nothing. Patrols resumed near Ansongo at dawn. "
        "Then the rains came. Nobody expected them.</p>"
    )
    assert snippet(client, "Ansongo") == ["… Patrols resumed near [Ansongo] at dawn. …"]


def test_headings_and_list_items_are_kept_apart(client, make_article):
    make_article(
        body="<h2>Convoys to Gao</h2><ul><li>Fuel to Gao</li><li>Water</li></ul><p>Gao waited.</p>"
    )
    (text,) = snippet(client, "Gao")
    assert text == "Convoys to [Gao] … Fuel to [Gao] … [Gao] waited."
    assert "Gao Fuel" not in text and "GaoFuel" not in text


def test_a_snippet_never_starts_mid_sentence(client, make_article):
    body = "<p>" + " ".join(f"Sentence {n} is about nothing much." for n in range(20))
    make_article(body=body + " Here Kidal appears at last. And more text follows.</p>")
    (text,) = snippet(client, "Kidal")
    assert text == "… Here [Kidal] appears at last. …"


def test_a_long_sentence_is_shown_around_its_match(client, make_article):
    words = " ".join(f"w{n}" for n in range(60))
    make_article(body=f"<p>{words} Tessalit {words}.</p>")
    (text,) = snippet(client, "Tessalit")
    assert text.startswith("… w50") and "[Tessalit]" in text and text.endswith("…")
    assert len(text.split()) < 40


def test_a_match_only_in_an_update_says_where(client, make_article):
    make_article(
        body="<p>Nothing here.</p>",
        updates=[
            {
                "kind": "update",
                "published_at": datetime(2013, 1, 15, 12, tzinfo=UTC),
                "body": "<p>The State Department offered ACOTA training.</p>",
            }
        ],
    )
    assert snippet(client, "ACOTA") == [
        "Matched in an update of 15 January 2013: The State Department offered [ACOTA] training."
    ]


def test_a_correction_is_named_as_one(client, world):
    (text,) = snippet(client, "Libya")
    assert text.startswith("Matched in a correction of ")
    assert "[Libya]" in text


def test_a_match_only_in_a_term_names_the_term(client, world):
    # "ECOWAS plans a force" is classified under Mali; the word is nowhere in its text.
    response = client.get("/", {"q": "Mali"})
    summaries = dict(
        re.findall(
            r'<h2><a href="/articles/([^/]+)/">.*?<p class="snippet">(.*?)</p>',
            response.text,
            re.S,
        )
    )
    assert summaries["ecowas-plans-a-force"] == "Matched the term “<mark>Mali</mark>”"


def test_a_match_through_an_alias_names_the_term_and_the_alias(client, world):
    texts = snippet(client, "Stabilization Mission")
    assert texts == [
        "Matched the term “MINUSMA” (also called UN Multidimensional Integrated "
        "[Stabilization] [Mission] in Mali)"
    ]


def test_a_match_only_in_the_title_shows_the_excerpt(client, make_article):
    make_article(title="Timbuktu again", standfirst="Nothing to see.", body="<p>Quiet.</p>")
    response = client.get("/", {"q": "Timbuktu"})
    assert 'class="snippet"' not in response.text
    assert "Nothing to see." in response.text


def test_snippets_escape_the_text(client, make_article):
    make_article(body="<p>Keïta said &lt;script&gt; is not a word &amp; left.</p>")
    text = client.get("/", {"q": "keita"}).text
    assert "<mark>Keïta</mark> said &lt;script&gt; is not a word &amp; left." in text


def test_snippets_run_a_constant_number_of_queries(
    client, world, make_article, django_assert_max_num_queries
):
    def page():
        with django_assert_max_num_queries(19):  # 18, and the search's work_mem setting
            return client.get("/", {"q": "Libya OR Mali OR Stabilization"})

    assert len(page().context["articles"]) == 3
    for n in range(11):
        make_article(
            body="<p>Nothing.</p>",
            terms=[world.mali],
            updates=[{"kind": "update", "body": "<p>Libya.</p>"}] if n % 2 else [],
        )
    assert len(page().context["articles"]) == 14


def test_a_match_only_in_the_standfirst_highlights_the_standfirst(client, make_article):
    make_article(standfirst="Fuel prices double in Menaka.", body="<p>Nothing here.</p>")
    assert snippet(client, "Menaka") == ["Fuel prices double in [Menaka]."]
