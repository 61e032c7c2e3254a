"""Writes that change an article's workflow state.

The admin (forms and actions), commands and scripts call these; the rules of
who may move an article where live here and nowhere else. A refused move raises
WorkflowError with a message meant for the editor; nothing is written then.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from .models import Article

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
    return article
