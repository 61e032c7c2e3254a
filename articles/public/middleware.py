"""The public site's middleware: scheduled changes go live on the first public request after
their moment; editors' redirects answer where the site has nothing."""

from django.http import HttpResponsePermanentRedirect

from .. import services
from ..models import Redirect
from .views.addresses import gone

# The views whose pages show articles: ours, and Django's sitemap views.
PUBLIC_MODULES = ("articles.public.", "django.contrib.sitemaps.")


class ApplyDueChangesMiddleware:
    """Before a public page is rendered, publish the staged changes whose time has come
    (services.apply_due_changes: one cache read while none is due, one query when the
    cache does not know), so that the first reader after the moment sees them and no cron
    job is needed. Other views (the admin, /hello/) are left alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "__module__", "").startswith(PUBLIC_MODULES):
            services.apply_due_changes()
        return None


class RedirectFallbackMiddleware:
    """Editors' redirects (``Redirect``, in the admin): an address the site answers 404 at
    is sent to its new address (301), or told gone (410) when the redirect has none.

    Only on a 404, so a redirect never hides a live page; never under /admin/. The path is
    looked up as requested, and with or without its final slash.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.path.startswith("/admin/"):
            return response
        if "\x00" in request.path:
            return response  # no redirect has a NUL (PostgreSQL text cannot hold one)
        path = request.path
        other = path[:-1] if path.endswith("/") and len(path) > 1 else f"{path}/"
        found = {r.old_path: r for r in Redirect.objects.filter(old_path__in=[path, other])}
        redirect = found.get(path) or found.get(other)
        if redirect is None:
            return response
        if not redirect.new_path:
            return gone(request, reason="The editors removed this page.")
        return HttpResponsePermanentRedirect(redirect.new_path)
