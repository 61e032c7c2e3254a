"""One listing index per server process, rebuilt when the listing generation moves.

``current_index()`` reads the generation (one primary-key read, ~0.1 ms) and
returns the process's index if it was built at that generation, else applies
the articles the change log names since (``apply_changes``), or, when the log
cannot say, builds a new one. Each reads the generation and the rows in *one*
statement, so the index is exactly the rows of the generation it is tagged
with: a write committed between the two could not be missed. When the generation row is
missing (a flushed table) the index is built for the request and not kept.
"""

import threading

import numpy as np
from django.db import connection
from django.utils import timezone
from taggit.models import Tag

from taxonomy.index import TermIndex

from ..models import Article, Author, Update
from .index import ListingIndex, Names, Postings
from .splice import splice

GENERATION_TABLE = "articles_listinggeneration"
CHANGE_TABLE = "articles_listingchange"

_lock = threading.Lock()
_current: ListingIndex | None = None


def current_generation():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {GENERATION_TABLE} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else None


def generation_sql():
    """The generation as a scalar subquery, to read it with another query (RawSQL)."""
    return f"(SELECT value FROM {GENERATION_TABLE} WHERE id = 1)"


def current_index(*, generation=None) -> ListingIndex:
    """The index of the committed rows as this request's database sees them.

    ``generation``: the generation already read with another query of the
    request (``generation_sql()``), saving the read. When it moved, the changed
    articles of the change log are applied to the process's index
    (``apply_changes``); the index is rebuilt whole only when that cannot be done.
    """
    global _current
    if generation is None:
        generation = current_generation()
    zone = timezone.get_current_timezone_name()
    index = _current
    if (
        index is not None
        and generation is not None
        and index.generation == generation
        and index.timezone == zone
    ):
        return index
    with _lock:
        index = _current
        if index is not None and index.timezone == zone and index.generation is not None:
            if index.generation == generation:
                return index  # another thread brought it up to date meanwhile
            index, _ = apply_changes(index)
        else:
            index = build_index(zone)
        if index.generation is not None:
            _current = index
    return index


def _q(name):
    return connection.ops.quote_name(name)


def _array(text, dtype=np.int64):
    if not text:
        return np.zeros(0, dtype=dtype)
    return np.fromstring(text, dtype=np.int64, sep=",").astype(dtype, copy=False)


def _rows_statement(*, incremental=False, extra=""):
    """One statement: the generation, ``extra`` columns, then the listing columns of the
    published articles, as text lists (numpy parses them far faster than the driver
    builds Python lists). ``incremental``: only those of the CTE ``changed`` when the
    CTE ``ok`` says the log is chained, else all (one-time filters: PostgreSQL runs
    one branch only)."""
    article = _q(Article._meta.db_table)
    update = _q(Update._meta.db_table)
    columns = """id, published_at, expires_at, term_ids, author_ids, tag_ids,
                 updated_at IS NOT NULL AS has_updates"""
    if incremental:
        rows = f"""
            SELECT {columns} FROM {article} WHERE status = %(published)s
               AND (SELECT chained FROM ok) AND id IN (SELECT id FROM changed)
            UNION ALL
            SELECT {columns} FROM {article} WHERE status = %(published)s
               AND NOT (SELECT chained FROM ok)"""
        corrections = f"""
            SELECT article_id FROM {update} WHERE kind = %(correction)s
               AND (SELECT chained FROM ok) AND article_id IN (SELECT id FROM changed)
            UNION ALL
            SELECT article_id FROM {update} WHERE kind = %(correction)s
               AND NOT (SELECT chained FROM ok)"""
    else:
        rows = f"SELECT {columns} FROM {article} WHERE status = %(published)s"
        corrections = f"SELECT article_id FROM {update} WHERE kind = %(correction)s"
    return f"""
        a AS (
            SELECT * FROM ({rows}) AS rows ORDER BY published_at DESC, id DESC
        )
        SELECT
            {generation_sql()},
            {extra}
            string_agg(id::text, ','),
            string_agg((extract(epoch FROM published_at) * 1000000)::bigint::text, ','),
            string_agg(coalesce((extract(epoch FROM expires_at) * 1000000)::bigint,
                                9223372036854775807)::text, ','),
            string_agg(extract(month FROM published_at AT TIME ZONE %(zone)s)::int::text, ','),
            string_agg(has_updates::int::text, ','),
            string_agg(cardinality(term_ids)::text, ','),
            string_agg(nullif(array_to_string(term_ids, ','), ''), ','),
            string_agg(cardinality(author_ids)::text, ','),
            string_agg(nullif(array_to_string(author_ids, ','), ''), ','),
            string_agg(cardinality(tag_ids)::text, ','),
            string_agg(nullif(array_to_string(tag_ids, ','), ''), ','),
            (SELECT string_agg(DISTINCT article_id::text, ',') FROM ({corrections}) AS c)
          FROM a
    """


def _params(zone, **more):
    return {
        "published": Article.Status.PUBLISHED,
        "zone": zone,
        "correction": Update.Kind.CORRECTION,
        **more,
    }


def _parsed(zone, generation, columns, names):
    ids, published, expires, months, updates, *lists, corrected = columns
    ids = _array(ids)
    term_len, term_ids, author_len, author_ids, tag_len, tag_ids = lists
    index = ListingIndex(
        generation=generation,
        timezone=zone,
        ids=ids,
        published_us=_array(published),
        expires_us=_array(expires),
        local_month=_array(months, np.int8),
        has_updates=_array(updates, np.int8).astype(bool),
        has_corrections=np.zeros(len(ids), dtype=bool),
        terms=Postings.build(_array(term_len), _array(term_ids)),
        authors=Postings.build(_array(author_len), _array(author_ids)),
        tags=Postings.build(_array(tag_len), _array(tag_ids)),
        names=names,
    )
    index.has_corrections[:] = index.rows_of_ids(_array(corrected))
    return index


def build_index(zone: str) -> ListingIndex:
    """Every published article's listing columns, in one statement."""
    with connection.cursor() as cursor:
        cursor.execute("WITH " + _rows_statement(), _params(zone))
        generation, *columns = cursor.fetchone()
    return _parsed(zone, generation, columns, Names(TermIndex.load, _names))


def apply_changes(index: ListingIndex) -> tuple[ListingIndex, bool]:
    """``index`` brought to the current generation, and whether the change log was
    used: the articles it names since the index's generation are re-read and spliced
    in; when the log cannot say (a break in the chain of numbers, an entry "anything
    may have changed"), every row is read, in the same statement.

    The log, the generation and the rows are read in one statement (one snapshot),
    so the result is exactly the rows of the generation it carries.
    """
    statement = f"""
        WITH log AS (
            SELECT generation, previous, article_ids, names FROM {CHANGE_TABLE}
             WHERE generation > %(since)s AND generation <= {generation_sql()}
        ),
        ok AS (
            SELECT coalesce(bool_and(previous IS NOT DISTINCT FROM prior
                                     AND article_ids IS NOT NULL), false)
                   AND coalesce(max(generation) = {generation_sql()}, false) AS chained
              FROM (SELECT generation, previous, article_ids,
                           lag(generation, 1, %(since)s::bigint) OVER (ORDER BY generation)
                               AS prior
                      FROM log) AS chain
        ),
        changed AS (SELECT DISTINCT unnest(article_ids) AS id FROM log),
        {
        _rows_statement(
            incremental=True,
            extra='''(SELECT chained FROM ok), (SELECT bool_or(names) FROM log),
                     (SELECT string_agg(id::text, ',') FROM changed),''',
        )
    }
    """
    with connection.cursor() as cursor:
        cursor.execute(statement, _params(index.timezone, since=index.generation))
        generation, chained, names, changed, *columns = cursor.fetchone()
    if not chained:
        return _parsed(index.timezone, generation, columns, Names(TermIndex.load, _names)), False
    fresh_names = Names(TermIndex.load, _names) if names else index.names
    fresh = _parsed(index.timezone, generation, columns, fresh_names)
    spliced = splice(index, _array(changed), fresh, generation=generation, names=fresh_names)
    return spliced, True


def _names(which):
    """{id: (slug, name, rank)} of the authors or tags, ranked by name as PostgreSQL sorts."""
    model = Author if which == "authors" else Tag
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, slug, name FROM {_q(model._meta.db_table)} ORDER BY name, id")
        return {pk: (slug, name, rank) for rank, (pk, slug, name) in enumerate(cursor)}
