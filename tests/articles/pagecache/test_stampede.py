"""No stampede: concurrent readers of a missing or stale page compute it once.

Through the live server (threaded), with the page cache on: local memory shared
by its threads, or Redis when REDIS_URL is set. The renders are counted by
Django's test instrumentation of templates, and each is held a moment so that
the other requests arrive while it is computed.
"""

import pytest

from .live import counted_renders, fetch, fetch_together

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

READERS = 8


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_WAIT_SECONDS = 10


def test_concurrent_readers_of_a_missing_page_render_it_once(live_server, world):
    url = live_server.url + world.gao_ambush.get_absolute_url()
    # A running site: its first request ever starts the schedule (and bumps "site").
    fetch(live_server.url + "/archive/")
    with counted_renders("articles/article_detail.html", hold=0.5) as renders:
        results = fetch_together(url, READERS)
    assert len(renders) == 1
    how = sorted(headers["X-Cache"] for _, headers, _ in results)
    assert how.count("miss") == 1
    assert set(how) <= {"miss", "wait", "hit"}
    assert all(status == 200 and "Ambush near Gao" in text for status, _, text in results)


@pytest.mark.parametrize(("stale_seconds", "others_get"), [(60, {"stale"}), (0, {"wait", "hit"})])
def test_concurrent_readers_of_a_stale_page_render_it_once(
    live_server, world, settings, stale_seconds, others_get
):
    """Within the bound the others get the copy that missed the save; past it, the new page."""
    settings.PAGE_CACHE_STALE_SECONDS = stale_seconds
    url = live_server.url + world.gao_ambush.get_absolute_url()
    fetch(url)
    assert fetch(url)[1]["X-Cache"] == "hit"
    world.gao_ambush.title = "Deadly ambush near Gao"
    world.gao_ambush.save()
    with counted_renders("articles/article_detail.html", hold=0.5) as renders:
        results = fetch_together(url, READERS)
    assert len(renders) == 1
    how = [headers["X-Cache"] for _, headers, _ in results]
    assert how.count("miss") == 1
    assert set(how) - {"miss"} <= others_get
    for _, headers, text in results:
        if headers["X-Cache"] in ("miss", "wait", "hit"):
            assert "Deadly ambush near Gao" in text
        else:
            assert "Ambush near Gao" in text
            assert "Deadly ambush near Gao" not in text
    assert "Deadly ambush near Gao" in fetch(url)[2]
