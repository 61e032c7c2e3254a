"""The taxonomy's SQL, one named file per trigger function, read by migrations.

Each ``.sql`` file holds the *current* definition of its functions and their
triggers (``CREATE OR REPLACE FUNCTION``, ``DROP TRIGGER IF EXISTS`` then
``CREATE TRIGGER``), so running it again is harmless. The file is the single
truth: to change a trigger, edit its ``.sql`` file and add a migration that runs
it again (``migrations.RunSQL(sql("alias_unique.sql", version=...), ...)``, the version
as ``version_of`` gives it);
never edit a landed migration. tests/taxonomy/test_sql_files.py checks that the
database's definitions are exactly the files'.
"""

import hashlib
from pathlib import Path

SQL_DIR = Path(__file__).resolve().parent


def sql(name: str, *, version: str) -> str:
    """The text of ``taxonomy/sql/<name>``.

    ``version`` names the file's content the migration was written for (``version_of``):
    it is not checked here, since a fresh database runs every migration with today's
    file; a test checks that some migration names the file's current version, so an
    edit without a migration fails the suite.
    """
    return (SQL_DIR / name).read_text(encoding="utf-8")


def version_of(name: str) -> str:
    """The first 12 hex digits of the file's SHA-256."""
    return hashlib.sha256((SQL_DIR / name).read_bytes()).hexdigest()[:12]
