"""Saving an article as an editor edited it: the edit lock, the rules, the dates, the stamps.

`article_save` is the one way an edited article is written (the admin's form calls it,
so can a script). `article_check_save` is its precondition on its own, so that a form can
show a refusal next to the editor's input before anything is written; `article_save`
runs it again, inside its own transaction, so a caller that skips it is refused all the same.
"""

from collections.abc import Callable
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from ..models import Article, PendingChange
from . import notify
from .common import record, stamp
from .rules import StaleEdit, Status, WorkflowError, can_edit, check_images, check_transition


@transaction.atomic
def article_check_save(
    *,
    article: Article,
    user,
    opened_version: int,
    status: str,
    published_at: datetime | None,
) -> datetime | None:
    """Raise StaleEdit or WorkflowError unless `user` (None: the system) may save `article`
    with `status` and `published_at`; return the publication date the save will write.

    `opened_version` is the article's lock_version when the editor opened it: a save since
    then refuses this one (StaleEdit says who and when). The row stays locked until the
    caller's transaction ends, so a concurrent save waits here and then sees the new number.
    Publishing without a date publishes now; a publication date that has passed is fixed.
    """
    stored = None
    if not article._state.adding:
        stored = (
            Article.objects.select_for_update(of=("self",))
            .select_related("modified_by")
            .only(
                "lock_version",
                "modified_at",
                "modified_by",
                "created_by",
                "status",
                "published_at",
            )
            .get(pk=article.pk)
        )
        if opened_version != stored.lock_version:
            raise StaleEdit(**_last_save(stored))
        if user is not None and not can_edit(user, stored):
            raise WorkflowError("You can edit only your own drafts and articles in review.")
    check_transition(user=user, article=stored or Article(status=Status.DRAFT), status=status)
    check_images(article=article, status=status)
    stored_date = stored.published_at if stored else None
    if stored is not None and stored.is_publication_date_fixed and published_at != stored_date:
        raise WorkflowError(
            f"It was first published on {stored_date:%d %B %Y}; that date cannot move.",
            field="published_at",
        )
    if (
        user is not None
        and published_at is not None
        and published_at != stored_date
        and published_at > timezone.now()
        and not user.has_perm("articles.publish_article")
    ):
        raise WorkflowError("Only editors can schedule an article.", field="published_at")
    if status == Status.PUBLISHED and published_at is None:
        return timezone.now()
    return published_at


def _last_save(stored: Article) -> dict:
    """Who saved last and when: the article row, or its pending change if that is newer."""
    pending = (
        PendingChange.objects.filter(article=stored, modified_at__gt=stored.modified_at)
        .select_related("modified_by")
        .first()
    )
    source = pending or stored
    return {"who": source.modified_by, "at": source.modified_at}


@transaction.atomic
def article_save(
    *,
    article: Article,
    user,
    opened_version: int | None = None,
    note: str = "",
    save_related: Callable[[Article], str] | None = None,
) -> Article:
    """Save `article` as edited (new or not) and record a version, unless nothing changed.

    `opened_version` defaults to the number the instance was loaded with. `save_related`,
    called once the article row is saved, writes what hangs off it (the admin's inlines and
    many-to-many fields) and returns in words what the whole save changed; the editor's
    `note` and those words are the version's comment.
    """
    article.published_at = article_check_save(
        article=article,
        user=user,
        opened_version=article.lock_version if opened_version is None else opened_version,
        status=article.status,
        published_at=article.published_at,
    )
    # The row is locked now (article_check_save): what it held before this save.
    before = (
        None
        if article._state.adding
        else Article.objects.filter(pk=article.pk)
        .values("status", "assignee_id", "published_at")
        .first()
    )
    if article._state.adding and user is not None and user.is_authenticated:
        article.created_by = user
    stamp(article, user)
    article.save()
    changes = save_related(article) if save_related is not None else ""
    comment = " — ".join(part for part in (note.strip(), changes) if part) or "Saved"
    record(article, user, comment, unless_unchanged=True)
    notify.notify_save(article=article, actor=user, before=before, note=note)
    return article
