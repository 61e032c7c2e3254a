"""Bodies are sanitised on every write path, and the sanitiser never loses the text.

The paths: the services (what the admin calls), a plain ORM save (the shell, a script,
an importer), loaddata's raw saves (tests/articles/test_sanitising.py, and here with the
markup that once swallowed text). The synthetic generator writes with bulk_create, which
skips signals: its bodies are checked to be what the sanitiser leaves
(tests/articles/devtools/test_generate_articles.py).
"""

import json

import pytest
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.html import sanitize_html
from articles.models import Article, Update
from articles.services.editing import article_save

pytestmark = pytest.mark.django_db

HOSTILE = '<p onclick="x()">Hello <script>alert(1)</script><a href="javascript:x()">x</a></p>'
# Each of these, typed into a body, once made the parser drop all the text after it.
SWALLOWERS = ["<!--", "<![CDATA[", "<!DOCTYPE", "<?php", "</ ", "<script", "<style>"]
SWALLOWERS += ["<textarea>", "<title>", "<iframe>", "<noscript>", "<xmp>", "<plaintext>"]


def assert_safe(body):
    for needle in ("<script", "alert(1)", "onclick", "javascript:"):
        assert needle not in body


@pytest.mark.parametrize("markup", SWALLOWERS)
def test_markup_the_sanitiser_drops_keeps_the_text_after_it(markup):
    body = sanitize_html(f"<p>Before {markup} after.</p><p>The next paragraph.</p>")
    assert "Before" in body
    assert "after." in body
    assert "<p>The next paragraph.</p>" in body


def test_a_closed_comment_or_script_is_dropped_with_its_content():
    assert sanitize_html("<p>a <!-- note --> b <script>alert(1)</script>c</p>") == "<p>a  b c</p>"


@settings(max_examples=200, derandomize=True, database=None)
@given(
    head=st.text(max_size=40),
    markup=st.sampled_from(SWALLOWERS),
    tail=st.from_regex(r"[A-Za-z]{1,20}( [A-Za-z]{1,20}){0,5}", fullmatch=True),
)
def test_no_markup_swallows_the_words_after_it(head, markup, tail):
    body = sanitize_html(f"<p>{head}{markup} {tail}</p>")
    assert tail in body
    assert sanitize_html(body) == body  # stored once, stable


def test_the_services_store_a_sanitised_body(editor):
    article = Article(title="Typed", slug="typed", body=HOSTILE + "<p>x <!-- y</p><p>z</p>")
    article_save(article=article, user=editor)
    stored = Article.objects.get(slug="typed").body
    assert_safe(stored)
    assert "Hello" in stored
    assert "<p>z</p>" in stored


def test_a_save_from_the_shell_stores_a_sanitised_body(make_article):
    article = make_article(slug="from-the-shell")
    code = (
        "from articles.models import Article, Update\n"
        "a = Article.objects.get(slug='from-the-shell')\n"
        f"a.body = {HOSTILE!r}\n"
        "a.save()\n"
        f"Update.objects.create(article=a, kind='update', body={HOSTILE!r})\n"
    )
    call_command("shell", command=code)
    article.refresh_from_db()
    assert_safe(article.body)
    assert_safe(Update.objects.get(article=article).body)


def test_loaddata_keeps_the_text_after_an_unclosed_comment(tmp_path):
    fixture = tmp_path / "comment.json"
    fields = {
        "title": "Imported",
        "slug": "imported",
        "body": "<p>Kept <!-- typed by mistake</p><p>Also kept.</p>",
        "status": "draft",
        "created_at": "2024-01-01T10:00:00Z",
        "modified_at": "2024-01-01T10:00:00Z",
    }
    fixture.write_text(json.dumps([{"model": "articles.article", "fields": fields}]))
    call_command("loaddata", str(fixture), verbosity=0)
    body = Article.objects.get(slug="imported").body
    assert body == "<p>Kept &lt;!-- typed by mistake</p><p>Also kept.</p>"
