"""A contributor's read-only view of a published article shows the body as readers see
it (rendered, sanitised), not its HTML source; editors still get the editor."""

import pytest
from django.urls import reverse

from articles.models import Article

pytestmark = pytest.mark.django_db

BODY = '<h2>Context</h2><p>Fighting near <a href="https://example.org/gao">Gao</a>.</p>'


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def test_a_contributor_sees_a_published_body_rendered(login, contributor, make_article):
    article = make_article(created_by=contributor, body=BODY)
    page = login(contributor).get(change_url(article))
    assert page.status_code == 200
    assert "<h2>Context</h2>" in page.text
    assert '<a href="https://example.org/gao"' in page.text
    assert "&lt;h2&gt;" not in page.text
    assert 'id="id_body"' not in page.text  # no editor of the body (a comment's box is another)


def test_the_rendered_body_is_sanitised_even_if_stored_unsanitised(
    login, contributor, make_article
):
    article = make_article(created_by=contributor)
    # update() skips the sanitiser on save, as raw SQL or an old row would.
    Article.objects.filter(pk=article.pk).update(
        body='<p>Kept</p><script>alert("x")</script><p onclick="steal()">Too</p>'
    )
    page = login(contributor).get(change_url(article))
    assert "<p>Kept</p>" in page.text
    assert 'alert("x")' not in page.text and "steal()" not in page.text


def test_an_editor_still_edits_the_body(login, editor, make_article):
    article = make_article(body=BODY)
    page = login(editor).get(change_url(article))
    assert 'name="body"' in page.text
