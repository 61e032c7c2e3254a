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


class SqlFiles:
    """The ``.sql`` files of one folder, for migrations (``sql``) and tests (``version_of``).

    Generic on purpose: ``articles.sql`` reads its own folder with it.
    """

    def __init__(self, directory: Path):
        self.directory = directory

    def sql(self, name: str, *, version: str) -> str:
        """The text of ``<directory>/<name>``.

        ``version`` names the file's content the migration was written for
        (``version_of``): it is not checked here, since a fresh database runs every
        migration with today's file; a test checks that some migration names the
        file's current version, so an edit without a migration fails the suite.
        """
        return (self.directory / name).read_text(encoding="utf-8")

    def version_of(self, name: str) -> str:
        """The first 12 hex digits of the file's SHA-256."""
        return hashlib.sha256((self.directory / name).read_bytes()).hexdigest()[:12]


SQL_DIR = Path(__file__).resolve().parent
_files = SqlFiles(SQL_DIR)
sql = _files.sql
version_of = _files.version_of
