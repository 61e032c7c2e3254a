"""Helpers for the tests that go through a real server: concurrent requests, renders counted."""

import threading
import time
import urllib.request
from contextlib import contextmanager

from django.test.signals import template_rendered


def fetch(url: str) -> tuple[int, dict, str]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, dict(response.headers), response.read().decode()


def fetch_together(url: str, n: int) -> list[tuple[int, dict, str]]:
    """``n`` requests for ``url`` sent at the same moment from ``n`` threads."""
    barrier = threading.Barrier(n)
    results = [None] * n

    def one(i):
        barrier.wait()
        results[i] = fetch(url)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@contextmanager
def counted_renders(template_name: str, *, hold: float = 0.0):
    """The renders of a template in any thread of this process (the live server's).

    Django's test environment reports every template render; ``hold`` keeps each
    render that long, so that the other requests arrive while it is computed.
    """
    renders = []
    lock = threading.Lock()

    def receiver(sender, template, **kwargs):
        if template.name == template_name:
            with lock:
                renders.append(threading.get_ident())
            time.sleep(hold)

    template_rendered.connect(receiver, weak=False)
    try:
        yield renders
    finally:
        template_rendered.disconnect(receiver)
