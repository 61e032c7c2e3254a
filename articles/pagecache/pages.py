"""Cached public pages that no reader ever sees stale.

The contract, for every view decorated with ``cache_public_page``:

- A page is cached under its request's scheme, host, path and full query string,
  stored together with the *publication generation* it was rendered in. The
  generation is a number kept in the cache; every editorial change bumps it (the
  signals below, or ``publication_changed()`` for writes that send none:
  ``QuerySet.update()``, bulk deletes, raw SQL, COPY). A page counts only if its
  generation is the current one, so after a bump no older page is served:
  invalidation is exact, with no list of keys to delete. A hit reads the
  generation, the page and the next go-live time in one cache round trip.
- A scheduled article going live changes pages without anyone saving: the
  earliest future publication time is kept for the current generation; the first
  request after it bumps the generation, and no page is cached for longer than
  until that moment. No cron job is needed.
- Only anonymous GET and HEAD requests answered 200 without cookies are cached.
  A logged-in user (staff) never reads nor fills the cache.
- Every page gets an ``ETag`` (a hash of its content) and a request with a
  matching ``If-None-Match`` gets a 304, cached or not.
- ``settings.PAGE_CACHE_SECONDS`` caps a page's lifetime; 0 turns the page cache
  off (ETags and 304s remain).

The generation is bumped at once and again when the transaction commits: a
reader who renders between the two sees the old rows and may cache them, but
for a generation that the commit makes stale.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min, Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.decorators import method_decorator

from ..models import Article, PendingChange

GENERATION_KEY = "articles:pages:generation"
# Losing the generation is safe (a fresh one is larger than any before), so it need
# not live forever: a day, after which every page is rendered once more.
GENERATION_TIMEOUT = 24 * 3600


def _fresh_generation() -> int:
    """A start larger than any earlier generation, even if the cache lost the key."""
    return time.time_ns() // 1000


def current_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=GENERATION_TIMEOUT)
        generation = cache.get(GENERATION_KEY)
    return generation


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet, or the cache was emptied
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=GENERATION_TIMEOUT)


def publication_changed() -> None:
    """Make every cached public page unreachable: call after any editorial write."""
    _bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_bump)


NEXT_KEY = "articles:pages:next"


def _next_publication_at(generation: int) -> float:
    """When the public pages next change by the clock alone (a timestamp; 0: never), for
    this generation: a scheduled article goes live, a published one leaves the site
    (expires_at), or a scheduled change to a live article is due (PendingChange.publish_at;
    the article page applies it, articles.services.article_apply_due_changes)."""
    now = timezone.now()
    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    moments = published.aggregate(
        go_live=Min("published_at", filter=Q(published_at__gt=now)),
        leave=Min("expires_at", filter=Q(expires_at__gt=now)),
    )
    moments["changes"] = PendingChange.objects.filter(publish_at__isnull=False).aggregate(
        at=Min("publish_at")
    )["at"]
    due = [at for at in moments.values() if at is not None]
    # A change already due is applied by the next request; until then, no page is cached.
    value = min(due).timestamp() if due else 0.0
    cache.set(NEXT_KEY, (generation, value), timeout=max(settings.PAGE_CACHE_SECONDS, 60))
    return value


def _next_for(generation: int, stored) -> float:
    """The stored go-live time if it was computed for this generation, else a fresh one."""
    if stored is not None and stored[0] == generation:
        return stored[1]
    return _next_publication_at(generation)


def _page_state() -> tuple[int, float | None]:
    """The current generation and the next go-live time, bumping if that time has come."""
    found = cache.get_many([GENERATION_KEY, NEXT_KEY])
    generation = found.get(GENERATION_KEY) or current_generation()
    next_at = _next_for(generation, found.get(NEXT_KEY))
    if next_at and timezone.now().timestamp() >= next_at:
        _bump()
        generation = current_generation()
        next_at = _next_publication_at(generation)
    return generation, next_at or None


def _lookup(request):
    """(page key, generation, stored page or None, next go-live time or None).

    One cache round trip on a hit: the generation, the page and the go-live time
    are read together, and a page counts only if it was stored for the current
    generation. When a scheduled article's time has come, the generation is bumped
    first, so that no page of the old one is served.
    """
    key = _page_key(request)
    found = cache.get_many([GENERATION_KEY, key, NEXT_KEY])
    generation = found.get(GENERATION_KEY) or current_generation()
    next_at = _next_for(generation, found.get(NEXT_KEY))
    if next_at and timezone.now().timestamp() >= next_at:
        _bump()
        generation = current_generation()
        return key, generation, None, _next_publication_at(generation) or None
    page = found.get(key)
    stored = page[1:] if page is not None and page[0] == generation else None
    return key, generation, stored, next_at or None


def cached_for_publication(key: str, compute):
    """``compute()``, kept until the next editorial change (or scheduled go-live).

    For parts of pages that cost more than the rest of them (facet counts):
    a cache miss of the whole page, such as page 2 of the same filters or a
    logged-in editor's request, still reuses them. Off when the page cache is.
    """
    if settings.PAGE_CACHE_SECONDS <= 0:
        return compute()
    generation, next_at = _page_state()
    full_key = f"articles:parts:{generation}:{hashlib.sha256(key.encode()).hexdigest()[:32]}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        timeout = settings.PAGE_CACHE_SECONDS
        if next_at is not None:
            timeout = min(timeout, int(next_at - timezone.now().timestamp()))
        if timeout > 0:
            cache.set(full_key, value, timeout)
    return value


def _page_key(request) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"articles:pages:{hashlib.sha256(address.encode()).hexdigest()[:32]}"


def _is_cacheable(response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
    )


def _with_etag(response):
    """An ETag, and revalidation on every use, on a complete 200 response."""
    if response.status_code == 200 and not response.streaming:
        set_response_etag(response)
        patch_cache_control(response, no_cache=True)
    return response


def _answer(request, response):
    """The response, or a 304 when the client already has this version."""
    return get_conditional_response(request, etag=response.get("ETag"), response=response)


def _cached_view(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if settings.PAGE_CACHE_SECONDS <= 0:
            return _answer(request, _with_etag(_rendered(view(request, *args, **kwargs))))

        key, generation, stored, next_at = _lookup(request)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-Cache"] = "hit"
            return _answer(request, response)

        response = _with_etag(_rendered(view(request, *args, **kwargs)))
        if request.method == "GET" and _is_cacheable(response):
            timeout = settings.PAGE_CACHE_SECONDS
            if next_at is not None:
                timeout = min(timeout, int(next_at - timezone.now().timestamp()))
            if timeout > 0:
                cache.set(key, (generation, response.content, list(response.items())), timeout)
        response["X-Cache"] = "miss"
        return _answer(request, response)

    return wrapper


def _rendered(response):
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    return response


def cache_public_page(view):
    """Cache a public view's pages (see the module docstring): a view function or class.

    ``@cache_public_page`` above ``class ArticleListView(...)`` or around
    ``SomeFeed()`` in a URLconf; the view must show only what the watched models hold.
    """
    if isinstance(view, type):
        return method_decorator(_cached_view, name="dispatch")(view)
    return _cached_view(view)
