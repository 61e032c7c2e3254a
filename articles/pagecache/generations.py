"""Tag generations in the cache: what makes a stored page stale.

Every cache tag (tags.py) has a *generation* kept in the cache: a number that
changes whenever something the tagged pages show changes. A stored page keeps
the generations of its tags as they were when it was rendered, and counts only
while none of them has moved.

A generation is the time of the change in nanoseconds with random low digits, so
that two bumps never give the same number; the cache holds it with the one it
replaced, ``(generation, previous)``. So a reader can tell that a stored page
missed exactly one change, and how long ago it was made: the bounded stale copy
of pages.py. Correctness never rests on clocks, though: every bump first raises
one shared counter, ``CHANGES``; a page is stored only if that counter did not
move while it was rendered (``pages``), so a page rendered from rows older than a
bump is never stored with the bump's generation.

A lost generation (evicted, or never set) reads as "moved": the page is rendered
again and a fresh generation is added. ``publication_changed()`` bumps ``site``,
the tag of every page.
"""

import random
import time

from django.core.cache import cache
from django.db import transaction

from . import edge

PREFIX = "articles:pages:"
CHANGES_KEY = f"{PREFIX}changes"
# Generations may be lost (each is re-created on the next render), so they need
# not live forever: a day, after which every page is rendered once more.
GENERATION_TIMEOUT = 24 * 3600


def tag_key(tag: str) -> str:
    return f"{PREFIX}tag:{tag}"


def fresh_generation() -> int:
    return time.time_ns() + random.randrange(1_000_000)


def stale_for(value, stored: int) -> float | None:
    """Seconds since a page stored at generation ``stored`` went stale, if that is known.

    Known when exactly one change came since (the current value replaced ``stored``);
    None otherwise (several changes, or a lost generation).
    """
    if value is None or value[1] != stored:
        return None
    return time.time() - value[0] / 1e9


def current_generations(tags) -> dict[str, int]:
    """The tags' generations, adding a fresh one for any tag that has none yet."""
    keys = {tag_key(tag): tag for tag in tags}
    found = cache.get_many(list(keys))
    for key in keys.keys() - found.keys():
        cache.add(key, (fresh_generation(), None), timeout=GENERATION_TIMEOUT)
    if len(found) < len(keys):
        found = cache.get_many(list(keys))
    return {keys[key]: value[0] for key, value in found.items()}


def bump_now(tags, *, purge_edge: bool = True, previous: dict | None = None) -> dict:
    """Move the tags' generations: every page stored with one of them is stale.

    Returns the values replaced; ``previous`` (such a return) says what to record as
    replaced instead, so that a transaction's two bumps count as one change.
    """
    tags = set(tags)
    if not tags:
        return {}
    try:
        cache.incr(CHANGES_KEY)  # first: see the module docstring
    except ValueError:
        cache.add(CHANGES_KEY, fresh_generation(), timeout=None)
        cache.incr(CHANGES_KEY)
    keys = [tag_key(tag) for tag in tags]
    old = cache.get_many(keys) if previous is None else previous
    new = {key: (fresh_generation(), old[key][0] if key in old else None) for key in keys}
    cache.set_many(new, GENERATION_TIMEOUT)
    if purge_edge:
        edge.purge(tags)
    return old


def after_commit(function) -> None:
    """Run ``function`` when the current transaction commits (at once outside one)."""
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(function)
    else:
        function()


def bump(tags) -> None:
    """Make the tags' pages stale now, and again when the current transaction commits.

    Readers see the new rows only after the commit, so that is when the pages
    that show them must go, here and at the edge (purged then only). The bump at
    once serves whoever reads inside the transaction (the same connection sees
    its own rows: a management command's loop, a test); a rolled-back change
    costs one extra rendering of those pages, nothing more.
    """
    tags = frozenset(tags)
    if not tags:
        return
    if transaction.get_connection().in_atomic_block:
        previous = bump_now(tags, purge_edge=False)
        transaction.on_commit(lambda: bump_now(tags, previous=previous))
    else:
        bump_now(tags)
