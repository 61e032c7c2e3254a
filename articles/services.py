"""Writes that change an article's workflow state.

The admin (forms and actions), commands and scripts call these; the rules of
who may move an article where live here and nowhere else. A refused move raises
WorkflowError with a message meant for the editor; nothing is written then.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from reversion.models import Version
from taggit.models import Tag

from taxonomy.models import Term

from . import versioning
from .models import Article, ArticleAuthor, Author, TaggedArticle, Update

Status = Article.Status

# Where an article may go from each status (staying put is always allowed).
TRANSITIONS = {
    Status.DRAFT: {Status.IN_REVIEW, Status.PUBLISHED},
    Status.IN_REVIEW: {Status.DRAFT, Status.PUBLISHED},
    Status.PUBLISHED: {Status.WITHDRAWN},
    Status.WITHDRAWN: {Status.DRAFT},
}

EDITABLE_BY_AUTHOR = {Status.DRAFT, Status.IN_REVIEW}


class WorkflowError(Exception):
    """A move the rules refuse; str() is the reason, in words for the editor."""


def can_edit(user, article: Article) -> bool:
    """Editors edit everything; a contributor edits their own drafts and articles in review."""
    if user.has_perm("articles.change_any_article"):
        return True
    return (
        user.has_perm("articles.change_article")
        and article.created_by_id == user.pk
        and article.status in EDITABLE_BY_AUTHOR
    )


def check_transition(*, user, article: Article, status: str) -> None:
    """Raise WorkflowError unless `user` (None: the system) may move `article` to `status`.

    `article.status` must still hold the status stored in the database.
    """
    current = Status(article.status)
    status = Status(status)
    if status == current:
        return
    if status not in TRANSITIONS[current]:
        allowed = ", ".join(f"“{s.label}”" for s in TRANSITIONS[current])
        raise WorkflowError(
            f"An article that is “{current.label}” cannot become “{status.label}” directly; "
            f"it can become {allowed}."
        )
    if user is None:
        return
    if status == Status.PUBLISHED and not user.has_perm("articles.publish_article"):
        raise WorkflowError("Only editors can publish or schedule an article.")
    if status == Status.WITHDRAWN and not user.has_perm("articles.withdraw_article"):
        raise WorkflowError("Only editors can withdraw an article.")
    if current in {Status.PUBLISHED, Status.WITHDRAWN} and not user.has_perm(
        "articles.change_any_article"
    ):
        raise WorkflowError("Only editors can change the status of a published article.")


def _stamp(article: Article, user) -> None:
    if user is not None and user.is_authenticated:
        article.modified_by = user


def _locked(article: Article) -> Article:
    """The row, locked until the transaction ends, so two moves cannot interleave."""
    return Article.objects.select_for_update().get(pk=article.pk)


def _record(article: Article, user, comment: str) -> None:
    with versioning.versioned(user=user, comment=comment):
        versioning.capture(article)


@transaction.atomic
def article_save(*, article: Article, user, is_new: bool) -> Article:
    """Save an article as edited in a form (status already checked by check_transition).

    Publishing without a date publishes now; a date that has passed is kept.
    """
    if is_new and user is not None and user.is_authenticated:
        article.created_by = user
    if article.status == Status.PUBLISHED and article.published_at is None:
        article.published_at = timezone.now()
    _stamp(article, user)
    article.save()
    return article


@transaction.atomic
def article_publish(*, article: Article, user=None) -> Article:
    """Publish now; an article published before keeps its first publication date."""
    article = _locked(article)
    if article.status == Status.PUBLISHED and not article.is_scheduled:
        raise WorkflowError("It is already published.")
    check_transition(user=user, article=article, status=Status.PUBLISHED)
    article.status = Status.PUBLISHED
    if not article.is_publication_date_fixed:
        article.published_at = timezone.now()
    _stamp(article, user)
    article.save()
    _record(article, user, "Published")
    return article


@transaction.atomic
def article_schedule(*, article: Article, at: datetime, user=None) -> Article:
    """Publish at a future moment: the public pages show it from then on, with no job to run."""
    article = _locked(article)
    if at <= timezone.now():
        raise WorkflowError("A scheduled time must be in the future.")
    if article.is_publication_date_fixed:
        raise WorkflowError(
            f"It was first published on {article.published_at:%d %B %Y}; that date cannot move."
        )
    check_transition(user=user, article=article, status=Status.PUBLISHED)
    article.status = Status.PUBLISHED
    article.published_at = at
    _stamp(article, user)
    article.save()
    _record(article, user, f"Scheduled for {at:%d %B %Y %H:%M}")
    return article


@transaction.atomic
def article_withdraw(*, article: Article, user=None) -> Article:
    """Take a published article off the site; it keeps its dates and can go back to draft."""
    article = _locked(article)
    if article.status != Status.PUBLISHED:
        raise WorkflowError(f"It is “{article.get_status_display()}”, not published.")
    check_transition(user=user, article=article, status=Status.WITHDRAWN)
    article.status = Status.WITHDRAWN
    _stamp(article, user)
    article.save()
    _record(article, user, "Withdrawn")
    return article


@transaction.atomic
def article_submit(*, article: Article, user=None) -> Article:
    """Send a draft to the editors for review."""
    article = _locked(article)
    if article.status != Status.DRAFT:
        raise WorkflowError(f"It is “{article.get_status_display()}”, not a draft.")
    if user is not None and not can_edit(user, article):
        raise WorkflowError("You can submit only your own drafts.")
    check_transition(user=user, article=article, status=Status.IN_REVIEW)
    article.status = Status.IN_REVIEW
    _stamp(article, user)
    article.save()
    _record(article, user, "Submitted for review")
    return article


# Versions


@transaction.atomic
def article_restore(*, version: Version, user=None) -> tuple[Article, list[str]]:
    """Bring an article (or a deleted one) back to a version, as a new version on top.

    Its content, terms, author order, tags and updates return to what they were; its status
    and publication date stay (a recovered article comes back as a draft). Terms,
    tags or authors deleted since are left out and named in the returned notes. The edit
    lock still goes up, so a form opened before the restore is refused.
    """
    if user is not None and not user.has_perm("articles.restore_article"):
        raise WorkflowError("Only editors can restore a version.")
    number = versioning.version_number(version)
    revision_versions = list(version.revision.version_set.all())
    article_id = int(version.object_id)
    notes = []
    with versioning.versioned(user=user, comment=f"Restored from version {number}"):
        article = Article.objects.select_for_update().filter(pk=article_id).first()
        fields = version.field_dict
        slug_taken = Article.objects.filter(slug=fields["slug"]).exclude(pk=article_id)
        if slug_taken.exists():
            raise WorkflowError(
                f"Another article now has the address “{fields['slug']}”; change its slug first."
            )
        is_new = article is None
        if is_new:
            article = Article(pk=article_id)
        # The workflow stays with the workflow: a restore changes the content, never the
        # status or the publication date; a recovered article comes back as a draft.
        keep = {"id", "terms"} if is_new else {"id", "terms", "status", "published_at"}
        for name, value in fields.items():
            if name not in keep:
                setattr(article, name, value)
        if is_new:
            article.status = Article.Status.DRAFT
        _stamp(article, user)
        article.save()
        if is_new:
            Article.objects.filter(pk=article_id).update(created_at=fields["created_at"])

        terms = set(
            Term.objects.filter(pk__in=fields.get("terms", [])).values_list("pk", flat=True)
        )
        notes += [f"term #{pk} no longer exists" for pk in set(fields.get("terms", [])) - terms]
        article.terms.set(terms)

        links = {ArticleAuthor: [], TaggedArticle: [], Update: []}
        for other in revision_versions:
            model = other._model
            if model in links:
                data = other.field_dict
                owner = data.get("article_id", data.get("content_object_id"))
                if owner == article_id:
                    links[model].append(data)

        article.article_authors.all().delete()
        authors = set(
            Author.objects.values_list("pk", flat=True).filter(
                pk__in=[d["author_id"] for d in links[ArticleAuthor]]
            )
        )
        for data in sorted(links[ArticleAuthor], key=lambda d: d["position"]):
            if data["author_id"] in authors:
                ArticleAuthor.objects.create(
                    article=article, author_id=data["author_id"], position=data["position"]
                )
            else:
                notes.append(f"author #{data['author_id']} no longer exists")

        article.tagged_items.all().delete()
        tags = set(
            Tag.objects.filter(pk__in=[d["tag_id"] for d in links[TaggedArticle]]).values_list(
                "pk", flat=True
            )
        )
        for data in links[TaggedArticle]:
            if data["tag_id"] in tags:
                TaggedArticle.objects.create(content_object=article, tag_id=data["tag_id"])
            else:
                notes.append(f"tag #{data['tag_id']} no longer exists")

        article.updates.all().delete()
        for data in sorted(links[Update], key=lambda d: d["order"]):
            Update(**{**data, "article_id": article.pk}).save(force_insert=True)
        article.refresh_from_db(fields=["updated_at"])  # kept by a trigger
        versioning.capture(article)
    return article, notes
