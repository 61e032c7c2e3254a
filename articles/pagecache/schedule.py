"""Scheduled moments without a cron job, making stale only what they change.

The moments: a scheduled article goes live (``published_at``), a live one leaves the
site (``expires_at``), a scheduled change to a live article is due
(``PendingChange.publish_at``; the public request path applies it before the page is
looked up, articles.services.apply_due_changes, and its save bumps the tags).

Two keys: ``NEXT_KEY``, the earliest publication time still to come (0: none),
forgotten on every article change; ``LIVE_UNTIL_KEY``, the moment up to which
go-lives have been handled. A request that finds the next time passed makes
stale the tags of every article that went live since ``LIVE_UNTIL_KEY`` (its
page, its terms, authors, tags, the listing, feeds...: stale.py) and moves both.
Two requests doing it at once bump twice, which is harmless. If the handled
moment was lost (evicted), every page is made stale once: nothing that went
live is missed.
"""

from datetime import UTC, datetime

from django.core.cache import cache
from django.db.models import Min, Q
from django.utils import timezone

from ..models import Article, PendingChange
from . import generations, stale, tags

NEXT_KEY = f"{generations.PREFIX}next"
LIVE_UNTIL_KEY = f"{generations.PREFIX}live-until"
NEXT_TIMEOUT = 24 * 3600


def article_changed() -> None:
    """An article's status or date may have moved: the next go-live time is recomputed."""
    cache.delete(NEXT_KEY)
    generations.after_commit(lambda: cache.delete(NEXT_KEY))


def _next_after(moment: float) -> float:
    after = datetime.fromtimestamp(moment, tz=UTC)
    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    moments = published.aggregate(
        go_live=Min("published_at", filter=Q(published_at__gt=after)),
        leave=Min("expires_at", filter=Q(expires_at__gt=after)),
    )
    moments["changes"] = PendingChange.objects.filter(publish_at__gt=after).aggregate(
        at=Min("publish_at")
    )["at"]
    due = [at for at in moments.values() if at is not None]
    return min(due).timestamp() if due else 0.0


def next_publication(found: dict) -> tuple[float | None, bool]:
    """(The next go-live time or None, whether tags were bumped), handling any that has come.

    ``found`` holds what the page lookup read in its one round trip (NEXT_KEY and
    LIVE_UNTIL_KEY among them); the database is asked only when they are missing
    or the moment has come. The clock is ``timezone.now()``, the publication gate's.
    """
    now = timezone.now().timestamp()
    next_at = found.get(NEXT_KEY)
    live_until = found.get(LIVE_UNTIL_KEY)
    bumped = False
    if live_until is None:
        if cache.add(LIVE_UNTIL_KEY, now, timeout=None):  # one request does it, not each
            generations.bump_now({tags.SITE})
            bumped = True
        live_until, next_at = cache.get(LIVE_UNTIL_KEY, now), None
    if next_at is None:
        next_at = _next_after(live_until)
    elif next_at and next_at <= now:
        next_at = _next_after(live_until)  # the stored time may be of a moved article
    else:
        return next_at or None, bumped
    if next_at and next_at <= now:
        _went_live(live_until, now)
        next_at, bumped = _next_after(now), True
    cache.set(NEXT_KEY, next_at, timeout=NEXT_TIMEOUT)
    return next_at or None, bumped


def _went_live(since: float, until: float) -> None:
    pks = Article.objects.filter(
        status=Article.Status.PUBLISHED,
        published_at__gt=datetime.fromtimestamp(since, tz=UTC),
        published_at__lte=datetime.fromtimestamp(until, tz=UTC),
    ).values_list("pk", flat=True)
    stale_tags = set()
    for state in stale.article_states(list(pks)).values():
        stale_tags |= stale.article_change(None, state)
    left = Article.objects.filter(
        status=Article.Status.PUBLISHED,
        expires_at__gt=datetime.fromtimestamp(since, tz=UTC),
        expires_at__lte=datetime.fromtimestamp(until, tz=UTC),
    ).values_list("pk", flat=True)
    # As readers saw them just before they left.
    seen = stale.article_states(list(left), at=datetime.fromtimestamp(since, tz=UTC))
    for state in seen.values():
        stale_tags |= stale.article_change(state, None)
    generations.bump_now(stale_tags)
    cache.set(LIVE_UNTIL_KEY, until, timeout=None)
