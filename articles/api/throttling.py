"""Anonymous reads, rate limited per client address: ``settings.API_RATE_LIMIT``.

"120/minute": at most 120 requests per address in each minute (a fixed window, counted
in the project's cache with ``add`` and ``incr``, so every server process sharing the
cache shares the count). Past it: 429 with ``Retry-After``, the seconds until the
window ends. Empty or "0/minute" turns the limit off. A logged-in user is not limited.
The address is the project's one rule for it (``settings.CLIENT_ADDRESS_CALLABLE``:
REMOTE_ADDR, or the trusted proxy's X-Forwarded-For entry).
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.utils.module_loading import import_string
from ninja.throttling import BaseThrottle

PERIODS = {"s": 1, "second": 1, "m": 60, "min": 60, "minute": 60, "h": 3600, "hour": 3600}
PERIODS |= {"d": 86400, "day": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """(requests, seconds) of "120/minute"; (0, 1) when off. A malformed value raises
    ValueError or KeyError (tests/articles/api/test_rate_limit.py reads the default)."""
    if not rate or not rate.strip():
        return 0, 1
    count, _, period = rate.strip().partition("/")
    return int(count), PERIODS[period.strip()]


def _window(seconds: int, now: float) -> int:
    return int(now // seconds)


class AddressRateThrottle(BaseThrottle):
    """Reads only its settings and the cache: one instance serves every thread."""

    def allow_request(self, request) -> bool:
        count, seconds = parse_rate(settings.API_RATE_LIMIT)
        if count <= 0 or request.user.is_authenticated:
            return True
        address = import_string(settings.CLIENT_ADDRESS_CALLABLE)(request)
        key = f"api:rate:{seconds}:{address}:{_window(seconds, time.time())}"
        cache.add(key, 0, timeout=seconds + 1)
        try:
            used = cache.incr(key)
        except ValueError:  # evicted between the two calls
            cache.add(key, 1, timeout=seconds + 1)
            used = 1
        return used <= count

    def wait(self) -> float:
        _, seconds = parse_rate(settings.API_RATE_LIMIT)
        return seconds - time.time() % seconds
