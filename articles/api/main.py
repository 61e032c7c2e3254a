"""The API object: its routers, its one error shape, its rate limit, its docs page.

Mounted at /api/ by config/urls.py: /api/openapi.json (OpenAPI 3.1, generated from the
schemas and signatures here) and /api/docs (Swagger UI, its assets served from the
django-ninja wheel by staticfiles: no CDN, and the strict CSP holds).
"""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from . import articles, browse
from .errors import ApiError, error_body
from .serialise import NAMESPACE
from .throttling import AddressRateThrottle

DESCRIPTION = """Read-only: the published articles of the site, their authors, tags and
vocabularies. Only what readers can see on the site is here: never a draft, a scheduled
article before its time, nor one that has left the site.

The articles' filters and search are the site's listing's (`/`), with the same names and
meaning; values the site would ignore with a notice are refused here (400). Pages follow
`next` (an opaque cursor). Every answer has an ETag: send it back in `If-None-Match` for a
304. Anonymous clients are rate limited per address (429 with `Retry-After`)."""

api = NinjaAPI(
    title="Sahel Desk API",
    version="1",
    description=DESCRIPTION,
    urls_namespace=NAMESPACE,
    throttle=[AddressRateThrottle()],
)
api.add_router("/", articles.router)
api.add_router("/", browse.router)


@api.exception_handler(ApiError)
def refused(request, exc):
    return api.create_response(
        request, error_body("Some parameters cannot be used.", exc.errors), status=400
    )


@api.exception_handler(ValidationError)
def invalid(request, exc):
    errors = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
        errors.append((location[-1] if location else None, error.get("msg", "is not valid.")))
    body = error_body("Some parameters are not valid.", errors)
    return api.create_response(request, body, status=400)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, error_body("Not found."), status=404)


@api.exception_handler(HttpError)
def http_error(request, exc):
    return api.create_response(request, error_body(str(exc)), status=exc.status_code)
