"""The listing computed on the in-process listing index (``articles.listing_index``).

The same results, counts and facets as the SQL path (``ListingQuery.filtered``
and ``facets.facets_for``, which stay as the reference the tests compare
with), from numpy masks: only the search's matching ids come from PostgreSQL
(the GIN index), and only the page's 20 articles are then read from it, by id.

A request evaluates the gate once (``live``, at the request's moment) and the
search once; each facet left out is one more mask, a few vector operations.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

import numpy as np
from django.conf import settings
from django.db import connections, router, transaction
from django.utils import timezone

from taxonomy.sorting import name_key

from ...listing_index.index import ListingIndex, microseconds
from ...models import Article, SearchEntry
from .facets import (
    AUTHORS_SHOWN,
    TAGS_SHOWN,
    TERMS_PER_VOCABULARY,
    value_facet,
    vocabulary_facet,
)
from .fulltext import search_query
from .query import ListingQuery
from .ranking import by_relevance, ranked_candidates_sql


def _start_of(day) -> int:
    """The first microsecond of a local calendar day (Django's ``__date`` lookups)."""
    return microseconds(timezone.make_aware(datetime.combine(day, time.min)))


def matching_ids(text, *, ranked=False):
    """The ids of the published articles matching the search, one GIN-indexed query of
    their narrow search table (``SearchEntry``: a few hundred heap pages to visit, not
    the articles'); with ``ranked``, (those ids, the relevance order's ranked
    candidates) from the same statement. The caller keeps those the index holds live."""
    queryset = (
        SearchEntry.objects.filter(search_vector=search_query(text))
        .order_by()
        .values("article_id")
    )
    sql, params = queryset.query.sql_with_params()
    sql = f"SELECT string_agg(article_id::text, ',') FROM ({sql}) AS m"
    if ranked:
        ranked_sql, ranked_params = ranked_candidates_sql(text)
        sql, params = f"SELECT ({sql}), ({ranked_sql})", (*params, *ranked_params)
    alias = router.db_for_read(Article)  # a replica when there are some (config/routers.py)
    with transaction.atomic(using=alias, savepoint=False), connections[alias].cursor() as cursor:
        # An exact bitmap, so no row is rechecked (settings.SEARCH_WORK_MEM says why),
        # and no parallel workers: two of them tripled the statement's CPU time and were
        # no faster even alone ("minusma" at 100,000 articles: 29.6 ms, 23.6 without).
        # SET LOCAL ends with this transaction (or the request's, when it is nested).
        cursor.execute(
            "SELECT set_config('work_mem', %s, true),"
            " set_config('max_parallel_workers_per_gather', '0', true)",
            [settings.SEARCH_WORK_MEM],
        )
        cursor.execute(sql, params)
        row = [_ids(found) for found in cursor.fetchone()]
    return tuple(row) if ranked else row[0]


def _ids(found):
    return np.fromstring(found, dtype=np.int64, sep=",") if found else np.zeros(0, np.int64)


@dataclass(frozen=True)
class IndexedListing:
    query: ListingQuery
    index: ListingIndex
    base: np.ndarray  # live, and matching the search and the single-valued filters
    ranked: np.ndarray | None = None  # the relevance order's candidates (ranking.py)

    @classmethod
    def of(cls, query: ListingQuery, index: ListingIndex, *, now=None):
        now_us = microseconds(now or timezone.now())
        base = index.live(now_us)
        ranked = None
        if query.text and query.sort == "relevance":
            found, ranked = matching_ids(query.text, ranked=True)
            base &= index.rows_of_ids(found)
        elif query.text:
            base &= index.rows_of_ids(matching_ids(query.text))
        if query.date_from:
            base &= index.published_us >= _start_of(query.date_from)
        if query.date_to:
            base &= index.published_us < _start_of(query.date_to + timedelta(days=1))
        if query.year:
            start = _start_of(datetime(query.year, 1, 1).date())
            end = _start_of(datetime(query.year + 1, 1, 1).date()) if query.year < 9999 else None
            base &= index.published_us >= start
            if end is not None:
                base &= index.published_us < end
        if query.month:
            base &= index.local_month == query.month
        if query.has_updates:
            base &= index.has_updates
        if query.has_corrections:
            base &= index.has_corrections
        return cls(query=query, index=index, base=base, ranked=ranked)

    def mask(self, without=None):
        """The rows matching every filter except ``without`` (a multi-valued parameter)."""
        mask = self.base.copy()
        index, query = self.index, self.query
        for picked in query.vocabularies:
            if picked.terms and picked.param != without:
                mask &= index.terms.any_of([t.pk for t in picked.terms], index.size)
        if query.authors and without != "author":
            mask &= index.authors.any_of([a.pk for a in query.authors], index.size)
        if query.tags and without != "tag":
            mask &= index.tags.any_of([t.pk for t in query.tags], index.size)
        return mask

    def facets(self):
        """(result count, [Facet]), as ``facets.facets_for`` gives them."""
        query, index = self.query, self.index
        shared = self.mask()
        facets = []
        shared_terms = None
        for picked in query.vocabularies:
            # Counts within the results: a vocabulary without a pick, and what a
            # vocabulary with one adds (its own counts leave it out).
            if shared_terms is None:
                shared_terms = index.terms.count_array(shared)
            if picked.terms:  # only this vocabulary's counts are read: only its pairs
                postings = index.vocabulary_terms(picked.vocabulary.pk)
                counts = postings.count_array(self.mask(without=picked.param))
            else:
                counts = shared_terms
            positions = self._shown_terms(counts, picked)
            keys = index.terms.keys[positions].tolist()
            mine = dict(zip(keys, counts[positions].tolist(), strict=True))
            within = dict(zip(keys, shared_terms[positions].tolist(), strict=True))
            facets.append(vocabulary_facet(picked, mine, query.term_index, within=within))
        picked_authors = [a.slug for a in query.authors]
        picked_tags = [t.slug for t in query.tags]
        author_mask = self.mask(without="author") if picked_authors else shared
        tag_mask = self.mask(without="tag") if picked_tags else shared
        author_rows = _rows(
            index.authors, author_mask, index.author_names, query.authors, AUTHORS_SHOWN
        )
        tag_rows = _rows(index.tags, tag_mask, index.tag_names, query.tags, TAGS_SHOWN)
        author_within = _within(index.authors, shared, index.author_names) if query.authors else {}
        tag_within = _within(index.tags, shared, index.tag_names) if query.tags else {}
        facets.append(
            value_facet(
                "author",
                "Authors",
                author_rows,
                picked_authors,
                AUTHORS_SHOWN,
                within=author_within,
            )
        )
        facets.append(
            value_facet("tag", "Tags", tag_rows, picked_tags, TAGS_SHOWN, within=tag_within)
        )
        return int(shared.sum()), facets

    def _shown_terms(self, counts, picked):
        """Positions (in ``terms.keys``) of the vocabulary's terms the facet can show,
        from the counts aligned with them: every term counted as often as the
        TERMS_PER_VOCABULARY-th most counted (ties kept, for the facet's order by
        name), and the picked ones counted. A few vector operations, not a
        dictionary of every term a request."""
        positions = self.index.term_positions(picked.vocabulary.pk)
        positions = positions[counts[positions] > 0]
        if len(positions) > TERMS_PER_VOCABULARY:
            found = counts[positions]
            kth = np.partition(found, len(found) - TERMS_PER_VOCABULARY)[-TERMS_PER_VOCABULARY]
            top = positions[found >= kth]
            mine = np.isin(self.index.terms.keys[positions], [t.pk for t in picked.terms])
            positions = np.union1d(top, positions[mine])
        return positions

    def results(self, published):
        """The results in the query's order, as a sequence the paginator slices: a
        slice reads only its articles from ``published`` (one query, by id)."""
        rows = np.flatnonzero(self.mask())
        if self.query.sort == "oldest":
            rows = rows[::-1]
        ids = self.index.ids[rows]
        if self.ranked is not None:
            ids = by_relevance(ids, self.ranked)
        return IndexedResults(ids, published)


def _within(postings, mask, names):
    """{slug: count} of the values counted in the results (``mask``)."""
    return {names[pk][0]: n for pk, n in postings.counts(mask).items() if pk in names}


def _rows(postings, mask, names, picked, limit):
    """(slug, name, count) of the values counted: the picked ones and then the most
    frequent (ties by name in the database's collation), as the SQL facet selects them."""
    wanted = limit + len(picked)
    counts = postings.most_counted(mask, at_least=wanted, always=[p.pk for p in picked])
    slugs = {p.slug for p in picked}
    rows = [(*names[pk], count) for pk, count in counts.items() if pk in names]
    rows.sort(key=lambda row: (row[0] not in slugs, -row[3], row[2]))
    rows = [(slug, name, count) for slug, name, _, count in rows[:wanted]]
    rows.sort(key=lambda row: (-row[2], name_key(row[1])))
    return rows


class IndexedResults:
    """What ``Paginator`` needs of a list: its length and its slices."""

    def __init__(self, ids, published):
        self.ids = ids  # article ids, in the page order
        self.published = published

    @classmethod
    def holding(cls, postings_name, key, published, *, index: ListingIndex, now=None):
        """The live articles whose ``postings_name`` (terms with their broader ones,
        authors, tags) hold ``key``, newest first: a term, author or tag page."""
        live = index.live(microseconds(now or timezone.now()))
        live &= getattr(index, postings_name).any_of([key], index.size)
        return cls(index.ids[np.flatnonzero(live)], published)

    def __len__(self):
        return len(self.ids)

    def count(self):
        return len(self.ids)

    def __getitem__(self, which):
        if not isinstance(which, slice):
            return self[which : which + 1][0]
        ids = self.ids[which].tolist()
        found = {article.pk: article for article in self.published.filter(pk__in=ids)}
        return [found[pk] for pk in ids if pk in found]
