"""The relevance order, bounded: PostgreSQL ranks a few hundred candidates, not every match.

Ranking every match (``ListingQuery.ordered``, kept as the reference) costs one
``ts_rank`` per matching article: ``/?q=minusma`` matches a fifth of the corpus. Yet
only an article whose title or standfirst match the search (the small ``search_head``
vector, GIN-indexed) has a rank above zero there; every other match ranks 0 and is
ordered newest first. So the candidates are the published articles whose head matches,
the newest ``SEARCH_RANKED_CANDIDATES`` of them (one GIN-indexed scan and a top-N
sort, no rank computed), and only those are ranked. The order of the results:

1. the candidates among the results, best first (rank, then newest);
2. every other result (the body-only matches, and head matches past the bound), newest
   first, from the listing index.

While a search has fewer head matches than the bound, this is exactly the reference's
order. The count is the index's, exact whatever the bound.
"""

import numpy as np
from django.conf import settings

from ...models import Article
from .fulltext import SEARCH_CONFIG, search_query, websearch_text

# ts_rank's default normalisation, as SearchRank computes it in the reference order.
RANKED_SQL = (
    "SELECT string_agg(id::text, ',' ORDER BY rank DESC, published_at DESC, id DESC) FROM ("
    "SELECT id, published_at, ts_rank(search_head, websearch_to_tsquery(%s::regconfig, %s))"
    " AS rank FROM ({candidates}) AS candidate) AS ranked"
)


def ranked_candidates_sql(text, *, limit=None):
    """(sql, params) of one value: the ids (comma-separated) of the newest ``limit``
    published articles whose title or standfirst match ``text``, in rank order (best
    first, then newest). Read with the search's matching ids (indexed.matching_ids)."""
    limit = limit or settings.SEARCH_RANKED_CANDIDATES
    candidates = (
        Article.objects.published()
        .filter(search_head=search_query(text))
        .order_by("-published_at", "-id")
        .values("id", "published_at", "search_head")[:limit]
    )
    sql, params = candidates.query.sql_with_params()
    return RANKED_SQL.format(candidates=sql), (SEARCH_CONFIG, websearch_text(text), *params)


def by_relevance(ids, ranked):
    """``ids`` (the results, newest first) in the bounded relevance order, ``ranked``
    the candidates' ids in rank order."""
    ranked = ranked[np.isin(ranked, ids)]
    return np.concatenate([ranked, ids[~np.isin(ids, ranked)]])
