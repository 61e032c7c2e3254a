"""PostgreSQL's time for the relevance order: ranking every match (the reference,
``ListingQuery.ordered``, page 1) against ranking the bounded candidates
(``articles/public/listing/ranking.py``). EXPLAIN ANALYZE in-process, median of 5::

    EMBEDDED_PGDATA=.data/bench-postgres-20000 .venv/bin/python bench/relevance_sql.py
    EMBEDDED_PGDATA=.data/bench-postgres-20000 .venv/bin/python bench/relevance_sql.py plan

The search's matching ids (one statement in both) are in neither figure.
"""

import os
import re
import statistics
import sys

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import QueryDict  # noqa: E402

from articles.listing_index.store import current_index  # noqa: E402
from articles.models import Article  # noqa: E402
from articles.public.listing.cleaning import listing_query  # noqa: E402
from articles.public.listing.fulltext import search_query  # noqa: E402
from articles.public.listing.ranking import ranked_candidates_sql  # noqa: E402

TEXTS = ["minusma", "peacekeepers"]


def explain(sql, params):
    times = []
    with connection.cursor() as cursor:
        for _ in range(5):
            cursor.execute("EXPLAIN (ANALYZE, FORMAT TEXT) " + sql, params)
            plan = [row[0] for row in cursor.fetchall()]
            times.append(float(re.search(r"Execution Time: ([\d.]+)", plan[-1]).group(1)))
    return statistics.median(times), plan


def main():
    index = current_index()
    published = Article.objects.published()
    for text in TEXTS:
        query = listing_query(QueryDict(f"q={text}&sort=relevance"), term_index=index.term_index)
        matches = published.filter(search_vector=search_query(text)).count()
        heads = published.filter(search_head=search_query(text)).count()
        reference, _ = explain(*query.articles(published)[:20].query.sql_with_params())
        bounded, plan = explain(*ranked_candidates_sql(text))
        print(
            f"{text}: {matches} matches, {heads} in a title or standfirst; every match "
            f"ranked {reference:.1f} ms, {settings.SEARCH_RANKED_CANDIDATES} candidates "
            f"ranked {bounded:.1f} ms"
        )
        if "plan" in sys.argv:
            print("\n".join(plan))


if __name__ == "__main__":
    main()
