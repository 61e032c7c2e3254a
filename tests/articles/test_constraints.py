"""Each constraint of the newsroom's tables refuses a bad row in the database itself.

The rows are written past the forms and the model's save() (update(), or create()
without full_clean()), so only the database stands in the way; the error must name
the constraint, so that a different failure cannot pass for it.
"""

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction

from articles.media.models import Document
from articles.models import (
    Article,
    ArticleAuthor,
    ArticleDocument,
    FormerSlug,
    ImportedPost,
    Page,
    Redirect,
    TaggedArticle,
    Update,
)

pytestmark = pytest.mark.django_db


def refused(constraint):
    """pytest.raises for that constraint, in a savepoint so the test may go on."""

    class Refused:
        def __enter__(self):
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            self.raises = pytest.raises(IntegrityError, match=constraint)
            self.raises.__enter__()

        def __exit__(self, *exc):
            handled = self.raises.__exit__(*exc)
            self.atomic.__exit__(None, None, None)
            return handled

    return Refused()


def test_article_slug_is_unique(make_article):
    make_article(slug="same")
    with refused("articles_article_slug_unique"):
        make_article(slug="same")


def test_article_status_must_be_one_of_the_four(make_article):
    article = make_article()
    with refused("articles_article_status_valid"):
        Article.objects.filter(pk=article.pk).update(status="archived")
    for status in Article.Status.values:
        Article.objects.filter(pk=article.pk).update(status=status)


def test_published_article_needs_a_date(make_article):
    article = make_article()
    with refused("articles_article_published_has_date"):
        Article.objects.filter(pk=article.pk).update(published_at=None)
    draft = make_article(status=Article.Status.DRAFT, published_at=None)
    assert draft.published_at is None


def test_author_slug_is_unique(make_author):
    make_author(slug="ada")
    with refused("articles_author_slug_unique"):
        make_author(slug="ada")


def test_an_author_is_in_a_byline_once(make_article, make_author):
    ada = make_author()
    article = make_article(authors=[ada])
    with refused("articles_articleauthor_unique"):
        ArticleAuthor.objects.create(article=article, author=ada, position=1)


def test_a_tag_is_on_an_article_once(make_article):
    article = make_article(tags=["sahel"])
    tag = article.tags.get()
    with refused("articles_taggedarticle_unique"):
        TaggedArticle.objects.create(content_object=article, tag=tag)


def test_update_order_is_unique_within_its_article(make_article):
    article = make_article(updates=[{"body": "<p>One.</p>"}, {"body": "<p>Two.</p>"}])
    first, second = article.updates.order_by("order")
    with refused("articles_update_order_unique"):
        Update.objects.filter(pk=second.pk).update(order=first.order)
    other = make_article(updates=[{"body": "<p>Elsewhere.</p>"}])
    Update.objects.filter(article=other).update(order=first.order)


def test_update_kind_must_be_one_of_the_three(make_article):
    article = make_article(updates=[{"body": "<p>One.</p>"}])
    with refused("articles_update_kind_valid"):
        article.updates.update(kind="rumour")


def test_an_article_leaves_the_site_only_after_its_publication(make_article):
    article = make_article()
    with refused("articles_article_expires_after_publication"):
        Article.objects.filter(pk=article.pk).update(expires_at=article.published_at)


def test_a_retraction_has_a_reason(make_article):
    article = make_article(updates=[{"body": "<p>One.</p>"}])
    with refused("articles_update_retraction_has_reason"):
        article.updates.update(retracted_at=article.published_at)


def test_a_former_slug_is_kept_once(db):
    FormerSlug.objects.create(slug="old", article_id=1)
    with refused("articles_formerslug_slug_unique"):
        FormerSlug.objects.create(slug="old", article_id=2)


def test_a_redirect_is_unique_and_starts_at_a_path(db):
    Redirect.objects.create(old_path="/old/", new_path="/new/")
    with refused("articles_redirect_old_unique"):
        Redirect.objects.create(old_path="/old/", new_path="/other/")
    with refused("articles_redirect_old_is_a_path"):
        Redirect.objects.create(old_path="old/", new_path="/new/")


def test_a_static_pages_slug_is_unique(db):
    Page.objects.create(title="About", slug="about")
    with refused("articles_page_slug_unique"):
        Page.objects.create(title="About us", slug="about")


def test_a_document_is_attached_to_an_article_once(make_article):
    article = make_article()
    document = Document.objects.create(
        file="documents/report.pdf",
        title="Report",
        file_size=1,
        content_type="application/pdf",
        content_hash="0" * 64,
    )
    ArticleDocument.objects.create(article=article, document=document, position=0)
    with refused("articles_articledocument_unique"):
        ArticleDocument.objects.create(article=article, document=document, position=1)


def test_a_wordpress_post_is_imported_once(make_article):
    first, second = make_article(), make_article()
    record = {"content_hash": "0" * 64, "imported_at": first.published_at}
    ImportedPost.objects.create(guid="https://example.org/?p=1", article=first, **record)
    with refused("articles_importedpost_guid_unique"):
        ImportedPost.objects.create(guid="https://example.org/?p=1", article=second, **record)


TESTED = {
    "articles_article_slug_unique",
    "articles_article_status_valid",
    "articles_article_published_has_date",
    "articles_author_slug_unique",
    "articles_articleauthor_unique",
    "articles_taggedarticle_unique",
    "articles_update_order_unique",
    "articles_update_kind_valid",
    "articles_article_expires_after_publication",
    "articles_update_retraction_has_reason",
    "articles_formerslug_slug_unique",
    "articles_redirect_old_unique",
    "articles_redirect_old_is_a_path",
    "articles_page_slug_unique",
    "articles_articledocument_unique",
    "articles_importedpost_guid_unique",
}


def test_every_named_constraint_of_the_app_has_a_test_here():
    declared = {
        constraint.name
        for model in apps.get_app_config("articles").get_models()
        for constraint in model._meta.constraints
    }
    assert declared == TESTED
