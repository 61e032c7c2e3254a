"""Read replicas: which database a read goes to, and when a replica may serve.

The contract (``DATABASE_REPLICA_URLS`` set; see docs/operations.md):

- The primary (``default``) serves every write, every transaction (a read inside an
  atomic block, ``select_for_update``), migrations, management commands and every read
  made outside a request that opted in. Nothing reads a replica by accident.
- A request opts in (``config.middleware.ReplicaReadsMiddleware``) only when it is a
  GET, HEAD or OPTIONS from a visitor who is not logged in and who has not written in
  the last ``DATABASE_REPLICA_PIN_SECONDS`` (a cookie set by the response to a write):
  so an editor always reads the primary, and so does anyone right after a write of
  theirs (read-after-write).
- Such a request reads from one replica, chosen at random among the usable ones on its
  first read and kept for the whole request, so that a page is one consistent view.
- A replica is usable when it answers (``connect_timeout``: ``DATABASE_REPLICA_CONNECT_TIMEOUT``)
  and lags at most ``DATABASE_REPLICA_MAX_LAG_SECONDS`` behind what it has received.
  One query tells both; its answer is kept ``DATABASE_REPLICA_CHECK_SECONDS`` per process.
  No usable replica: the primary serves. A replica that fails during a request is
  marked unusable and the middleware serves the request again from the primary.
"""

import contextlib
import contextvars
import logging
import math
import random
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

logger = logging.getLogger(__name__)

# Lag behind the WAL the replica has received: 0 when it has replayed all of it (an idle
# primary sends nothing, and the last replayed commit's age says nothing then), else the
# age of the last commit it replayed. A server not in recovery (promoted) lags by 0.
LAG_SQL = """
SELECT CASE
    WHEN NOT pg_is_in_recovery() THEN 0
    WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
    ELSE COALESCE(
        EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp())::float8,
        'Infinity')
END
"""


@dataclass(frozen=True)
class ReplicaStatus:
    alias: str
    state: str  # "ok", "lagging" or "down"
    lag_seconds: float | None = None
    checked_at: float = 0.0

    @property
    def is_usable(self) -> bool:
        return self.state == "ok"

    def as_json(self) -> dict:
        known = self.lag_seconds is not None and math.isfinite(self.lag_seconds)
        lag = round(self.lag_seconds, 3) if known else None  # JSON has no infinity
        return {"status": self.state, "lag_seconds": lag}


@dataclass
class ReadState:
    """What one request may read from, kept in a context variable for its duration."""

    may_use_replica: bool
    alias: str | None = None  # the replica chosen on the first read, or the primary
    wrote: bool = False
    failed_replica: str | None = None
    replicas_used: set[str] = field(default_factory=set)


_request: contextvars.ContextVar[ReadState | None] = contextvars.ContextVar(
    "replica_read_state", default=None
)
_statuses: dict[str, ReplicaStatus] = {}  # per process: the last check of each replica


def replica_aliases() -> list[str]:
    return list(getattr(settings, "DATABASE_REPLICAS", ()))


@contextlib.contextmanager
def reading(state: ReadState):
    """Route the reads made inside this block as ``state`` says (the middleware's block)."""
    token = _request.set(state)
    try:
        yield state
    finally:
        _request.reset(token)


def current_state() -> ReadState | None:
    return _request.get()


def alias_for_read() -> str:
    """The database a read goes to now: a usable replica if the request may, else the primary."""
    state = _request.get()
    if state is None or not state.may_use_replica:
        return DEFAULT_DB_ALIAS
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return DEFAULT_DB_ALIAS  # a transaction reads what it writes
    if state.alias is None:
        usable = [alias for alias in replica_aliases() if replica_status(alias).is_usable]
        state.alias = random.choice(usable) if usable else DEFAULT_DB_ALIAS
    if state.alias != DEFAULT_DB_ALIAS:
        state.replicas_used.add(state.alias)
    return state.alias


def note_write() -> None:
    """A write in this request: the rest of it, and its client for a while, read the primary."""
    state = _request.get()
    if state is not None:
        state.wrote = True
        state.may_use_replica = False
        state.alias = DEFAULT_DB_ALIAS


def replica_status(alias: str) -> ReplicaStatus:
    """The last status seen, if not older than DATABASE_REPLICA_CHECK_SECONDS; else a new one."""
    status = _statuses.get(alias)
    now = time.monotonic()
    if status is None or now - status.checked_at >= settings.DATABASE_REPLICA_CHECK_SECONDS:
        status = _statuses[alias] = check_replica(alias)
    return status


def check_replica(alias: str) -> ReplicaStatus:
    """Ask the replica how far behind it is (one query); "down" if it does not answer."""
    connection = connections[alias]
    now = time.monotonic()
    try:
        with connection.cursor() as cursor:
            cursor.execute(LAG_SQL)
            (lag,) = cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Read replica %s is down: %s", alias, error)
        _close_quietly(alias)
        return ReplicaStatus(alias, "down", None, now)
    if lag > settings.DATABASE_REPLICA_MAX_LAG_SECONDS:
        logger.warning("Read replica %s lags by %.1f s: not used", alias, lag)
        return ReplicaStatus(alias, "lagging", lag, now)
    return ReplicaStatus(alias, "ok", lag, now)


def mark_down(alias: str) -> None:
    """A replica failed during a request: unusable until its next check."""
    _statuses[alias] = ReplicaStatus(alias, "down", None, time.monotonic())
    _close_quietly(alias)


def forget_statuses() -> None:
    """Check every replica afresh on its next use (tests; a changed configuration)."""
    _statuses.clear()


def _close_quietly(alias: str) -> None:
    # A broken connection is dropped so that the next check reconnects.
    with contextlib.suppress(DatabaseError):
        connections[alias].close()
