"""Cached public pages that no reader sees stale, made stale only by what they show.

The contract, for every view decorated with ``cache_public_page``:

- A page is cached under its request's scheme, host, path and full query string,
  with the *cache tags* it declared while rendering (tags.py: its article, terms,
  authors, listing...) and each tag's generation at that time (generations.py).
  An editorial change bumps only the tags it makes stale (signals.py, stale.py);
  ``publication_changed()``, for writes that send no signal (``QuerySet.update()``,
  bulk deletes, raw SQL, COPY), bumps ``site``, the tag of every page. A page
  counts only while none of its tags moved. A hit reads the page, its tags'
  generations and the schedule in one cache round trip (``get_many``; the tags of
  a page are remembered per process from its last reading).
- No stampede: the first request for a missing or stale page takes a lock
  (``cache.add``) and renders it; the others get the stale copy if it missed one
  change made at most ``settings.PAGE_CACHE_STALE_SECONDS`` ago (``X-Cache:
  stale``), else wait for the new one, polling the cache for at most
  ``settings.PAGE_CACHE_WAIT_SECONDS`` (``X-Cache: wait``), then render it
  themselves. So no reader sees a page older than that bound after a save.
- A scheduled article going live changes pages without anyone saving: the first
  request after its moment makes stale what it changes (schedule.py). No cron.
- Only anonymous GET and HEAD requests answered 200 without cookies are cached.
  A logged-in user (staff) never reads nor fills the cache.
- Every page gets an ``ETag`` (a hash of its content) and a request with a
  matching ``If-None-Match`` gets a 304, cached or not.
- Pages name their tags in ``Surrogate-Key`` and ``Cache-Tag`` for an edge
  cache, which may keep them for ``Surrogate-Control: max-age`` (never past the
  next go-live); changes purge their tags there too (edge.py).
- ``settings.PAGE_CACHE_SECONDS`` caps a page's lifetime; 0 turns the page cache
  off (ETags, 304s and the tag headers remain).
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.decorators import method_decorator

from . import edge, generations, schedule, tags
from .generations import CHANGES_KEY, tag_key

# A render holds its page's lock at most this long (a crashed worker's lock expires).
LOCK_TIMEOUT = 10
POLL_SECONDS = 0.05
# Per process: the tags each page key had when last read, so a hit fetches the
# page and its tags' generations together. Bounded; forgetting costs a round trip.
_known_tags: dict[str, tuple[str, ...]] = {}
KNOWN_TAGS_LIMIT = 10_000
NOT_STORED = ("Surrogate-Control", "X-Cache")


def publication_changed() -> None:
    """Make every cached public page stale: call after a write that sends no signal."""
    generations.bump({tags.SITE})
    schedule.article_changed()


def _page_key(request) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"{generations.PREFIX}page:{hashlib.sha256(address.encode()).hexdigest()[:32]}"


def _read(key: str, *extra: str) -> dict:
    """One round trip: the entry, the schedule, the changes counter, the known tags."""
    known = [tag_key(tag) for tag in _known_tags.get(key, ())]
    keys = [key, *extra, *known, schedule.NEXT_KEY, schedule.LIVE_UNTIL_KEY, CHANGES_KEY]
    return cache.get_many(keys)


def _check(key: str, entry, found: dict) -> tuple[bool, float | None]:
    """(is fresh, seconds since it went stale if known) for a stored entry."""
    stored = entry[0]
    missing = [tag_key(tag) for tag in stored if tag_key(tag) not in found]
    if missing:
        found.update(cache.get_many(missing))
    if len(_known_tags) > KNOWN_TAGS_LIMIT:
        _known_tags.clear()
    _known_tags[key] = tuple(stored)
    ages = []
    for tag, generation in stored.items():
        value = found.get(tag_key(tag))
        if value is None or value[0] != generation:
            ages.append(generations.stale_for(value, generation))
    if not ages:
        return True, None
    return False, None if None in ages else max(ages)


def _changes_now() -> int:
    value = cache.get(CHANGES_KEY)
    if value is None:
        cache.add(CHANGES_KEY, generations.fresh_generation(), timeout=None)
        value = cache.get(CHANGES_KEY)
    return value


def store(key: str, page_tags, before: dict, value, timeout: int) -> None:
    """Store ``value`` with its tags' generations, unless one moved while it was computed.

    ``before`` is what was read before computing it: the generations of the tags
    then known (the page's last entry's), and the changes counter. A known tag is
    stored only if its generation did not move since; if the page declared a tag
    not known then, only if no change at all came since (the counter). Either way
    the generations are read before the counter (one ``get_many``, or in that
    order): a bump raises the counter first, so either we see it moved, or the
    generations we store are older than the bump, which then makes the entry stale.
    """
    keys = [tag_key(tag) for tag in page_tags]
    found = cache.get_many([*keys, CHANGES_KEY])
    missing = [k for k in keys if k not in found]
    for k in missing:
        cache.add(k, (generations.fresh_generation(), None), generations.GENERATION_TIMEOUT)
    if missing:
        found = cache.get_many([*keys, CHANGES_KEY])
    if any(k not in found or (k in before and before[k][0] != found[k][0]) for k in keys):
        return
    if any(k not in before for k in keys) and found.get(CHANGES_KEY) != before[CHANGES_KEY]:
        return
    stored = {tag: found[tag_key(tag)][0] for tag in page_tags}
    cache.set(key, (stored, *value), timeout)


def _is_cacheable(response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
    )


def _rendered(response):
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    return response


def _render(view, request, args, kwargs):
    """The view's response, with its ETag and tag headers, and the tags it declared."""
    declared, token = tags.collecting()
    try:
        response = _rendered(view(request, *args, **kwargs))
    finally:
        tags.done(token)
    if response.status_code == 200 and not response.streaming:
        set_response_etag(response)
        patch_cache_control(response, no_cache=True)
        edge.tag_headers(response, declared)
    return response, frozenset(declared)


def _answer(request, response, how: str | None, next_at: float | None):
    """The response (or a 304), with what the edge may do with it."""
    if how is not None:
        response["X-Cache"] = how
    if how in ("hit", "miss", "wait") and _is_cacheable(response):
        seconds = settings.PAGE_CACHE_SECONDS
        if next_at is not None:
            seconds = min(seconds, int(next_at - timezone.now().timestamp()))
        if seconds > 0:
            response["Surrogate-Control"] = f"max-age={seconds}"
    return get_conditional_response(request, etag=response.get("ETag"), response=response)


def _from_entry(entry):
    _, content, headers = entry
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response


def _compute(view, request, args, kwargs, key, before, next_at):
    """Render the page (``before``: what was read before, see ``store``) and store it."""
    if CHANGES_KEY not in before:
        before = {**before, CHANGES_KEY: _changes_now()}
    response, page_tags = _render(view, request, args, kwargs)
    if request.method == "GET" and _is_cacheable(response):
        headers = [(n, v) for n, v in response.items() if n not in NOT_STORED]
        value = (response.content, headers)
        store(key, page_tags, before, value, settings.PAGE_CACHE_SECONDS)
    return _answer(request, response, "miss", next_at)


def _wait(key: str, lock: str, deadline: float):
    """(What was read last, the page once another request stored it, or None).

    None when the lock is released without a fresh page (an error page, or a
    change came during that render) or at the deadline.
    """
    found = {}
    while time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        found = _read(key, lock)
        entry = found.get(key)
        if entry is not None and _check(key, entry, found)[0]:
            return found, entry
        if lock not in found:
            break
    return found, None


def _cached(view, request, args, kwargs):
    key = _page_key(request)
    found = _read(key)
    next_at, bumped = schedule.next_publication(found)
    if bumped:
        found = _read(key)
    entry = found.get(key)
    stale_age = None
    if entry is not None:
        is_fresh, stale_age = _check(key, entry, found)
        if is_fresh:
            return _answer(request, _from_entry(entry), "hit", next_at)
    lock = f"{key}:lock"
    deadline = time.monotonic() + settings.PAGE_CACHE_WAIT_SECONDS
    while True:
        if cache.add(lock, 1, LOCK_TIMEOUT):
            try:
                return _compute(view, request, args, kwargs, key, found, next_at)
            finally:
                cache.delete(lock)
        # Another request is rendering this page.
        if stale_age is not None and stale_age <= settings.PAGE_CACHE_STALE_SECONDS:
            return _answer(request, _from_entry(entry), "stale", next_at)
        found, fresh = _wait(key, lock, deadline)
        if fresh is not None:
            return _answer(request, _from_entry(fresh), "wait", next_at)
        if time.monotonic() >= deadline:
            return _compute(view, request, args, kwargs, key, _read(key), next_at)
        # Released without a page it could keep: the next to take the lock renders.


def _cached_view(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if settings.PAGE_CACHE_SECONDS <= 0:
            response, _ = _render(view, request, args, kwargs)
            return _answer(request, response, None, None)
        return _cached(view, request, args, kwargs)

    return wrapper


def cached_for_publication(key: str, compute, *, part_tags=(tags.LISTING,)):
    """``compute()``, kept until a change bumps one of ``part_tags`` (or ``site``).

    For parts of pages that cost more than the rest of them (facet counts):
    a cache miss of the whole page, such as page 2 of the same filters or a
    logged-in editor's request, still reuses them. The page that uses a part
    declares its tags. Off when the page cache is.
    """
    tags.add(*part_tags)
    if settings.PAGE_CACHE_SECONDS <= 0:
        return compute()
    part_key = f"{generations.PREFIX}part:{hashlib.sha256(key.encode()).hexdigest()[:32]}"
    all_tags = frozenset({tags.SITE, *part_tags})
    found = _read(part_key)
    _, bumped = schedule.next_publication(found)
    if bumped:
        found = _read(part_key)
    entry = found.get(part_key)
    if entry is not None and _check(part_key, entry, found)[0]:
        return entry[1]
    if CHANGES_KEY not in found:
        found[CHANGES_KEY] = _changes_now()
    value = compute()
    store(part_key, all_tags, found, (value,), settings.PAGE_CACHE_SECONDS)
    return value


def cache_public_page(view):
    """Cache a public view's pages (see the module docstring): a view function or class.

    ``@cache_public_page`` above ``class ArticleListView(...)`` or around
    ``SomeFeed()`` in a URLconf; the view declares what it shows with ``tags.add``.
    """
    if isinstance(view, type):
        return method_decorator(_cached_view, name="dispatch")(view)
    return _cached_view(view)
