"""Read what a ``.sql`` file defines and what the database holds, to compare them."""

import re

from django.db import connection

FUNCTION = re.compile(r"CREATE OR REPLACE FUNCTION (\w+)\(.*?\).*?AS \$\$(.*?)\$\$;", re.S)
TRIGGER = re.compile(r"^CREATE (?:CONSTRAINT )?TRIGGER (\w+)\s.*?;", re.S | re.M)


def _normalised(statement):
    return " ".join(statement.rstrip(";").replace("public.", "").split())


def file_functions(text):
    """{name: body} of every function the file defines."""
    return dict(FUNCTION.findall(text))


def file_triggers(text):
    """{name: definition} of every trigger the file creates, whitespace normalised."""
    return {m.group(1): _normalised(m.group(0)) for m in TRIGGER.finditer(text)}


def database_functions(prefix):
    """{name: body} of the functions in the public schema whose name starts with prefix."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT proname, prosrc FROM pg_proc"
            " WHERE pronamespace = 'public'::regnamespace AND starts_with(proname, %s)",
            [prefix],
        )
        return dict(cursor.fetchall())


def database_triggers(tables):
    """{name: definition} of the user triggers on these tables, as PostgreSQL prints them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger"
            " WHERE NOT tgisinternal AND tgrelid::regclass::text = ANY(%s)",
            [list(tables)],
        )
        return {name: _normalised(definition) for name, definition in cursor.fetchall()}


def migrations_naming(app_dir, name, version):
    """The migrations of the app (a directory) that run ``name`` at ``version``."""
    call = f'sql("{name}", version="{version}")'
    return [
        path.name
        for path in sorted((app_dir / "migrations").glob("*.py"))
        if call in path.read_text()
    ]
