"""Dates in the admin, in the site's time zone (TIME_ZONE), naming it."""

from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import format_html


def short_date(value):
    """ "9 Jan 2013" over "14:05 UTC", in the site's time zone, in a <time> element."""
    if value is None:
        return "—"
    local = timezone.localtime(value)
    return format_html(
        '<time datetime="{}">{}<br>{}</time>',
        local.isoformat(),
        date_format(local, "j M Y"),
        date_format(local, "H:i T"),
    )


def long_date(value):
    """ "9 Jan 2013, 14:05 UTC": a date in a sentence, in the site's time zone."""
    return date_format(timezone.localtime(value), "j M Y, H:i T")


def zone_note():
    """ "Times are UTC." or "Times are Europe/London time (GMT now).": said beside the
    date fields, so that an editor scheduling from another zone knows which one counts."""
    zone = str(timezone.get_current_timezone())
    now = timezone.localtime().tzname()
    return f"Times are {zone}." if zone == now else f"Times are {zone} time ({now} now)."
