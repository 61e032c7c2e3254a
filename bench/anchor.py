"""The bare-PostgreSQL anchor of ../shared/PERFORMANCE.md, run on our own tables.

For each listing variant, the statements a framework-free page would run (the page of
20, the count, the facet counts of every vocabulary; for a search the page by date,
the count and ``ts_headline`` of 20 bodies), each timed with EXPLAIN ANALYZE's
execution time, median of 5 (``bench/relevance_sql.py``'s ``explain``). Beside
``manage.py bench_listing``'s "db ms" column
(the SQL time of our page through Django), it gives the ratio the issue asks about, at
any scale, on the same data::

    EMBEDDED_PGDATA=.data/bench-postgres-100000 .venv/bin/python bench/anchor.py

The gate is ours (published, its time come, not expired); the schema is the anchor's
(a stored weighted tsvector, an int[] of term ids with their ancestors, GIN-indexed).
"""

import os
import sys

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django

django.setup()

from articles.models import Article  # noqa: E402
from bench.relevance_sql import explain  # noqa: E402
from taxonomy.models import Term  # noqa: E402

TABLE = Article._meta.db_table
GATE = (
    "status = 'published' AND published_at <= now() AND (expires_at IS NULL OR expires_at > now())"
)
QUERY = "websearch_to_tsquery('english_unaccent', %(q)s)"


def statements(where: str, *, search: bool = False, offset: int = 0) -> dict[str, str]:
    page = (
        f"SELECT id, title, published_at FROM {TABLE} WHERE {where} "
        f"ORDER BY published_at DESC, id DESC LIMIT 20 OFFSET {offset}"
    )
    found = {
        "page": page,
        "count": f"SELECT count(*) FROM {TABLE} WHERE {where}",
        "facets": f"SELECT t, count(*) FROM {TABLE}, unnest(term_ids) t WHERE {where} GROUP BY t",
    }
    if search:
        found["headlines"] = (
            f"SELECT ts_headline('english_unaccent', body, {QUERY}) FROM ({page}) p "
            f"JOIN {TABLE} USING (id)"
        )
    return found


def variants() -> list[tuple[str, dict[str, str], dict]]:
    def term(vocabulary, slug):
        return Term.objects.get(vocabulary__slug=vocabulary, slug=slug).pk

    mali, minusma = term("places", "mali"), term("organisations", "minusma")
    sahel = term("places", "sahel")
    both = f"{GATE} AND term_ids @> ARRAY[{mali}, {minusma}]::bigint[]"
    matches = f"{GATE} AND search_vector @@ {QUERY}"
    return [
        ("listing, no filter", statements(GATE), {}),
        ("listing, page 50", statements(GATE, offset=980), {}),
        (
            "one vocabulary filter (Sahel)",
            statements(f"{GATE} AND term_ids @> ARRAY[{sahel}]::bigint[]"),
            {},
        ),
        ("two vocabulary filters", statements(both), {}),
        ("two filters, page 50", statements(both, offset=980), {}),
        ("search q=minusma", statements(matches, search=True), {"q": "minusma"}),
        (
            "search + filters + facets",
            statements(f"{matches} AND term_ids @> ARRAY[{mali}]::bigint[]", search=True),
            {"q": "minusma"},
        ),
    ]


def main():
    published = Article.objects.published().count()
    print(f"bare-PostgreSQL anchor on {published:,} published articles, median of 5, ms")
    names = ["page", "count", "facets", "headlines"]
    print(f"{'variant':34}" + "".join(f"{n:>10}" for n in names) + f"{'total':>10}")
    for label, found, params in variants():
        ms = {name: explain(sql, params)[0] for name, sql in found.items()}
        cells = "".join(f"{ms[n]:10.1f}" if n in ms else f"{'':>10}" for n in names)
        print(f"{label:34}{cells}{sum(ms.values()):10.1f}")


if __name__ == "__main__":
    main()
