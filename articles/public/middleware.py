"""Scheduled changes to live articles go live on the first public request after their moment."""

from .. import services

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
