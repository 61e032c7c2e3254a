"""A database that stops: restarted (embedded) or a 503 until it returns, never a 500.

Destructive, so on a server of its own: a PostgreSQL in a temporary data
directory, migrated once for the module, driven by processes of their own
(tests/config/serve_through_a_stop.py serves the site over HTTP while the
server is stopped). The suite's own server is never touched.
"""

import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import psutil
import pytest

from config.database import postgres_bin

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("serve_through_a_stop.py")
POSTGRES_USER = "embedded_postgres" if os.geteuid() == 0 else None


def environment(pgdata, **extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "PYTEST_XDIST_WORKER"} and not key.startswith("DJANGO_")
    }
    env.update(DJANGO_SETTINGS_MODULE="config.settings.test", EMBEDDED_PGDATA=str(pgdata))
    env.update(extra)
    return env


def run(args, env):
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )


def pg_ctl(pgdata, *args):
    """The wheel's pg_ctl, as the user the embedded server runs as; the command line too."""
    command = [str(postgres_bin("pg_ctl")), "-D", str(pgdata), *args]
    if POSTGRES_USER:
        command = ["runuser", "-u", POSTGRES_USER, "--", *command]
    return command


def start_args(pgdata):
    return ["-w", "-o", '-h ""', "-o", f"-k {pgdata}", "-l", str(pgdata / "log"), "start"]


@pytest.fixture(scope="module")
def pgdata():
    """A migrated embedded server of this module's own, stopped between tests.

    Not under pytest's tmp_path: /tmp/pytest-of-<user> is shared by every pytest run
    of that user, and a run elsewhere prunes old base directories, which could remove
    this one while its server runs.
    """
    root = Path(tempfile.mkdtemp(prefix="sahel-recovery-"))
    pgdata = root / "pg"
    result = run(["manage.py", "migrate", "--verbosity", "0"], environment(pgdata))
    assert result.returncode == 0, result.stderr
    yield pgdata
    subprocess.run(pg_ctl(pgdata, "-m", "immediate", "stop"), capture_output=True)
    shutil.rmtree(root, ignore_errors=True)


def statuses(results):
    return {status for status, _retry_after in results}


@pytest.mark.parametrize("conn_max_age", ["0", "600"])
def test_the_embedded_server_stopped_mid_requests_is_started_again(pgdata, conn_max_age):
    result = run([str(SCRIPT), "embedded"], environment(pgdata, CONN_MAX_AGE=conn_max_age))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["stopped"] == ["running", True], result.stderr  # stopped in the middle
    assert statuses(report["during"]) <= {200, 503}  # never a 500
    assert all(retry == "30" for status, retry in report["during"] if status == 503)
    assert statuses(report["after"]) == {200}, result.stderr  # restarted, same process


def test_with_database_url_a_lost_server_gives_503_until_it_returns(pgdata):
    subprocess.run(pg_ctl(pgdata, *start_args(pgdata)), check=True, capture_output=True)
    env = environment(
        pgdata,
        CONN_MAX_AGE="600",
        DATABASE_URL=f"postgres://postgres@{str(pgdata).replace('/', '%2F')}/newsroom",
        STOP_COMMAND=shlex.join(pg_ctl(pgdata, "-w", "-m", "fast", "stop")),
        RESTART_COMMAND=shlex.join(pg_ctl(pgdata, *start_args(pgdata))),
    )
    try:
        result = run([str(SCRIPT), "url"], env)
    finally:
        subprocess.run(pg_ctl(pgdata, "-w", "-m", "fast", "stop"), capture_output=True)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert statuses(report["before"]) == {200}
    assert report["down"] and all(result == [503, "30"] for result in report["down"])
    assert statuses(report["after"]) == {200}  # the same process, reconnected


def test_a_command_says_in_one_line_that_the_database_is_unreachable(pgdata):
    socket_dir = pgdata.parent / "no-server-here"
    socket_dir.mkdir(exist_ok=True)
    url = f"postgres://postgres@{str(socket_dir).replace('/', '%2F')}/newsroom"
    result = run(["manage.py", "migrate"], environment(pgdata, DATABASE_URL=url))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("The database is not reachable: ")
    assert "No such file or directory" in result.stderr
    assert result.stderr.endswith("Is PostgreSQL running? (make db-status)\n")
    assert "Traceback" not in result.stderr


def test_an_embedded_server_that_cannot_start_is_reported_in_one_line(pgdata):
    assert not (pgdata / "postmaster.pid").exists()  # stopped, so the next command starts it
    config = pgdata / "postgresql.auto.conf"
    saved = config.read_text()
    config.write_text(saved + "shared_buffers = 'not a size'\n")
    try:
        result = run(["manage.py", "migrate"], environment(pgdata))
    finally:
        config.write_text(saved)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert f"the embedded PostgreSQL in {pgdata}: it did not start" in result.stderr
    assert "shared_buffers" in result.stderr  # the server's own last log line says why


def test_db_status_asks_the_server(pgdata):
    def status():
        return run(["-m", "config.database", "status"], environment(pgdata))

    stopped = status()
    assert (stopped.returncode, stopped.stdout.split(": ")[-1]) == (3, "stopped\n")
    subprocess.run(pg_ctl(pgdata, *start_args(pgdata)), check=True, capture_output=True)
    try:
        running = status()
        assert running.returncode == 0
        assert "running (pid" in running.stdout and "PostgreSQL 18" in running.stdout
        pid_file = (pgdata / "postmaster.pid").read_text()
        postmaster = psutil.Process(int(pid_file.split()[0]))
        subprocess.run(pg_ctl(pgdata, "-m", "immediate", "stop"), check=True, capture_output=True)
        postmaster.wait(timeout=30)  # pg_ctl returns once the file is gone, maybe before
        # A crash (kill -9) leaves postmaster.pid behind, naming a process that is gone.
        (pgdata / "postmaster.pid").write_text(pid_file)
        stale = status()
        assert stale.returncode == 3
        assert "stale pid file" in stale.stdout
    finally:
        subprocess.run(pg_ctl(pgdata, "-m", "immediate", "stop"), capture_output=True)
        (pgdata / "postmaster.pid").unlink(missing_ok=True)
