"""``|iso_datetime`` and ``|long_date``: the two dates the article page writes, cheaply.

They give what ``|date:"c"`` and ``|date:"j F Y"`` give (a ``<time datetime>`` and
"2 December 2026"), in the current time zone as those do (``expects_localtime``), without
Django's general date formatting: it looks the format up in the format modules and
parses it on every call, a few dozen function calls a date, and the article page writes
up to about twenty dates. tests/articles/public/test_page_dates.py compares them with
``|date`` over the dates of a year.
"""

from datetime import date

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.dates import MONTHS

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def iso_datetime(value):
    """``|date:"c"``: ISO 8601."""
    if value in (None, ""):
        return ""
    if not isinstance(value, date):
        return date_filter(value, "c")
    return value.isoformat()


@register.filter(expects_localtime=True, is_safe=False)
def long_date(value):
    """``|date:"j F Y"``: the day without a leading zero, the month's name, the year."""
    if value in (None, ""):
        return ""
    if not isinstance(value, date):
        return date_filter(value, "j F Y")
    return f"{value.day} {MONTHS[value.month]} {value.year:04d}"
