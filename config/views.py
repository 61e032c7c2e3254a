import contextlib

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.static import serve

from config import replicas

# Seconds a load balancer should wait before asking a failing server again.
HEALTH_RETRY_AFTER = 5


def local_media(request, path):
    """The local media folder, for runserver and the tests only (config/urls.py); read at
    each request, so a test's own folder is the one served. Files never change under a
    name (names are generated anew), so browsers may keep them."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


def hello(request):
    """The smallest Django page: the benchmark's ceiling, and a liveness probe.

    It goes through the same middleware as every page, and touches neither the
    database nor the cache.
    """
    return HttpResponse("Hello, world\n", content_type="text/plain")


@never_cache
def health(request):
    """Readiness for load balancers: 200 while the primary answers, else 503.

    Cheap: one ``SELECT 1`` on the primary and one cache read; each replica's status
    is the one this process last saw (checked at most every DATABASE_REPLICA_CHECK_SECONDS).
    A replica down or a cache failing does not take the server out of rotation (reads
    fall back to the primary), so they are reported, not failed on. Never cached:
    ``never_cache`` says so to proxies, and the page cache is not on this view.
    """
    database = _primary_state()
    body = {
        "status": "ok" if database == "ok" else "unavailable",
        "database": database,
        "cache": _cache_state(),
        "replicas": {
            alias: replicas.replica_status(alias).as_json() for alias in replicas.replica_aliases()
        },
    }
    response = JsonResponse(body, status=200 if database == "ok" else 503)
    if database != "ok":
        response["Retry-After"] = str(HEALTH_RETRY_AFTER)
    return response


def _primary_state() -> str:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        with contextlib.suppress(DatabaseError):  # dropped, so that the next probe reconnects
            connections[DEFAULT_DB_ALIAS].close()
        return "down"
    return "ok"


def _cache_state() -> str:
    try:
        cache.get("health:probe")
    # The cache backends raise their client's errors: redis-py's, or a socket's.
    except (redis.RedisError, OSError):
        return "down"
    return "ok"
