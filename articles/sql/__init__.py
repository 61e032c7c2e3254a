"""The articles' SQL, one named file per group of trigger functions, read by migrations.

- ``article_search.sql``: the article's derived columns (search_vector, term_ids,
  author_ids, tag_ids, updated_at) and the triggers that keep them;
- ``search_words.sql``: the words "Did you mean" may suggest;
- ``addresses.sql``: the addresses articles leave behind (articles_formerslug).
- ``listing_generation.sql``: the listing generation, the number every write to what
  the listings show moves, and its change log;
- ``listing_media.sql``: the same number moved by the images and documents articles show.

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

from pathlib import Path

from taxonomy.sql import SqlFiles

SQL_DIR = Path(__file__).resolve().parent
_files = SqlFiles(SQL_DIR)
sql = _files.sql
version_of = _files.version_of
