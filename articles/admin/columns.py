"""The article list's columns, chosen and worded to fit a 1280-pixel screen beside the
filters: one column for updates and corrections, one for the last change and who made it,
dates in the site's time zone (TIME_ZONE), each on two short lines."""

from django.contrib import admin
from django.utils.html import format_html

from ..models import Article
from .dates import long_date, short_date

COLUMNS = ["title", "status_label", "published", "byline", "update_count", "modified", "is_live"]


class ArticleColumnsMixin:
    @admin.display(description="status", ordering="status")
    def status_label(self, obj):
        if obj.is_scheduled:
            label = format_html("Scheduled for {}", long_date(obj.published_at))
        elif obj.has_expired:
            label = format_html("Left the site on {}", long_date(obj.expires_at))
        elif obj.is_published() and obj.has_pending_changes:
            label = "Live, with unpublished changes"
        else:
            label = obj.get_status_display()
        if obj.status == Article.Status.PUBLISHED and obj.expires_at and not obj.has_expired:
            label = format_html("{} · Leaves the site on {}", label, long_date(obj.expires_at))
        return label

    @admin.display(description="published", ordering="published_at")
    def published(self, obj):
        return short_date(obj.published_at)

    @admin.display(description="authors")
    def byline(self, obj):
        return ", ".join(author.name for author in obj.ordered_authors) or "—"

    @admin.display(description="updates", ordering="n_updates")
    def update_count(self, obj):
        """ "2" or "2 · 1 correction": corrections named, since readers see them apart."""
        if not obj.n_corrections:
            return obj.n_updates
        plural = "s" if obj.n_corrections != 1 else ""
        return f"{obj.n_updates} · {obj.n_corrections} correction{plural}"

    @admin.display(description="last changed", ordering="modified_at")
    def modified(self, obj):
        by = obj.modified_by.get_username() if obj.modified_by else "—"
        return format_html("{}<br>by {}", short_date(obj.modified_at), by)

    @admin.display(boolean=True, description="Live")
    def is_live(self, obj):
        return obj.is_published()
