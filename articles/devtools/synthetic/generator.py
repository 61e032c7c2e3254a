"""Generate realistic synthetic articles, fast, for load tests and the benchmark.

Rows go in with PostgreSQL's COPY, in batches of a few thousand articles per
transaction, into Django's own tables (``load.py``): by default on the bulk path,
which switches the per-row triggers off for its own transaction and computes
what they derive with the same SQL functions, set-based; with ``is_per_row``,
through the triggers, as any other insert. The rows are the same either way
(tests/articles/devtools/test_generate_bulk.py compares them).
``Article.save()`` is bypassed; what it does is done here: bodies are built from
the same allow-listed markup that ``sanitize_html`` keeps.

Every article is a pure function of ``(seed, index)`` and of the vocabulary
(``rows.py``), so a run is reproducible; each carries ``ARTICLE_MARKER`` in its
internal note, which lets a later run with the same seed add only what is missing
(the benchmark calls this on every run; it is a no-op once the data is there).
"""

import multiprocessing
import random
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import datetime

from django.core.management import call_command
from django.db import OperationalError, connection, connections, transaction
from django.utils import timezone
from psycopg.errors import DeadlockDetected

from taxonomy.models import Term

from ...models import Article, ArticleAuthor, TaggedArticle, Update
from ...pagecache.pages import publication_changed
from .load import can_switch_triggers_off, insert_batch
from .rows import ARTICLE_MARKER, Context
from .terms import synthetic_authors_ensure, synthetic_tags_ensure, synthetic_terms_ensure

# Past this, a typing slip (an extra zero), not a benchmark: refused before anything runs.
MAX_COUNT = 5_000_000


class GenerationRefused(ValueError):
    """The arguments ask for something the generator will not do (the message says why)."""


@dataclass
class GenerationResult:
    created: int
    existing: int
    terms_created: int
    tags_created: int
    authors_created: int
    seconds: float


def synthetic_articles_generate(
    *,
    count: int,
    seed: int = 1,
    batch_size: int = 2000,
    jobs: int = 1,
    is_per_row: bool = False,
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> GenerationResult:
    """Make sure articles 0..count-1 of this seed exist; add only the missing ones.

    ``jobs`` > 1 inserts batches from that many processes (the database, not
    Python, takes most of the time). ``is_per_row`` inserts through the row
    triggers instead of the bulk path (slower; the same rows). ``progress`` is
    called with (articles there, articles wanted) once before the first batch and
    after each. Raises GenerationRefused, before touching the database, for a
    count past MAX_COUNT or a bulk load the database user may not do.
    """
    if not 0 <= count <= MAX_COUNT:
        raise GenerationRefused(
            f"--count {count:,} is not between 0 and {MAX_COUNT:,} (an extra zero?)."
        )
    if batch_size < 1 or jobs < 1:
        raise GenerationRefused("--batch-size and --jobs must be at least 1.")
    if not is_per_row and not can_switch_triggers_off():
        raise GenerationRefused(
            "The bulk path needs a superuser (it sets session_replication_role); "
            "use --per-row with this database user."
        )
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
    context = Context(marker=marker, seed=seed, now=now)
    done = count - len(missing)
    if progress:
        progress(done, count)
    # The first batch alone: it adds most new words to the search tables, so that
    # parallel batches rarely wait on each other's uncommitted rows.
    for batch in batches[:1]:
        done += _insert_batch_with_retry(context, batch, is_per_row)
        if progress:
            progress(done, count)
    for inserted in _run_parallel(context, batches[1:], jobs, is_per_row):
        done += inserted
        if progress:
            progress(done, count)
    if missing:
        with connection.cursor() as cursor:
            # Fresh planner statistics: the benchmark runs right after a load.
            for model in (Article, Article.terms.through, ArticleAuthor, TaggedArticle, Update):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        # COPY sends no signals: tell cached pages that the articles changed.
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


def _insert_batch_with_retry(context, indexes, is_per_row, attempts: int = 8) -> int:
    for attempt in range(attempts):
        try:
            with transaction.atomic():
                insert_batch(context, indexes, is_per_row=is_per_row)
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


def _worker(context, indexes, is_per_row) -> int:
    try:
        return _insert_batch_with_retry(context, indexes, is_per_row)
    finally:
        connections.close_all()


def _run_parallel(context, batches, jobs, is_per_row):
    if jobs <= 1 or len(batches) <= 1:
        for batch in batches:
            yield _insert_batch_with_retry(context, batch, is_per_row)
        return
    connections.close_all()  # children must not share the parent's connection
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"))
    with pool:
        futures = [pool.submit(_worker, context, batch, is_per_row) for batch in batches]
        for future in as_completed(futures):
            yield future.result()
