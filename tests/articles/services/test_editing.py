"""article_save called directly, as a script would: the same rules as the admin's form."""

from datetime import timedelta

import pytest
from django.utils import timezone
from reversion.models import Version

from articles import services
from articles.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def amina(make_user):
    return make_user("Editor", username="amina", first_name="Amina", last_name="Traoré")


def test_a_stale_save_is_refused_naming_who_saved_and_when(amina, editor, make_article):
    article = make_article(title="Original")
    mine = Article.objects.get(pk=article.pk)
    theirs = Article.objects.get(pk=article.pk)
    theirs.title = "Amina's title"
    services.article_save(article=theirs, user=amina)

    mine.title = "Eddie's title"
    with pytest.raises(services.StaleEdit) as refused:
        services.article_save(article=mine, user=editor)

    saved = Article.objects.get(pk=article.pk)
    assert refused.value.who == amina
    assert refused.value.at == saved.modified_at
    assert str(refused.value).startswith("Amina Traoré saved this article at ")
    assert saved.title == "Amina's title"


def test_a_save_with_the_number_it_was_opened_at_is_refused_once_overtaken(editor, make_article):
    article = make_article()
    opened = article.lock_version
    services.article_save(article=Article.objects.get(pk=article.pk), user=editor)
    fresh = Article.objects.get(pk=article.pk)
    fresh.title = "Late"
    with pytest.raises(services.StaleEdit):
        services.article_save(article=fresh, user=editor, opened_version=opened)
    assert Article.objects.get(pk=article.pk).title != "Late"


def test_a_refused_move_writes_nothing(editor, make_article):
    article = make_article(title="Live title")
    article.status = Article.Status.DRAFT
    article.title = "Back to draft"
    with pytest.raises(services.WorkflowError, match="cannot become “Draft” directly") as refused:
        services.article_save(article=article, user=editor)
    assert refused.value.field == "status"
    stored = Article.objects.get(pk=article.pk)
    assert (stored.status, stored.title) == ("published", "Live title")


def test_a_contributor_cannot_publish_by_calling_the_service(contributor, make_article):
    draft = make_article(status="draft", created_by=contributor)
    draft.status = Article.Status.PUBLISHED
    with pytest.raises(services.WorkflowError, match="Only editors can publish"):
        services.article_save(article=draft, user=contributor)
    assert Article.objects.get(pk=draft.pk).status == "draft"


def test_a_contributor_cannot_schedule_by_calling_the_service(contributor, make_article):
    draft = make_article(status="draft", created_by=contributor)
    draft.published_at = timezone.now() + timedelta(days=2)
    with pytest.raises(services.WorkflowError, match="Only editors can schedule") as refused:
        services.article_save(article=draft, user=contributor)
    assert refused.value.field == "published_at"
    assert Article.objects.get(pk=draft.pk).published_at is None


def test_a_publication_date_that_has_passed_cannot_move(editor, make_article):
    first = timezone.now() - timedelta(days=10)
    article = make_article(published_at=first)
    article.published_at = first - timedelta(days=365)
    with pytest.raises(services.WorkflowError, match="that date cannot move"):
        services.article_save(article=article, user=editor)
    assert Article.objects.get(pk=article.pk).published_at == first


def test_publishing_without_a_date_publishes_now_stamps_and_versions(editor):
    before = timezone.now()
    article = Article(title="Fresh", slug="fresh", status=Article.Status.PUBLISHED)
    services.article_save(article=article, user=editor, note="Breaking news")
    stored = Article.objects.get(slug="fresh")
    assert before <= stored.published_at <= timezone.now()
    assert stored.is_published()
    assert (stored.created_by, stored.modified_by) == (editor, editor)
    (version,) = Version.objects.get_for_object(stored)
    assert version.revision.comment == "Breaking news"
    assert version.revision.user == editor


def test_saving_unchanged_content_adds_no_version(editor, make_article):
    article = make_article()
    services.article_save(article=article, user=editor, note="First")
    services.article_save(article=article, user=editor, note="Nothing new")
    assert [v.revision.comment for v in Version.objects.get_for_object(article)] == ["First"]
