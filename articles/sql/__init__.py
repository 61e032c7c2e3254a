"""The articles' SQL, one named file per group of trigger functions, read by migrations.

- ``article_search.sql``: the article's derived columns (search_vector, term_ids,
  author_ids, tag_ids, updated_at) and the triggers that keep them;
- ``search_words.sql``: the words "Did you mean" may suggest.

Each file holds the *current* definition of its functions and triggers
(``CREATE OR REPLACE FUNCTION``, ``DROP TRIGGER IF EXISTS`` then
``CREATE TRIGGER``), so running it again is harmless. The file is the single
truth: to change a trigger, edit its ``.sql`` file and add a migration that runs
it again::

    migrations.RunSQL(sql("article_search.sql", version="<version_of(name)>"), ...)

Never edit a landed migration: the older ones (0002, 0004) keep the earlier
definitions as history. tests/articles/test_derived_columns.py checks that the
database's definitions are exactly the files'.
"""

import hashlib
from pathlib import Path

SQL_DIR = Path(__file__).resolve().parent


def sql(name: str, *, version: str) -> str:
    """The text of ``articles/sql/<name>``.

    ``version`` names the file's content the migration was written for (``version_of``):
    it is not checked here, since a fresh database runs every migration with today's
    file; a test checks that some migration names the file's current version, so an
    edit without a migration fails the suite.
    """
    return (SQL_DIR / name).read_text(encoding="utf-8")


def version_of(name: str) -> str:
    """The first 12 hex digits of the file's SHA-256."""
    return hashlib.sha256((SQL_DIR / name).read_bytes()).hexdigest()[:12]
