"""Staged changes to published articles: stage, publish (now or at a set time), discard.

An editor's save of a published article (live or scheduled) does not touch the row readers
see: it stores the edited state as the article's PendingChange. Publishing writes that state
onto the article; discarding drops it. Each act raises the edit lock (a form opened before
is refused) and records one version: a staged save's comment starts "Pending change:".

A change scheduled for a moment goes live without a job: `apply_due_changes()` runs on
every request (articles.public.middleware) and costs one cache read until a change is due;
the page cache expires its pages at that moment (pagecache.pages._next_publication_at).
"""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

import reversion
from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Min
from django.utils import timezone

from ..html import sanitize_html
from ..models import Article, PendingChange
from ..models.pending import StateEncoder
from ..versioning import capture, versioned
from . import notify
from .common import lock, record, stamp
from .editing import article_check_save
from .rules import StaleEdit, Status, WorkflowError, check_schedule_at
from .state import fields_of, state_of, write_state

NEXT_DUE_KEY = "articles:changes:next-due"
# Other processes learn of a newly scheduled change within this many seconds at worst
# (a process-local cache); the one that scheduled it, at once.
NEXT_DUE_SECONDS = 60


def is_staged_save(*, user, article: Article) -> bool:
    """Whether `user` saving `article` (as stored) stages the change instead of writing it:
    the article is published (live or scheduled). Contributors never edit those."""
    return not article._state.adding and article.status == Status.PUBLISHED


def _raise_lock(article: Article) -> None:
    """The edit lock goes up without touching anything readers see (modified_at stays)."""
    Article.objects.filter(pk=article.pk).update(lock_version=F("lock_version") + 1)
    article.refresh_from_db(fields=["lock_version"])


def _forget_next_due() -> None:
    transaction.on_commit(lambda: cache.delete(NEXT_DUE_KEY))
    cache.delete(NEXT_DUE_KEY)


@transaction.atomic
def article_stage_changes(
    *, article: Article, user, state: dict, opened_version: int, note: str = ""
) -> PendingChange | None:
    """Store `state` as the published `article`'s pending change (replacing an earlier one).

    Bodies are sanitised now, as a save would. A state equal to what is staged already (or,
    with none staged, to the live rows) stages nothing and records no version: None.
    `note` is the version's comment, after "Pending change: ".
    """
    state = _clean(state)
    fields = fields_of(state)
    article_check_save(
        article=article,
        user=user,
        opened_version=opened_version,
        status=Status.PUBLISHED,
        published_at=fields["published_at"],
    )
    article = lock(article)
    if not is_staged_save(user=user, article=article):
        raise WorkflowError("Only a published article's changes are kept apart.")
    staged = PendingChange.objects.select_for_update().filter(article=article).first()
    if _clean(staged.state if staged else state_of(article)) == state:
        _raise_lock(article)  # as any save does: a form opened before it is stale
        if staged is None:  # the article's first version, as an unchanged save records it
            record(article, user, note.strip() or "Saved", unless_unchanged=True)
        return None
    pending, _ = PendingChange.objects.get_or_create(
        article=article, defaults={"state": state, "created_by": _user(user)}
    )
    pending.state = state
    pending.modified_by = _user(user)
    pending.save()
    _raise_lock(article)
    comment = "Pending change: " + (note.strip() or "saved, not published")
    with versioned(user=user, comment=comment):
        capture(article)  # the live version, unchanged, beside the pending state
        reversion.add_to_revision(pending)
    return pending


@transaction.atomic
def article_publish_changes(
    *, article: Article, user=None, opened_version: int | None = None, comment: str = ""
) -> Article:
    """Write the article's pending change onto it: readers see it from now on.

    `comment` is the version's (default: "Published the pending changes")."""
    article = lock(article)
    pending = PendingChange.objects.select_for_update().filter(article=article).first()
    if pending is None:
        raise WorkflowError("It has no unpublished changes.")
    if opened_version is not None and opened_version != article.lock_version:
        raise StaleEdit(who=pending.modified_by, at=pending.modified_at)
    if user is not None and not user.has_perm("articles.publish_article"):
        raise WorkflowError("Only editors can publish changes.")
    fields = fields_of(pending.state)
    taken = Article.objects.filter(slug=fields["slug"]).exclude(pk=article.pk)
    if taken.exists():
        raise WorkflowError(f"Another article now has the address “{fields['slug']}”.")
    when = pending.publish_at
    pending.delete()
    stamp(article, user)
    write_state(article, pending.state)
    if when is not None:
        _forget_next_due()
    comment = comment or "Published the pending changes" + (" as scheduled" if when else "")
    record(article, user, comment)
    notify.notify_changes_live(
        article=article, actor=user, staged_by=[pending.created_by_id, pending.modified_by_id]
    )
    return article


@transaction.atomic
def article_discard_changes(*, article: Article, user=None) -> Article:
    """Drop the article's pending change; the live version stays as it is."""
    article = lock(article)
    deleted, _ = PendingChange.objects.filter(article=article).delete()
    if not deleted:
        raise WorkflowError("It has no unpublished changes.")
    _raise_lock(article)
    _forget_next_due()
    record(article, user, "Discarded the pending changes")
    return article


@transaction.atomic
def article_schedule_changes(*, article: Article, at: datetime, user=None) -> PendingChange:
    """Publish the article's pending change at `at`, with no job to run."""
    article = lock(article)
    check_schedule_at(at)
    if user is not None and not user.has_perm("articles.publish_article"):
        raise WorkflowError("Only editors can schedule changes.")
    pending = PendingChange.objects.select_for_update().filter(article=article).first()
    if pending is None:
        raise WorkflowError("It has no unpublished changes.")
    pending.publish_at = at
    pending.modified_by = _user(user)
    pending.save()
    _forget_next_due()
    with versioned(user=user, comment=f"Pending change: to be published at {at:%d %B %Y %H:%M}"):
        capture(article)
        reversion.add_to_revision(pending)
    return pending


def next_change_due_at() -> float:
    """When the next scheduled change is due (a timestamp; 0: none). Cached."""
    value = cache.get(NEXT_DUE_KEY)
    if value is None:
        at = PendingChange.objects.filter(publish_at__isnull=False).aggregate(at=Min("publish_at"))
        value = at["at"].timestamp() if at["at"] else 0.0
        cache.set(NEXT_DUE_KEY, value, NEXT_DUE_SECONDS)
    return value


def apply_due_changes() -> int:
    """Publish every scheduled change whose moment has come; the number published.

    One cache read when none is due. Each change is published under its row lock, once:
    a second process finds it gone and skips it.
    """
    due_at = next_change_due_at()
    if not due_at or timezone.now().timestamp() < due_at:
        return 0
    published = 0
    due = PendingChange.objects.filter(publish_at__lte=timezone.now()).values_list(
        "article_id", flat=True
    )
    for article_id in list(due):
        with transaction.atomic():
            pending = (
                PendingChange.objects.select_for_update(skip_locked=True)
                .filter(article_id=article_id, publish_at__lte=timezone.now())
                .first()
            )
            if pending is not None:
                article_publish_changes(article=Article(pk=article_id), user=None)
                published += 1
    cache.delete(NEXT_DUE_KEY)
    return published


@contextmanager
def previewing_changes(article: Article) -> Iterator[Article]:
    """The article as it would be with its pending change published, for a preview: the
    change is written inside a transaction that is always rolled back. Render inside."""
    with transaction.atomic():
        pending = PendingChange.objects.filter(article=article).first()
        if pending is not None:
            write_state(article, pending.state)
        try:
            yield article
        finally:
            transaction.set_rollback(True)


def _clean(state: dict) -> dict:
    """The state as JSON gives it back (dates as strings), with sanitised bodies."""
    state = json.loads(json.dumps(state, cls=StateEncoder))
    state["fields"]["body"] = sanitize_html(state["fields"]["body"] or "")
    for update in state["updates"]:
        update["body"] = sanitize_html(update["body"] or "")
    return state


def _user(user):
    return user if user is not None and user.is_authenticated else None
