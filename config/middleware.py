"""Which requests may read from a replica, and read-after-write for those who write.

See ``config.replicas`` for the contract. Placed after the authentication middleware:
a request with a session cookie is looked up (on the primary) to know if its user is
logged in.
"""

import logging
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse

from config import replicas

logger = logging.getLogger(__name__)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replicas.replica_aliases():
            return self.get_response(request)
        state = replicas.ReadState(may_use_replica=self._may_use_replica(request))
        with replicas.reading(state):
            response = self.get_response(request)
            if state.failed_replica is not None:
                # Served again, from the primary: GET and HEAD are safe to repeat.
                logger.warning(
                    "Read replica %s failed during %s; served from the primary",
                    state.failed_replica,
                    request.path,
                )
                state.may_use_replica, state.alias = False, None
                response = self.get_response(request)
        if state.wrote or request.method not in SAFE_METHODS:
            self._pin(response)
        return response

    def process_exception(self, request, exception):
        """A database error while a replica served this request: mark it down, retry."""
        state = replicas.current_state()
        if (
            state is None
            or state.failed_replica is not None
            or not state.replicas_used
            or not isinstance(exception, OperationalError | InterfaceError)
        ):
            return None
        state.failed_replica = ", ".join(sorted(state.replicas_used))
        for alias in state.replicas_used:
            replicas.mark_down(alias)
        # A stand-in that __call__ throws away; returned so that Django neither logs
        # the error as a server error nor renders a 500 page for it.
        return HttpResponse(status=503)

    def _may_use_replica(self, request) -> bool:
        if request.method not in SAFE_METHODS:
            return False
        if self._pinned_at(request) > time.time() - settings.DATABASE_REPLICA_PIN_SECONDS:
            return False
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return not request.user.is_authenticated  # read on the primary
        return True

    @staticmethod
    def _pinned_at(request) -> float:
        try:
            return float(request.COOKIES.get(settings.DATABASE_REPLICA_PIN_COOKIE, 0))
        except ValueError:
            return 0.0

    @staticmethod
    def _pin(response) -> None:
        """This client reads the primary for the next DATABASE_REPLICA_PIN_SECONDS."""
        response.set_cookie(
            settings.DATABASE_REPLICA_PIN_COOKIE,
            str(int(time.time())),
            max_age=settings.DATABASE_REPLICA_PIN_SECONDS,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
