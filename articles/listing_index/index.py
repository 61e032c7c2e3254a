"""The listing index: the published articles' filter and facet columns, in numpy arrays.

Rows are the articles of status "published", in the listing's order (newest
first: ``published_at`` desc, ``id`` desc), so a mask's true positions are the
results already sorted, and "oldest first" is the same list reversed.
Whether a row is live (the public gate's time condition) is *not* stored: it is
evaluated at query time from the stored times (``live()``), so a scheduled
article appears at its moment with no rebuild.

Term postings include broader terms (the rows of Mali hold Gao's articles), as
``Article.term_ids`` does; authors and tags have postings too. Each postings
list is a slice of one int32 array (CSR), so the memory is about 4 bytes per
(article, term) pair: ~85 MB at a million articles of the synthetic shape.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property

import numpy as np

#: "Never" for an optional moment that is not set (the largest int64 microsecond).
NEVER = np.iinfo(np.int64).max
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
#: Rows of an article's most specific terms that ``related()`` scores first.
RELATED_ROWS_BUDGET = 4000


def microseconds(moment: datetime) -> int:
    """An aware datetime as integer microseconds since the epoch (exact, no float)."""
    delta = moment - EPOCH
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds


@dataclass(frozen=True)
class Postings:
    """For each key (a term, author or tag id), the sorted rows that hold it, and for
    each row its keys (as positions in ``keys``): both directions, so a count reads
    whichever is smaller."""

    keys: np.ndarray  # int64, sorted: the ids
    starts: np.ndarray  # int64, len(keys) + 1: rows of keys[i] are rows[starts[i]:starts[i+1]]
    rows: np.ndarray  # int32
    row_starts: np.ndarray  # int64, rows + 1: keys of row r are row_keys[row_starts[r]:...]
    row_keys: np.ndarray  # int32 positions in ``keys``

    @classmethod
    def build(cls, lengths, values):
        """From per-row lists given as their lengths and their values, concatenated."""
        row_of = np.repeat(np.arange(len(lengths), dtype=np.int32), lengths)
        order = np.argsort(values, kind="stable")  # stable: rows stay sorted per key
        keys, counts = np.unique(values[order], return_counts=True)
        starts = np.zeros(len(keys) + 1, dtype=np.int64)
        np.cumsum(counts, out=starts[1:])
        row_starts = np.zeros(len(lengths) + 1, dtype=np.int64)
        np.cumsum(lengths, out=row_starts[1:])
        return cls(
            keys=keys,
            starts=starts,
            rows=row_of[order],
            row_starts=row_starts,
            row_keys=np.searchsorted(keys, values).astype(np.int32),
        )

    def of(self, key):
        """The rows holding ``key`` (empty when none)."""
        i = np.searchsorted(self.keys, key)
        if i == len(self.keys) or self.keys[i] != key:
            return self.rows[:0]
        return self.rows[self.starts[i] : self.starts[i + 1]]

    def any_of(self, keys, size):
        """A mask of the rows holding at least one of ``keys``."""
        mask = np.zeros(size, dtype=bool)
        for key in keys:
            mask[self.of(key)] = True
        return mask

    def counts(self, mask):
        """{key: number of rows in ``mask`` holding it}, only keys counted at least once.

        Reads the keys of the selected rows, or, when most rows are selected, all
        counts minus those of the rows left out: at most half the postings.
        """
        per_key = self.count_array(mask)
        found = np.flatnonzero(per_key)
        return dict(zip(self.keys[found].tolist(), per_key[found].tolist(), strict=True))

    def count_array(self, mask):
        """The counts of ``counts``, as an array aligned with ``keys``."""
        if mask.sum() * 2 <= len(mask):
            return self._count_rows(np.flatnonzero(mask))
        return self.document_frequency() - self._count_rows(np.flatnonzero(~mask))

    def most_counted(self, mask, *, at_least, always=()):
        """{key: count} of the keys counted in ``mask``: ``always`` (when counted) and
        every key whose count reaches the ``at_least``-th largest (ties kept)."""
        per_key = self.count_array(mask)
        found = np.flatnonzero(per_key)
        if len(found) > at_least:
            kth = np.partition(per_key[found], len(found) - at_least)[len(found) - at_least]
            keep = per_key[found] >= kth
            keep |= np.isin(self.keys[found], np.asarray(list(always), dtype=np.int64))
            found = found[keep]
        return dict(zip(self.keys[found].tolist(), per_key[found].tolist(), strict=True))

    def _count_rows(self, rows):
        begins, ends = self.row_starts[rows], self.row_starts[rows + 1]
        lengths = ends - begins
        total = int(lengths.sum())
        if not total:
            return np.zeros(len(self.keys), dtype=np.int64)
        # The positions of every selected row's keys, without a Python loop.
        shift = np.repeat(begins - (np.cumsum(lengths) - lengths), lengths)
        return np.bincount(self.row_keys[shift + np.arange(total)], minlength=len(self.keys))

    def document_frequency(self):
        return np.diff(self.starts)

    def restricted(self, keep):
        """These postings with only the keys where ``keep`` (bool, aligned with ``keys``):
        the same keys, the others held by no row. A count over it reads only the kept
        keys' pairs (a vocabulary's terms: a third of the pairs, or less)."""
        selected = keep[self.row_keys]
        before = np.zeros(len(selected) + 1, dtype=np.int64)
        np.cumsum(selected, out=before[1:])
        per_key = np.where(keep, np.diff(self.starts), 0)
        starts = np.zeros(len(self.keys) + 1, dtype=np.int64)
        np.cumsum(per_key, out=starts[1:])
        return Postings(
            keys=self.keys,
            starts=starts,
            rows=self.rows[np.repeat(keep, np.diff(self.starts))],
            row_starts=before[self.row_starts],
            row_keys=self.row_keys[selected],
        )


class Names:
    """Loaded on first use by ``load_terms`` and ``load_names`` (callables)."""

    def __init__(self, load_terms, load_names):
        self._load_terms, self._load_names = load_terms, load_names

    @cached_property
    def term_index(self):
        return self._load_terms()

    @cached_property
    def term_vocabularies(self):
        """{term id: vocabulary id}, to split term counts by vocabulary once."""
        return {pk: term.vocabulary_id for pk, term in self.term_index.by_id.items()}

    @cached_property
    def authors(self):
        return self._load_names("authors")

    @cached_property
    def tags(self):
        return self._load_names("tags")


@dataclass(frozen=True)
class ListingIndex:
    generation: int | None
    timezone: str
    ids: np.ndarray  # int64, in listing order
    published_us: np.ndarray  # int64 microseconds since the epoch
    expires_us: np.ndarray  # int64 microseconds; no expiry: the largest int64
    local_month: np.ndarray  # int8, the month of published_at in ``timezone``
    has_updates: np.ndarray  # bool
    has_corrections: np.ndarray  # bool
    terms: Postings
    authors: Postings
    tags: Postings
    #: What only the listing needs, read on its first use (after the rows, so at
    #: least as new): the vocabularies and terms (taxonomy's TermIndex), and the
    #: authors' and tags' names with their rank in the database's collation (ties).
    names: "Names"

    @property
    def term_index(self):
        return self.names.term_index

    @property
    def author_names(self):
        return self.names.authors

    @property
    def tag_names(self):
        return self.names.tags

    @property
    def size(self):
        return len(self.ids)

    def live(self, now_us):
        """The public gate (``ArticleQuerySet.published()``) at ``now_us``.

        Status is already "published" for every row; the time conditions are here,
        one line each: published by then, not yet left the site (``expires_at``).
        """
        return (self.published_us <= now_us) & (self.expires_us > now_us)

    def term_positions(self, vocabulary_id):
        """The positions in ``terms.keys`` of a vocabulary's terms."""
        of_key = self.__dict__.get("_term_vocabularies")  # frozen: kept by hand, as below
        if of_key is None:
            of = self.names.term_vocabularies
            of_key = np.array([of.get(k, -1) for k in self.terms.keys.tolist()], dtype=np.int64)
            object.__setattr__(self, "_term_vocabularies", of_key)
        return np.flatnonzero(of_key == vocabulary_id)

    def vocabulary_terms(self, vocabulary_id):
        """The term postings of one vocabulary's terms (``Postings.restricted``), made on
        first use and kept with this index."""
        made = self.__dict__.get("_vocabulary_terms")
        if made is None:
            made = {}
            object.__setattr__(self, "_vocabulary_terms", made)
        if vocabulary_id not in made:
            keep = np.zeros(len(self.terms.keys), dtype=bool)
            keep[self.term_positions(vocabulary_id)] = True
            made[vocabulary_id] = self.terms.restricted(keep)
        return made[vocabulary_id]

    def rows_of_ids(self, ids):
        """A mask of the rows of these article ids (ids not in the index are ignored)."""
        ids = np.asarray(ids, dtype=np.int64)
        mask = np.zeros(self.size, dtype=bool)
        if not len(ids) or not self.size:
            return mask
        order, sorted_ids = self._id_order
        at = np.searchsorted(sorted_ids, ids)
        at = np.minimum(at, len(sorted_ids) - 1)
        found = sorted_ids[at] == ids
        mask[order[at[found]]] = True
        return mask

    @property
    def _id_order(self):
        """(the rows in id order, the ids in that order): computed once per index (the
        dataclass is frozen: kept in __dict__ by hand), not a copy of the ids a call."""
        found = self.__dict__.get("_order")
        if found is None:
            order = np.argsort(self.ids, kind="stable")
            found = (order, self.ids[order])
            object.__setattr__(self, "_order", found)
        return found

    def related(self, *, article_id, term_ids, now, limit):
        """Ids of the live articles sharing the most specific terms with an article.

        Score: the sum, over the article's terms that a candidate is classified
        under (directly or below), of log(N / df), df the number of published
        articles under the term: a shared specific term weighs more than a
        broad one held by most articles. Ties: newest first.

        Only the rows of the article's most specific terms are scored, in full
        (every shared term counted, from the rows' own keys), while the best
        ``limit`` of them score more than any other row could: a row holding
        none of those terms scores at most the sum of the other terms' weights.
        Otherwise the next term's rows are taken in too, so the result is the
        exhaustive ranking's (``ranked_exhaustively``), for a few thousand rows'
        work instead of every row's (Mali alone holds two thirds of them).
        """
        if not term_ids or not self.size:
            return []
        keys = self.terms.keys
        wanted = np.asarray(sorted(set(term_ids)), dtype=np.int64)
        at = np.searchsorted(keys, wanted)
        inside = at < len(keys)
        at, wanted = at[inside], wanted[inside]
        positions = at[keys[at] == wanted]  # the article's terms that some row holds
        if not len(positions):
            return []
        frequency = self.terms.document_frequency()
        # A term every article holds still relates them a little (the 1e-9).
        weight = np.zeros(len(keys), dtype=np.float64)
        weight[positions] = np.log(self.size / frequency[positions]) + 1e-9
        specific_first = positions[np.argsort(frequency[positions], kind="stable")]
        budget = max(RELATED_ROWS_BUDGET, limit)
        taken, rows_taken = 0, 0
        while taken < len(specific_first):
            rows_taken += int(frequency[specific_first[taken]])
            taken += 1
            if taken < len(specific_first) and (
                rows_taken + frequency[specific_first[taken]] > budget
            ):
                best = self._best_of(specific_first[:taken], weight, article_id, now, limit)
                if best is not None:
                    return best
        return self._best_of(specific_first, weight, article_id, now, limit)

    def _best_of(self, taken, weight, article_id, now, limit):
        """The ids of the best ``limit`` live rows among those holding a term of ``taken``
        (positions in ``terms.keys``), or None when a row holding none of them could
        be among the best."""
        terms = self.terms
        rows = np.concatenate([terms.rows[terms.starts[i] : terms.starts[i + 1]] for i in taken])
        if len(taken) > 1:  # one term's rows are sorted and distinct already
            rows.sort()  # (np.unique hashes: several times slower at these sizes)
            rows = rows[np.concatenate(([True], rows[1:] != rows[:-1]))]
        now_us = microseconds(now)
        rows = rows[(self.published_us[rows] <= now_us) & (self.expires_us[rows] > now_us)]
        rows = rows[self.ids[rows] != article_id]
        # Each row's score: its keys' weights added in key order, as the exhaustive
        # ranking adds them (the same floating-point sums, so the same ties).
        begins, ends = terms.row_starts[rows], terms.row_starts[rows + 1]
        lengths = ends - begins
        shift = np.repeat(begins - (np.cumsum(lengths) - lengths), lengths)
        owner = np.repeat(np.arange(len(rows)), lengths)
        gathered = terms.row_keys[shift + np.arange(int(lengths.sum()))]
        score = np.bincount(owner, weights=weight[gathered], minlength=len(rows))
        untaken = weight.copy()
        untaken[taken] = 0
        bound = float(untaken.sum())  # the most a row holding none of ``taken`` scores
        if len(rows) > limit:
            kth = np.partition(score, len(rows) - limit)[-limit]
            keep = score >= kth
            rows, score = rows[keep], score[keep]
        elif bound > 0:
            return None  # fewer than ``limit`` here: other rows may come next
        if bound > 0 and score.min(initial=np.inf) <= bound * (1 + 1e-9):
            return None
        # Rows are in listing order: a stable sort on the score keeps the newest first.
        best = rows[np.argsort(-score, kind="stable")][:limit]
        return self.ids[best].tolist()

    def ranked_exhaustively(self, *, article_id, term_ids, now, limit):
        """``related()`` by scoring every row: the reference its pruning is checked
        against (tests), not used to serve pages."""
        if not term_ids or not self.size:
            return []
        score = np.zeros(self.size, dtype=np.float64)
        frequency = self.terms.document_frequency()
        for term_id in sorted(set(term_ids)):
            i = np.searchsorted(self.terms.keys, term_id)
            if i == len(self.terms.keys) or self.terms.keys[i] != term_id:
                continue
            score[self.terms.rows[self.terms.starts[i] : self.terms.starts[i + 1]]] += (
                np.log(self.size / frequency[i]) + 1e-9
            )
        score *= self.live(microseconds(now))
        order, sorted_ids = self._id_order
        at = np.searchsorted(sorted_ids, article_id)
        if at < len(sorted_ids) and sorted_ids[at] == article_id:
            score[order[at]] = 0  # not the article itself
        candidates = np.flatnonzero(score)
        if len(candidates) > limit:
            kth = np.partition(score[candidates], len(candidates) - limit)[-limit]
            candidates = candidates[score[candidates] >= kth]
        best = candidates[np.argsort(-score[candidates], kind="stable")][:limit]
        return self.ids[best].tolist()
