"""Writing a batch of synthetic articles: COPY, on the bulk path or the per-row path.

Both paths COPY the related rows (terms, updates, authors, tags) first, then the
articles, in one transaction per batch.

- The per-row path COPYs the articles into their table with every trigger on:
  the row trigger derives each article's search vector, term ids (with their
  broader terms), author ids, tag ids and updated date, and a statement trigger
  adds the new words to the search word table. About 3.2 ms of CPU an article.
- The bulk path switches the triggers off for its own transaction only
  (``session_replication_role = replica``, set local: other sessions keep theirs,
  foreign keys are not checked, which the generator's consistent rows allow; it
  needs a superuser, as the embedded server's is), COPYs the articles into a
  temporary table, and inserts them with the derived columns computed by the
  same SQL function the row trigger calls (``articles_article_derived()``,
  articles/sql/article_search.sql), their search table rows written in the same
  statement (as the row trigger of search_entries.sql would), and their words
  added by the same function the statement trigger calls
  (``articles_add_search_words()``, search_words.sql), over the same texts in
  the same batches: the rows are the same, and a test compares them column by
  column. Each article is written once; about 2.4 ms
  of CPU an article (docs/benchmarks.md).
"""

import re

from django.db import connection, models

from ...models import Article, ArticleAuthor, SearchEntry, TaggedArticle, Update
from .rows import make_article

# Columns the database derives: the bulk path computes them in SQL.
DERIVED = ["search_vector", "term_ids", "author_ids", "tag_ids", "updated_at"]
STAGE = "synthetic_article_stage"


def can_switch_triggers_off() -> bool:
    """Whether this connection may set session_replication_role (a superuser's)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
    return bool(row and row[0])


def article_fields():
    """Article columns to COPY: every concrete field but generated ones and DB defaults."""
    fields = []
    for field in Article._meta.concrete_fields:
        if isinstance(field, models.GeneratedField) or field.has_db_default():
            continue
        fields.append(field)
    return fields


def reserve_ids(model, n: int) -> list[int]:
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [connection.ops.quote_name(table), column, n],
        )
        return [row[0] for row in cursor.fetchall()]


def _columns(model, attnames) -> str:
    meta = model._meta
    return ", ".join(connection.ops.quote_name(meta.get_field(a).column) for a in attnames)


def _copy(table: str, columns: str, rows) -> None:
    sql = f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def insert_batch(context, indexes: list[int], *, is_per_row: bool) -> None:
    """Articles ``indexes`` of the run and their related rows; call inside a transaction."""
    ids = reserve_ids(Article, len(indexes))
    fields = article_fields()
    rows = {"terms": [], "authors": [], "tags": [], "updates": []}
    articles = []
    for pk, index in zip(ids, indexes, strict=True):
        article = make_article(context, pk, index, rows)
        articles.append(
            [article[f.attname] if f.attname in article else f.get_default() for f in fields]
        )
    if not is_per_row:
        with connection.cursor() as cursor:
            # Set back below: inside an outer transaction (a test's), a SET LOCAL
            # would outlive this batch's savepoint.
            cursor.execute(
                "SELECT current_setting('session_replication_role'), "
                "set_config('session_replication_role', 'replica', true)"
            )
            role_before = cursor.fetchone()[0]
    # Rows that point at the articles go in first (foreign keys are checked at
    # commit): the article's own insert then finds its terms and updates and
    # derives its columns once, not once per table.
    terms = Article.terms.through
    _copy(terms._meta.db_table, _columns(terms, ["article", "term"]), rows["terms"])
    update_columns = ["article", "kind", "published_at", "title", "body", "order"]
    _copy(Update._meta.db_table, _columns(Update, update_columns), rows["updates"])
    author_columns = _columns(ArticleAuthor, ["article", "author", "position"])
    _copy(ArticleAuthor._meta.db_table, author_columns, rows["authors"])
    tag_columns = _columns(TaggedArticle, ["content_object", "tag"])
    _copy(TaggedArticle._meta.db_table, tag_columns, rows["tags"])
    if is_per_row:
        _copy(Article._meta.db_table, _columns(Article, [f.name for f in fields]), articles)
    else:
        _insert_derived(fields, articles)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('session_replication_role', %s, true)", [role_before]
            )
            # The listing index's generation is bumped by triggers, which were off.
            cursor.execute("SELECT articles_listing_changed()")


def _insert_derived(fields, articles) -> None:
    table = connection.ops.quote_name(Article._meta.db_table)
    written = [f for f in fields if f.name not in DERIVED]
    positions = [fields.index(f) for f in written]
    columns = _columns(Article, [f.name for f in written])
    derived = _columns(Article, DERIVED)
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {STAGE} ON COMMIT DROP AS "
            f"SELECT {columns} FROM {table} WITH NO DATA"
        )
        _copy(STAGE, columns, ([row[i] for i in positions] for row in articles))
        staged = ", ".join(f"s.{connection.ops.quote_name(f.column)}" for f in written)
        cursor.execute(
            f"INSERT INTO {table} ({columns}, {derived}) "
            f"SELECT {staged}, d.search_vector, d.term_ids, d.author_ids, d.tag_ids, "
            f"d.updated_at FROM {STAGE} s CROSS JOIN LATERAL "
            "articles_article_derived(s.id, s.title, s.standfirst, s.body) d"
        )
        # The search table's rows too, as its trigger would write them
        # (articles/sql/search_entries.sql), from the rows as inserted.
        cursor.execute(
            f"INSERT INTO {connection.ops.quote_name(SearchEntry._meta.db_table)} "
            f"(article_id, search_vector) SELECT a.id, a.search_vector FROM {table} a "
            f"WHERE a.id IN (SELECT s.id FROM {STAGE} s) AND a.status = %s "
            "AND a.search_vector IS NOT NULL",
            [Article.Status.PUBLISHED],
        )
        cursor.execute(f"DROP TABLE {STAGE}")
        # The words the statement trigger articles_article_words_added would add to
        # the search word table, by the same function (search_words.sql), from the
        # same text, cut into its distinct pieces (pieces()).
        at = [[f.name for f in fields].index(name) for name in TEXT]
        texts = [[row[i] for i in at] for row in articles]
        cursor.execute("SELECT articles_add_search_words(%s)", [pieces(texts)])


# The article's text the search words come from, in the trigger's order.
TEXT = ["title", "standfirst", "body"]
_CUT = re.compile(r"<[^>]*>|\s+")


def pieces(texts) -> list[str]:
    """The distinct pieces of the texts ``title || ' ' || standfirst || ' ' || body``,
    cut where articles_words() would see a separator anyway.

    articles_words() replaces each HTML tag by a space, then splits at whitespace
    (and punctuation): a word never spans a tag or a space, so the words of the
    pieces are exactly the words of the text. Cut into pieces, a batch's text is
    mostly the same few thousand words again and again: the function reads a few
    percent of the characters. A title or standfirst
    with a ``<`` or ``>`` could open a "tag" that ends in the body: such a text is
    kept whole.
    """
    found = set()
    for title, standfirst, body in texts:
        head = f"{title or ''} {standfirst or ''}"
        if "<" in head or ">" in head:
            found.add(f"{head} {body or ''}")
        else:
            found.update(_CUT.split(f"{head} {body or ''}"))
    found.discard("")
    return sorted(found)
