"""A database that is down gives readers and editors a 503 with Retry-After, never a 500.

Two hooks, because Django reports errors from two places:

- ``DatabaseUnavailableMiddleware.process_exception``: errors raised by a view or
  while its template renders (most of them), in development and production alike;
- ``server_error``, the project's ``handler500``: errors raised in another
  middleware (a session saved after the view), which reach Django's error handler.

The page is ``templates/503.html``, rendered without the request (no context
processor, so no session or user is read) and therefore without the database.
The next request connects again: the embedded server is restarted by its backend
(config/database.py), a ``DATABASE_URL`` server is simply tried again.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger(__name__)

#: Seconds a client is told to wait: about what a restart or a failover takes.
RETRY_AFTER_SECONDS = 30
DATABASE_DOWN = (OperationalError, InterfaceError)


def database_unavailable_response(error: BaseException) -> HttpResponse:
    reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
    logger.error("Database unavailable, answered 503: %s", reason)
    content = render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS})
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN):
            return database_unavailable_response(exception)
        return None


def server_error(request, *args, **kwargs):
    """``handler500``: a 503 when the error is the database's, else Django's 500 page."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_DOWN):
        return database_unavailable_response(error)
    return django_server_error(request, *args, **kwargs)
