"""Server time of the public listing's variants, measured in-process.

Runs each variant through Django's test client (full middleware, templates,
every query) a number of times after a warm-up, and prints the median and
95th percentile, the median CPU time of this process (Django's share, less
sensitive to other load on the machine than the wall time) and the median time spent
in SQL (each statement's round trip, as Django's debug cursor times it: the figure to
set beside the bare-PostgreSQL anchor of ``bench/anchor.py``). By default no
cache is involved (cold, per-request costs); ``--warm`` turns the page and facet
caches on, as production runs.
"""

import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from articles.models import Article

VARIANTS = [
    ("listing, no filter", "/"),
    ("listing, page 50", "/?page=50"),
    ("one vocabulary filter (Sahel)", "/?places=sahel"),
    ("two vocabulary filters", "/?places=mali&organisations=minusma"),
    ("two filters, page 50", "/?places=mali&organisations=minusma&page=50"),
    ("search q=minusma", "/?q=minusma"),
    ("search + filters + facets", "/?q=minusma&places=mali&topics=peacekeeping"),
    ("search, relevance", "/?q=peacekeepers&sort=relevance"),
    ("article page", None),
    ("term page (Sahel)", "/topics/places/sahel/"),
    ("feed", "/feeds/rss/"),
    # The JSON API's listing (articles/api/): the same questions, 20 articles a page.
    ("API listing, no filter", "/api/articles/"),
    ("API two vocabulary filters", "/api/articles/?places=mali&organisations=minusma"),
    ("API search q=minusma", "/api/articles/?q=minusma"),
    ("API search, relevance", "/api/articles/?q=peacekeepers&sort=relevance"),
]


class Command(BaseCommand):
    help = "Print median and p95 server time of the listing variants (cold, no cache)."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=30)
        parser.add_argument("--warmup", type=int, default=3)
        parser.add_argument("--warm", action="store_true", help="with the page cache on")

    def handle(self, *args, repeat, warmup, warm, **options):
        seconds = 600 if warm else 0
        # No rate limit: every request of the run comes from one address.
        with override_settings(PAGE_CACHE_SECONDS=seconds, API_RATE_LIMIT=""):
            self.run(repeat, warmup, warm)

    def run(self, repeat, warmup, warm):
        host = (settings.ALLOWED_HOSTS or ["127.0.0.1"])[0]
        client = Client(HTTP_HOST=host if host not in ("*", "") else "127.0.0.1")
        published = Article.objects.published()
        newest = published.order_by("-published_at", "-id").first()
        total = published.count()
        self.stdout.write(
            f"{total:,} published articles ({Article.objects.count():,} in all), "
            f"{repeat} requests per variant after {warmup} warm-up, "
            f"cache {'on' if warm else 'off'}\n"
        )
        self.stdout.write(
            f"{'variant':34} {'median ms':>10} {'p95 ms':>8} {'cpu ms':>7} {'db ms':>7} "
            f"{'queries':>8}  status"
        )
        for label, url in VARIANTS:
            url = url or (newest.get_absolute_url() if newest else "/")
            for _ in range(warmup):
                client.get(url)
            timings, cpu, database = [], [], []
            for _ in range(repeat):
                with CaptureQueriesContext(connection) as queries:
                    start, start_cpu = time.perf_counter(), time.process_time()
                    response = client.get(url)
                    timings.append((time.perf_counter() - start) * 1000)
                    cpu.append((time.process_time() - start_cpu) * 1000)
                database.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
            timings.sort()
            p95 = timings[min(len(timings) - 1, round(0.95 * len(timings)) - 1)]
            self.stdout.write(
                f"{label:34} {statistics.median(timings):10.1f} {p95:8.1f} "
                f"{statistics.median(cpu):7.1f} {statistics.median(database):7.1f} "
                f"{len(queries.captured_queries):8}  {response.status_code}"
            )
