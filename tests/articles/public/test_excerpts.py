"""Excerpts in lists: the standfirst, or else the first sentences of the first paragraph,
never a heading nor a dateline, cut at a sentence or a word with one ellipsis."""

import pytest

from articles.excerpts import excerpt
from articles.models import Article

pytestmark = pytest.mark.django_db

LONG_FIRST_SENTENCE = (
    "<p>It has been nearly 20 months since the sound of French fighter jets filled the skies "
    "of Mali’s desert north where, on the ground below, Islamist militants had seized control "
    "of a land mass comparable to the size of France. The cacophony of fighter jet engines "
    "marked the advent of France’s military intervention.</p>"
)


def test_the_standfirst_is_the_excerpt_when_there_is_one(client, make_article):
    make_article(standfirst="Troops return to Gao.", body="<p>Something else entirely.</p>")
    assert "Troops return to Gao." in client.get("/").text


def test_a_heading_and_a_dateline_opening_are_left_out(client, make_article):
    article = make_article(
        standfirst="",
        body="<h2>US-Mali Dialog Intensifies</h2><p>Bamako, Mali – Recent high-level "
        "discussions signal a strengthening of ties. More follows here.</p>",
    )
    assert (
        article.summary
        == "Recent high-level discussions signal a strengthening of ties. More follows here."
    )
    text = client.get("/").text
    assert "Recent high-level discussions" in text
    assert "Dialog Intensifies Bamako" not in text and "Bamako, Mali –" not in text


@pytest.mark.parametrize(
    "dateline",
    ["BAMAKO, Mali", "Bamako, 15 January 2013", "15 January 2013", "Gao (AFP) —"],
)
def test_a_dateline_line_is_never_the_excerpt(dateline):
    body = f"<p>{dateline}</p><p>Peacekeepers left Gao at dawn.</p>"
    assert excerpt(body) == "Peacekeepers left Gao at dawn."


def test_whole_sentences_without_an_ellipsis_after_their_full_stop():
    text = excerpt(LONG_FIRST_SENTENCE)
    assert text.endswith("comparable to the size of France.")
    assert "…" not in text and "France.…" not in text


def test_a_first_sentence_too_long_is_cut_at_a_word_with_one_ellipsis():
    words = " ".join(f"word{n}," for n in range(80))
    text = excerpt(f"<p>{words} end.</p>", max_words=20)
    assert text == " ".join(f"word{n}," for n in range(20))[:-1] + "…"
    assert text.count("…") == 1 and ",…" not in text


def test_sentences_are_added_while_they_fit():
    body = "<p>One two three. Four five six. Seven eight nine ten eleven twelve.</p>"
    assert excerpt(body, max_words=6) == "One two three. Four five six."


def test_abbreviations_and_initials_do_not_end_a_sentence():
    body = (
        "<p>U.S. AFRICOM Commander General Carter F. Ham spoke. Mr. Keïta replied at length.</p>"
    )
    assert excerpt(body, max_words=9) == "U.S. AFRICOM Commander General Carter F. Ham spoke."


def test_list_items_and_quotations_are_not_the_first_paragraph():
    body = "<ul><li><p>A point.</p></li></ul><blockquote><p>A quote.</p></blockquote><p>Text.</p>"
    assert excerpt(body) == "Text."


def test_entities_are_read_as_text():
    assert excerpt("<p>Terrorism &amp; extremism rise.</p>") == "Terrorism & extremism rise."


def test_the_seed_documents_excerpts_are_clean(seeded):
    for article in Article.objects.filter(standfirst=""):
        summary = article.summary
        assert summary and summary[-1] in ".?!…”", (article.slug, summary)
        assert ".…" not in summary and "?…" not in summary
        assert not summary.startswith("Bamako"), summary
    enhancing = Article.objects.get(slug="enhancing-us-mali-collaboration")
    assert enhancing.summary.startswith("Recent high-level discussions")
