"""Python's cost of one cold request of each page, in-process: calls and CPU time.

The function-call count (cProfile's, per request, mean of 3) does not depend on the
machine's load, so it compares two commits on a shared machine; the CPU time
(``time.process_time()``, median of 5, this process only: PostgreSQL's share is
another process) does, somewhat. The page cache is off; each page is requested
twice first (the listing index built, templates loaded). Run it from the tree to
measure, against a bench database of its own (words after it pick pages by name)::

    EMBEDDED_PGDATA=.data/bench-postgres-20000 .venv/bin/python bench/cold_calls.py
    EMBEDDED_PGDATA=.data/bench-postgres-20000 .venv/bin/python bench/cold_calls.py article search
"""

import cProfile
import os
import pstats
import statistics
import sys
import time

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

from articles.models import Article  # noqa: E402

PAGES = [
    ("listing", "/"),
    ("listing, page 50", "/?page=50"),
    ("one filter (Sahel)", "/?places=sahel"),
    ("two vocabulary filters", "/?places=mali&organisations=minusma"),
    ("two filters, page 50", "/?places=mali&organisations=minusma&page=50"),
    ("search", "/?q=minusma"),
    ("search, relevance", "/?q=peacekeepers&sort=relevance"),
    ("search “minusma”, relevance", "/?q=minusma&sort=relevance"),
    ("article page", "ARTICLE"),
    ("term page (Sahel)", "/topics/places/sahel/"),
    ("author page", "AUTHOR"),
    ("tag page", "TAG"),
    ("feed", "/feeds/rss/"),
    ("API listing", "/api/articles/"),
    ("hello", "/hello/"),
]


def main():
    only = sys.argv[1:]  # page names containing one of these words; every page when none
    published = Article.objects.published().order_by("-published_at", "-id")
    newest = published.first()
    # The newest article with an author, and with a tag: not every article has them.
    authored = published.filter(article_authors__isnull=False).first()
    tagged = published.filter(tags__isnull=False).first()
    special = {
        "ARTICLE": newest.get_absolute_url(),
        "AUTHOR": authored.article_authors.first().author.get_absolute_url() if authored else "",
        "TAG": f"/tags/{tagged.tags.first().slug}/" if tagged else "",
    }
    client = Client(HTTP_HOST="127.0.0.1")
    print(f"{'page':30} {'calls':>9} {'CPU ms':>7} {'queries':>7}")
    with override_settings(PAGE_CACHE_SECONDS=0):
        for name, url in PAGES:
            if only and not any(word in name for word in only):
                continue
            url = special.get(url, url)
            if not url:
                print(f"{name:30} (no such page in this data)")
                continue
            for _ in range(2):
                client.get(url)
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(3):
                client.get(url)
            profile.disable()
            calls = pstats.Stats(profile).total_calls / 3
            cpu = []
            for _ in range(5):
                with CaptureQueriesContext(connection) as queries:
                    start = time.process_time()
                    response = client.get(url)
                    cpu.append((time.process_time() - start) * 1000)
            assert response.status_code == 200, url
            print(
                f"{name:30} {calls / 1000:8.1f}k {statistics.median(cpu):7.1f} "
                f"{len(queries.captured_queries):7}",
                flush=True,
            )


if __name__ == "__main__":
    main()
