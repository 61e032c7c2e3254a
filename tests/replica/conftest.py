"""A streaming replica of the test database's server, for the routing tests.

Session-scoped (one standby per pytest-xdist worker, made once) and registered as the
database alias ``streaming_replica``, a mirror of ``default`` for the test runner (no
test database of its own, never flushed). Each test gets it running and replaying,
as ``settings.DATABASE_REPLICAS``.
"""

import os
from pathlib import Path

import pytest
from django.db import connections

from config import replicas
from config.database import BASE_DIR, embedded_address

from .standby import Standby

ALIAS = "streaming_replica"


@pytest.fixture(scope="session")
def streaming_replica(django_db_setup):
    if os.environ.get("DATABASE_URL", "").strip():
        pytest.skip(
            "the streaming-replica tests make a standby with the embedded PostgreSQL 18's own"
            " binaries, which cannot copy nor run another server (DATABASE_URL is set; these"
            " tests run on the embedded server, DATABASE_URL unset)"
        )
    host, port = embedded_address()
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    standby = Standby(
        datadir=Path(BASE_DIR, ".data", f"replica-{worker}"), primary_host=host, primary_port=port
    )
    standby.create()
    primary = connections["default"].settings_dict
    connections.settings[ALIAS] = {
        **primary,
        "ENGINE": "django.db.backends.postgresql",  # not the embedded backend: our address
        "HOST": standby.host,
        "PORT": standby.port,
        "OPTIONS": {"connect_timeout": 2},
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": True,
        "TEST": {**primary["TEST"], "MIRROR": "default"},
    }
    yield standby
    connections[ALIAS].close()
    del connections[ALIAS]
    del connections.settings[ALIAS]
    standby.remove()


@pytest.fixture
def replica(streaming_replica, settings):
    """The standby, running and replaying, as the only replica; its status checked afresh."""
    standby = streaming_replica
    if not standby.is_running():
        standby.start()
    standby.resume()
    settings.DATABASE_REPLICAS = [ALIAS]
    settings.DATABASE_REPLICA_MAX_LAG_SECONDS = 3600
    settings.DATABASE_REPLICA_CHECK_SECONDS = 0
    replicas.forget_statuses()
    yield standby
    connections[ALIAS].close()
    replicas.forget_statuses()
    if not standby.is_running():
        standby.start()
    standby.resume()
