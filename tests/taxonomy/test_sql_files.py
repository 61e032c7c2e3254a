"""The database's taxonomy triggers are exactly what taxonomy/sql/ defines."""

import pytest

from taxonomy.models import Term
from taxonomy.sql import SQL_DIR, version_of
from tests.sql_files import (
    database_functions,
    database_triggers,
    file_functions,
    file_triggers,
    migrations_naming,
)

pytestmark = pytest.mark.django_db


def test_the_database_holds_exactly_the_functions_of_the_sql_files():
    text = "".join(path.read_text() for path in sorted(SQL_DIR.glob("*.sql")))
    assert file_functions(text)  # the parser found them
    assert database_functions("taxonomy_") == file_functions(text)


def test_the_database_holds_exactly_the_triggers_of_the_sql_files():
    text = (SQL_DIR / "alias_unique.sql").read_text()
    on_terms = database_triggers([Term._meta.db_table])
    assert file_triggers(text)
    assert {name: on_terms[name] for name in file_triggers(text)} == file_triggers(text)


@pytest.mark.parametrize("path", sorted(SQL_DIR.glob("*.sql")), ids=lambda p: p.name)
def test_every_sql_file_as_it_is_now_is_run_by_a_migration(path):
    """An edited file needs a migration that runs it again (taxonomy/sql/__init__.py)."""
    assert migrations_naming(SQL_DIR.parent, path.name, version_of(path.name))
