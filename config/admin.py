"""The newsroom's admin site: its front page is the dashboard (articles/admin/dashboard.py),
with the model list below it; each person's notification page is /admin/notifications/.

Installed as Django's default site (NewsroomAdminConfig in INSTALLED_APPS, in place of
django.contrib.admin), so every ``@admin.register`` and ``admin.site`` is this one. It lives
here, outside the articles.admin package: Django makes the default site while the first
``@admin.register`` of that package runs, so this module must not import it at the top.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.urls import path


class NewsroomAdminSite(admin.AdminSite):
    index_template = "admin/dashboard.html"

    def index(self, request, extra_context=None):
        from articles.admin.dashboard import dashboard  # not at the top: the docstring

        return super().index(request, {**(extra_context or {}), **dashboard(request)})

    def get_urls(self):
        from articles.admin.notifications import preference_view  # the docstring

        return [
            path(
                "notifications/",
                self.admin_view(lambda request: preference_view(request, self)),
                name="notification_preferences",
            ),
            *super().get_urls(),
        ]


class NewsroomAdminConfig(AdminConfig):
    """django.contrib.admin, with the newsroom's site as the default site."""

    default_site = "config.admin.NewsroomAdminSite"
