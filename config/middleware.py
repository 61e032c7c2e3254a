"""Request middleware of the project: replica reads, request hygiene, security headers.

Which requests may read from a replica, and read-after-write for those who write.

See ``config.replicas`` for the contract. Placed after the authentication middleware:
a request with a session cookie is looked up (on the primary) to know if its user is
logged in.
"""

import logging
import time

from django.conf import settings
from django.core.exceptions import BadRequest
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.urls import reverse

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


# Request hygiene and security headers


class RefuseNulCharactersMiddleware:
    """In the admin, a NUL character in the path or the query string answers 400.

    PostgreSQL text cannot hold NUL, so any lookup with such a value fails in the
    database (a DataError, a 500). The admin's list filters, search and autocomplete
    pass values straight to lookups, and no browser sends a NUL from a form or a link:
    the request is refused before any admin view sees it. The public site cleans its
    own parameters (the value is ignored with a notice), so it is left to do so.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(reverse("admin:index")) and (
            "\x00" in request.path
            or any(
                "\x00" in key or any("\x00" in value for value in values)
                for key, values in request.GET.lists()
            )
        ):
            raise BadRequest("NUL character in the request")
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Sends settings.PERMISSIONS_POLICY (Django has no setting for this header)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def client_address(request):
    """The client's address for login throttling (AXES_CLIENT_IP_CALLABLE).

    Behind the proxy, REMOTE_ADDR is the proxy's own address for every request: locking
    it would lock everyone out. When the request comes from a proxy named in
    settings.TRUSTED_PROXIES, the address is the last one that proxy appended to
    X-Forwarded-For (earlier entries are whatever the client sent, so not trusted).
    """
    remote = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if remote in settings.TRUSTED_PROXIES and forwarded.strip():
        return forwarded.split(",")[-1].strip()
    return remote
