"""The workflow acts: publish, schedule, withdraw, submit, return to the author.

Each locks the row, checks the move (rules.py), applies the date rules, stamps the editor
and records one version with the act as its comment, in one transaction. A refused move
raises WorkflowError with a message meant for the editor; nothing is written then.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from ..models import Article
from . import notify
from .common import lock, record, stamp
from .rules import (
    Status,
    WorkflowError,
    can_edit,
    check_images,
    check_schedule_at,
    check_transition,
)


@transaction.atomic
def article_publish(*, article: Article, user=None) -> Article:
    """Publish now; an article published before keeps its first publication date."""
    article = lock(article)
    if article.status == Status.PUBLISHED and not article.is_scheduled:
        raise WorkflowError("It is already published.")
    check_transition(user=user, article=article, status=Status.PUBLISHED)
    check_images(article=article, status=Status.PUBLISHED)
    article.status = Status.PUBLISHED
    if not article.is_publication_date_fixed:
        article.published_at = timezone.now()
    stamp(article, user)
    article.save()
    record(article, user, "Published")
    notify.notify_published(article=article, actor=user)
    return article


@transaction.atomic
def article_schedule(*, article: Article, at: datetime, user=None) -> Article:
    """Publish at a future moment: the public pages show it from then on, with no job to run."""
    article = lock(article)
    check_schedule_at(at)
    if article.is_publication_date_fixed:
        raise WorkflowError(
            f"It was first published on {article.published_at:%d %B %Y}; that date cannot move."
        )
    check_transition(user=user, article=article, status=Status.PUBLISHED)
    check_images(article=article, status=Status.PUBLISHED)
    article.status = Status.PUBLISHED
    article.published_at = at
    stamp(article, user)
    article.save()
    record(article, user, f"Scheduled for {at:%d %B %Y %H:%M}")
    notify.notify_scheduled(article=article, actor=user)
    return article


@transaction.atomic
def article_withdraw(*, article: Article, user=None) -> Article:
    """Take a published article off the site; it keeps its dates and can go back to draft."""
    article = lock(article)
    if article.status != Status.PUBLISHED:
        raise WorkflowError(f"It is “{article.get_status_display()}”, not published.")
    check_transition(user=user, article=article, status=Status.WITHDRAWN)
    article.status = Status.WITHDRAWN
    stamp(article, user)
    article.save()
    record(article, user, "Withdrawn")
    return article


@transaction.atomic
def article_submit(*, article: Article, user=None, assignee=None) -> Article:
    """Send a draft to the editors for review: to `assignee` (a staff user) if given, or
    to the one already assigned, else to every editor who may publish."""
    article = lock(article)
    if article.status != Status.DRAFT:
        raise WorkflowError(f"It is “{article.get_status_display()}”, not a draft.")
    if user is not None and not can_edit(user, article):
        raise WorkflowError("You can submit only your own drafts.")
    check_transition(user=user, article=article, status=Status.IN_REVIEW)
    if assignee is not None:
        if not assignee.is_staff or not assignee.is_active:
            raise WorkflowError("Only an active member of staff can review an article.")
        article.assignee = assignee
    article.status = Status.IN_REVIEW
    stamp(article, user)
    article.save()
    record(article, user, "Submitted for review")
    notify.notify_submitted(article=article, actor=user)
    return article


@transaction.atomic
def article_return(*, article: Article, user=None, reason: str) -> Article:
    """Send an article in review back to its author as a draft, saying why."""
    article = lock(article)
    if article.status != Status.IN_REVIEW:
        raise WorkflowError(f"It is “{article.get_status_display()}”, not in review.")
    if not reason.strip():
        raise WorkflowError("Say why: the author reads it in the email.", field="reason")
    if user is not None and not user.has_perm("articles.publish_article"):
        raise WorkflowError("Only editors who can publish return an article to its author.")
    check_transition(user=user, article=article, status=Status.DRAFT)
    article.status = Status.DRAFT
    stamp(article, user)
    article.save()
    record(article, user, f"Returned to the author: {reason.strip()}")
    notify.notify_returned(article=article, actor=user, reason=reason)
    return article
