"""``manage.py``: Django's command line, with one readable line when the database is down.

A command that cannot reach the database (the server stopped, a wrong
``DATABASE_URL``, an embedded server that will not start) prints

    The database is not reachable: <reason>. Is PostgreSQL running? (make db-status)

on stderr and exits with status 1, instead of a traceback.
"""

import sys

from django.core.management import execute_from_command_line


def unreachable_message(error: BaseException) -> str:
    lines = [line.strip() for line in str(error).strip().splitlines() if line.strip()]
    reason = lines[0] if lines else type(error).__name__
    reason = reason.removeprefix("connection failed: ").rstrip(".")
    return f"The database is not reachable: {reason}. Is PostgreSQL running? (make db-status)"


def execute(argv: list[str]) -> None:
    import psycopg
    from django.db import InterfaceError, OperationalError

    try:
        execute_from_command_line(argv)
    except (OperationalError, InterfaceError, psycopg.OperationalError) as error:
        sys.stderr.write(unreachable_message(error) + "\n")
        raise SystemExit(1) from None
