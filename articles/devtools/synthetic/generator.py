"""Generate realistic synthetic articles, fast, for load tests and the benchmark.

Rows go in with PostgreSQL's COPY, in batches of a few thousand articles per
transaction, into Django's own tables: database triggers fire as for any
insert (COPY fires row triggers), so anything the schema derives (search
vectors, denormalised term arrays, ``updated_at``) is filled in as usual.
``Article.save()`` is bypassed; what it does is done here: bodies are built from
the same allow-listed markup that ``sanitize_html`` keeps.

Every article is a pure function of ``(seed, index)`` and of the vocabulary, so
a run is reproducible; each carries ``ARTICLE_MARKER`` in its internal note,
which lets a later run with the same seed add only what is missing (the
benchmark calls this on every run; it is a no-op once the data is there).
"""

import multiprocessing
import random
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import accumulate

from django.core.management import call_command
from django.db import OperationalError, connection, connections, models, transaction
from django.utils import timezone
from django.utils.text import slugify
from psycopg.errors import DeadlockDetected
from taggit.models import Tag

from taxonomy.models import Term, Vocabulary

from ...models import Article, ArticleAuthor, Author, TaggedArticle, Update
from . import text
from .terms import synthetic_authors_ensure, synthetic_tags_ensure, synthetic_terms_ensure

ARTICLE_MARKER = "[synthetic seed={seed}]"
YEARS = 12

# How many terms of each vocabulary an article gets: (choices, weights).
TERMS_PER_ARTICLE = {
    "places": ([1, 2, 3], [50, 35, 15]),
    "organisations": ([0, 1, 2, 3], [20, 45, 25, 10]),
    "people": ([0, 1, 2], [45, 40, 15]),
    "topics": ([1, 2, 3], [50, 40, 10]),
    "operations-and-programmes": ([0, 1, 2], [60, 32, 8]),
}
TAGS_PER_ARTICLE = ([0, 1, 2, 3, 4, 5, 6], [15, 20, 25, 20, 10, 6, 4])
AUTHORS_PER_ARTICLE = ([0, 1, 2, 3], [20, 60, 15, 5])
# Status mix: (status, share); "scheduled" is published with a future date.
STATUS_MIX = [
    ("draft", 0.02),
    ("review", 0.01),
    ("withdrawn", 0.01),
    ("scheduled", 0.01),
    ("published", 0.95),
]


@dataclass
class GenerationResult:
    created: int
    existing: int
    terms_created: int
    tags_created: int
    authors_created: int
    seconds: float


class _Zipf:
    """Draw ids with probability proportional to 1 / rank**s (rank 1 = first id)."""

    def __init__(self, items, *, s: float):
        self.items = list(items)
        self.cum_weights = list(accumulate(1 / (rank**s) for rank in range(1, len(items) + 1)))

    def draw(self, rng, k: int) -> list:
        if k <= 0 or not self.items:
            return []
        picked = rng.choices(self.items, cum_weights=self.cum_weights, k=k)
        return list(dict.fromkeys(picked))  # distinct, in draw order


def synthetic_articles_generate(
    *,
    count: int,
    seed: int = 1,
    batch_size: int = 2000,
    jobs: int = 1,
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> GenerationResult:
    """Make sure articles 0..count-1 of this seed exist; add only the missing ones.

    ``jobs`` > 1 inserts batches from that many processes (the database triggers,
    not Python, take most of the time).
    """
    started = time.monotonic()
    now = now or timezone.now()
    if not Term.objects.exists():
        call_command("loaddata", "seed_documents", verbosity=0)
    terms_created = synthetic_terms_ensure()
    authors_created = synthetic_authors_ensure()
    tags_created = synthetic_tags_ensure()

    marker = ARTICLE_MARKER.format(seed=seed)
    existing = _existing_indexes(marker)
    missing = [i for i in range(count) if i not in existing]
    batches = [missing[i : i + batch_size] for i in range(0, len(missing), batch_size)]
    context = _Context(marker=marker, seed=seed, now=now)
    done = count - len(missing)
    # The first batch alone: it adds most new words to the search tables, so that
    # parallel batches rarely wait on each other's uncommitted rows.
    for batch in batches[:1]:
        done += _insert_batch_with_retry(context, batch)
        if progress:
            progress(done, count)
    for inserted in _run_parallel(context, batches[1:], jobs):
        done += inserted
        if progress:
            progress(done, count)
    if missing:
        with connection.cursor() as cursor:
            # Fresh planner statistics: the benchmark runs right after a load.
            for model in (Article, Article.terms.through, ArticleAuthor, TaggedArticle, Update):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        # COPY sends no signals: tell cached pages that the articles changed.
        from ...pagecache.pages import publication_changed

        publication_changed()
    return GenerationResult(
        created=len(missing),
        existing=count - len(missing),
        terms_created=terms_created,
        tags_created=tags_created,
        authors_created=authors_created,
        seconds=time.monotonic() - started,
    )


def _existing_indexes(marker: str) -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT substring(internal_note from '#([0-9]+)')::int "
            f"FROM {connection.ops.quote_name(Article._meta.db_table)} "
            "WHERE internal_note LIKE %s",
            [marker.replace("[", "\\[").replace("_", "\\_") + " #%"],
        )
        return {row[0] for row in cursor.fetchall()}


def _insert_batch_with_retry(context, indexes, attempts: int = 8) -> int:
    for attempt in range(attempts):
        try:
            with transaction.atomic():
                _insert_batch(context, indexes)
            return len(indexes)
        except (OperationalError, DeadlockDetected) as error:
            # Two batches adding the same new search words in opposite orders: one of
            # them is rolled back by PostgreSQL; try it again a moment later.
            deadlock = isinstance(error, DeadlockDetected) or isinstance(
                error.__cause__, DeadlockDetected
            )
            if not deadlock or attempt == attempts - 1:
                raise
            time.sleep(random.uniform(0.1, 1.0))
    return 0


def _worker(context, indexes) -> int:
    try:
        return _insert_batch_with_retry(context, indexes)
    finally:
        connections.close_all()


def _run_parallel(context, batches, jobs):
    if jobs <= 1 or len(batches) <= 1:
        for batch in batches:
            yield _insert_batch_with_retry(context, batch)
        return
    connections.close_all()  # children must not share the parent's connection
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"))
    with pool:
        futures = [pool.submit(_worker, context, batch) for batch in batches]
        for future in as_completed(futures):
            yield future.result()


class _Context:
    """What every article of a run draws from: the ranked vocabularies, authors and tags."""

    def __init__(self, *, marker: str, seed: int, now: datetime):
        self.marker = marker
        self.seed = seed
        self.now = now
        self.terms = {}
        self.names = {}
        for vocabulary in Vocabulary.objects.all():
            ranked = _ranked_terms(vocabulary)
            if ranked:
                self.terms[vocabulary.slug] = _Zipf([t.pk for t in ranked], s=1.05)
                self.names[vocabulary.slug] = {t.pk: t.name for t in ranked}
        # Template slots read these keys; any missing vocabulary falls back to places.
        self.slot_vocabularies = {
            "places": "places",
            "organisations": "organisations",
            "people": "people",
            "topics": "topics",
            "operations": "operations-and-programmes",
        }
        fallback = next(iter(self.names))
        for slot, vocabulary in self.slot_vocabularies.items():
            if vocabulary not in self.names:
                self.slot_vocabularies[slot] = fallback
        self.authors = _Zipf(
            list(Author.objects.order_by("slug").values_list("pk", flat=True)), s=0.8
        )
        tag_ids = dict(Tag.objects.values_list("slug", "pk"))
        self.tags = _Zipf([tag_ids[slug] for slug in sorted(tag_ids)], s=0.9)
        # Shuffle tag popularity deterministically (alphabetical rank is not realistic).
        random.Random(7).shuffle(self.tags.items)


def _ranked_terms(vocabulary) -> list:
    """Popularity order: the seed terms the seed articles use most, then the rest, fixed."""
    terms = list(
        Term.objects.filter(vocabulary=vocabulary)
        .annotate(uses=models.Count("articles"))
        .order_by("-uses", "slug")
    )
    used = [t for t in terms if t.uses]
    rest = [t for t in terms if not t.uses]
    random.Random(vocabulary.slug).shuffle(rest)
    return used + rest


def _article_fields():
    """Article columns to COPY: every concrete field but generated ones and DB defaults."""
    fields = []
    for field in Article._meta.concrete_fields:
        if isinstance(field, models.GeneratedField) or field.has_db_default():
            continue
        fields.append(field)
    return fields


def _reserve_ids(model, n: int) -> list[int]:
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [connection.ops.quote_name(table), column, n],
        )
        return [row[0] for row in cursor.fetchall()]


def _copy(model, attnames: list[str], rows) -> None:
    meta = model._meta
    columns = ", ".join(connection.ops.quote_name(meta.get_field(a).column) for a in attnames)
    sql = f"COPY {connection.ops.quote_name(meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def _insert_batch(context: _Context, indexes: list[int]) -> None:
    ids = _reserve_ids(Article, len(indexes))
    fields = _article_fields()
    articles, term_rows, author_rows, tag_rows, update_rows = [], [], [], [], []
    for pk, index in zip(ids, indexes, strict=True):
        article = _make_article(context, pk, index, term_rows, author_rows, tag_rows, update_rows)
        articles.append(
            [article[f.attname] if f.attname in article else f.get_default() for f in fields]
        )
    # Rows that point at the articles go in first (foreign keys are checked at
    # commit): the article's own insert trigger then finds its terms and updates
    # and derives its search vector and term ids once, not once per table.
    _copy(Article.terms.through, ["article", "term"], term_rows)
    _copy(Update, ["article", "kind", "published_at", "title", "body", "order"], update_rows)
    _copy(ArticleAuthor, ["article", "author", "position"], author_rows)
    _copy(TaggedArticle, ["content_object", "tag"], tag_rows)
    _copy(Article, [f.name for f in fields], articles)


def _pick(rng, spec) -> int:
    choices, weights = spec
    return rng.choices(choices, weights=weights)[0]


def _status(rng) -> str:
    roll = rng.random()
    for status, share in STATUS_MIX:
        if roll < share:
            return status
        roll -= share
    return "published"


def _make_article(context, pk, index, term_rows, author_rows, tag_rows, update_rows) -> dict:
    rng = random.Random(context.seed * 1_000_003 + index)
    now = context.now

    chosen = {}
    for vocabulary, zipf in context.terms.items():
        spec = TERMS_PER_ARTICLE.get(vocabulary, ([0, 1], [70, 30]))
        chosen[vocabulary] = zipf.draw(rng, _pick(rng, spec))
    if not any(chosen.values()):  # every article is classified
        first = next(iter(context.terms))
        chosen[first] = context.terms[first].draw(rng, 1)
    names = {}
    for slot, vocabulary in context.slot_vocabularies.items():
        ids = chosen.get(vocabulary) or context.terms[vocabulary].draw(rng, 1)
        names[slot] = [context.names[vocabulary][i] for i in ids]

    status = _status(rng)
    age = timedelta(days=365.25 * YEARS) * (rng.random() ** 1.3)  # denser in recent years
    published_at = now - age - timedelta(seconds=rng.randrange(60, 86400))
    created_at = published_at - timedelta(hours=rng.uniform(1, 120))
    if status == "scheduled":
        published_at = now + timedelta(hours=rng.uniform(1, 24 * 30))
        created_at = now - timedelta(hours=rng.uniform(1, 48))
        status = "published"
    elif status in ("draft", "review"):
        published_at = None
        created_at = now - timedelta(days=rng.uniform(0, 60))

    updated_at = None
    if status == "published" and published_at <= now:
        updated_at = _make_updates(rng, pk, published_at, now, names, update_rows)
    modified_at = max(d for d in (created_at, published_at, updated_at) if d and d <= now)

    title = text.title(rng, names)
    for vocabulary_ids in chosen.values():
        term_rows.extend((pk, term_id) for term_id in vocabulary_ids)
    author_ids = context.authors.draw(rng, _pick(rng, AUTHORS_PER_ARTICLE))
    author_rows.extend((pk, author_id, pos) for pos, author_id in enumerate(author_ids))
    tag_rows.extend(
        (pk, tag_id) for tag_id in context.tags.draw(rng, _pick(rng, TAGS_PER_ARTICLE))
    )
    has_image = rng.random() < 0.5
    return {
        "id": pk,
        "title": title,
        "slug": f"{slugify(title)[:200].strip('-')}-{context.seed}-{index}",
        "standfirst": text.standfirst(rng, names),
        "body": text.body(rng, names, target_words=max(350, min(1100, int(rng.gauss(700, 120))))),
        "lead_image_caption": (
            f"{names['places'][0]}, {published_at or now:%B %Y}." if has_image else ""
        ),
        "lead_image_credit": rng.choice(text.words.CREDITS) if has_image else "",
        "status": status,
        "published_at": published_at,
        "updated_at": updated_at,
        "internal_note": f"{context.marker} #{index}: made by manage.py generate_articles.",
        "created_at": created_at,
        "modified_at": modified_at,
        "created_by_id": None,
        "modified_by_id": None,
    }


def _make_updates(rng, pk, published_at, now, names, update_rows):
    """Some updates and editor's notes (8%) and corrections (3%); returns the latest date."""
    kinds = []
    if rng.random() < 0.08:
        kinds += rng.choices(["update", "note"], weights=[85, 15], k=rng.randrange(1, 3))
    if rng.random() < 0.03:
        kinds.append("correction")
    latest = None
    when = published_at
    for order, kind in enumerate(kinds, start=1):
        when = min(now, when + timedelta(hours=rng.uniform(2, 24 * 20)))
        title = "Correction" if kind == "correction" else ""
        update_rows.append((pk, kind, when, title, text.update_body(rng, names, kind=kind), order))
        latest = when
    return latest
