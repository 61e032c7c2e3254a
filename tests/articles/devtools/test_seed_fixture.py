"""The seed documents as a fixture: faithful to the sources, idempotent, id-free."""

import html
import json
import re
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.utils.html import strip_tags

from articles.devtools.seeds import FURNITURE_LINES, KEYWORD_PREFIXES, is_furniture
from articles.models import Article, Update

pytestmark = pytest.mark.django_db

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
SOURCES = FIXTURES / "sources"
DOCUMENTS = json.loads((SOURCES / "documents.json").read_text())


def normalised(text):
    return re.sub(r"\s+", " ", html.unescape(strip_tags(text))).strip()


def all_text(article):
    caption = article.lead_image_caption
    if article.lead_image_credit:
        caption += f" ({article.lead_image_credit})"  # as the article page prints it
    parts = [article.title, caption, article.body]
    for update in article.updates.all():
        parts += [update.title, update.body]
    return normalised(" ".join(parts))


def content_lines(source):
    """The document's lines minus the furniture and the keyword lines."""
    # A numbered item's number is list markup (<ol>), not text.
    lines = [
        re.sub(r"^\d+\.\s+", "", line.strip())
        for line in (SOURCES / source).read_text().splitlines()
    ]
    return [
        line
        for line in lines
        if line and not is_furniture(line) and not line.startswith(KEYWORD_PREFIXES)
    ]


def sentences(line):
    return [s for s in re.split(r"(?<=[.?!”])\s+(?=[A-Z“])", normalised(line)) if s]


def row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"articles", "taxonomy", "taggit"}
    }


def test_loading_the_fixture_twice_duplicates_nothing():
    call_command("loaddata", "seed_documents", verbosity=0)
    first = row_counts()
    call_command("loaddata", "seed_documents", verbosity=0)
    assert row_counts() == first
    assert first["articles.Article"] == 5


def test_fixture_carries_no_database_ids():
    records = json.loads((FIXTURES / "seed_documents.json").read_text())
    assert records
    assert all("pk" not in record for record in records)


def test_build_command_reproduces_the_committed_fixture():
    call_command("build_seed_fixture", "--check", verbosity=0)


def test_five_published_articles_one_per_document(seeded):
    assert Article.objects.published().count() == 5
    assert set(Article.objects.values_list("slug", flat=True)) == {d["slug"] for d in DOCUMENTS}


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda d: d["slug"])
def test_every_sentence_of_the_document_is_in_the_article(seeded, document):
    article = Article.objects.get(slug=document["slug"])
    text = all_text(article)
    byline = document.get("byline")
    missing = [
        sentence
        for line in content_lines(document["source"])
        if line != byline
        for sentence in sentences(line)
        if sentence not in text and sentence.rstrip(":") not in text
    ]
    assert missing == []


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda d: d["slug"])
def test_no_furniture_line_appears_in_an_article(seeded, document):
    article = Article.objects.get(slug=document["slug"])
    text = all_text(article) + " " + normalised(article.standfirst)
    for line in FURNITURE_LINES - {"by"}:
        assert line not in text
    assert "Home »" not in text
    assert "Akismet" not in text
    for prefix in KEYWORD_PREFIXES:
        assert prefix not in text


def test_title_printed_twice_is_stored_once(seeded):
    article = Article.objects.get(slug="enhancing-us-mali-collaboration")
    assert article.title == (
        "Enhancing U.S.-Mali Collaboration: Strengthening Strategic Partnerships and Cooperation"
    )
    assert article.title not in normalised(article.body)


def test_curly_quotes_in_titles_are_kept(seeded):
    assert Article.objects.filter(title="“Smart Power” To Do List in 2013: Mali?").exists()


def test_keyword_lines_become_tags(seeded):
    article = Article.objects.get(slug="enhancing-us-mali-collaboration")
    names = {tag.name for tag in article.tags.all()}
    assert {"Sahel security", "rule of law initiatives", "disaster relief"} <= names


def test_section_headings_are_h2_and_lists_are_lists(seeded):
    background = Article.objects.get(slug="pieces-starting-to-align-for-mali-intervention")
    assert "<h2>Some background</h2>" in background.body
    assert "<h2>Momentum for Intervention</h2>" in background.body
    collaboration = Article.objects.get(slug="enhancing-us-mali-collaboration")
    assert "<h2>Evergreen Insights: The Sahel’s strategic Importance</h2>" in collaboration.body
    assert collaboration.body.count("<ol>") == 1
    assert collaboration.body.count("<ul>") >= 6


def test_captions_and_credits_are_split(seeded):
    peace = Article.objects.get(slug="malis-elusive-peace")
    assert peace.lead_image_caption == (
        "A MINUSMA peacekeeper during a training in Gao, Mali, May 15, 2014."
    )
    assert peace.lead_image_credit == "MINUSMA/Marco Dormino"
    lessons = Article.objects.get(slug="what-can-mali-teach-the-un-about-confronting-terrorism")
    assert lessons.lead_image_credit == "Marco Dormino/UN Photo"


def test_only_the_named_author_is_credited(seeded):
    bylines = {a.slug: [x.name for x in a.authors.all()] for a in Article.objects.all()}
    assert bylines["smart-power-to-do-list-in-2013-mali"] == ["Zach Silberman"]
    assert all(not names for slug, names in bylines.items() if not slug.startswith("smart"))


def test_acota_update_is_an_update_not_body(seeded):
    article = Article.objects.get(slug="smart-power-to-do-list-in-2013-mali")
    update = article.updates.get()
    assert update.kind == Update.Kind.UPDATE
    assert update.published_at.date() == date(2013, 1, 15)
    assert "Africa Contingency Operations Training and Assistance (ACOTA)" in update.body
    assert "ACOTA" not in article.body
    assert article.published_at.date() == date(2013, 1, 9)


def test_inferred_dates_carry_their_evidence(seeded):
    for article in Article.objects.exclude(slug="smart-power-to-do-list-in-2013-mali"):
        assert "inferred" in article.internal_note


def test_truncated_document_keeps_its_text_as_received(seeded):
    article = Article.objects.get(slug="enhancing-us-mali-collaboration")
    assert normalised(article.body).endswith("Due Diligence: Conduct thorough")
    assert "MID-SENTENCE" in article.internal_note


def test_every_article_is_classified_in_every_vocabulary(seeded):
    for article in Article.objects.prefetch_related("terms__vocabulary"):
        vocabularies = {term.vocabulary.slug for term in article.terms.all()}
        assert {"places", "organisations", "topics"} <= vocabularies, article.slug


def test_article_with_an_update_shows_its_updated_date(client, seeded):
    article = Article.objects.get(slug="smart-power-to-do-list-in-2013-mali")
    assert article.updated_at.date() == date(2013, 1, 15)
    assert "Updated" in client.get(article.get_absolute_url()).text
