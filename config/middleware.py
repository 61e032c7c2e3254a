"""Request guards that apply to every page, public and admin."""

from django.conf import settings
from django.core.exceptions import BadRequest
from django.urls import reverse


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
