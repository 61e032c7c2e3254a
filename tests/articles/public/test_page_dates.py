"""The article page's date filters (articles/templatetags/dates.py) write what Django's
``|date`` writes with the same formats, in any time zone and language."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.template import engines
from django.utils import timezone, translation

OURS = "{% load dates %}{% for d in values %}{{ d|iso_datetime }} {{ d|long_date }}|{% endfor %}"
DJANGOS = "{% for d in values %}{{ d|date:'c' }} {{ d|date:'j F Y' }}|{% endfor %}"


def render(source, values):
    return engines["django"].from_string(source).render({"values": values})


def a_year_of_moments():
    start = datetime(2026, 1, 1, 0, 0, 0, 123456, tzinfo=UTC)
    moments = [start + timedelta(days=d, hours=h) for d in range(366) for h in (0, 5, 13, 23)]
    return [*moments, start.replace(microsecond=0), datetime(999, 3, 4, 5, 6, tzinfo=UTC)]


@pytest.mark.parametrize("zone", ["UTC", "Asia/Kolkata", "America/Los_Angeles"])
def test_dates_are_written_as_the_date_filter_writes_them_in_each_time_zone(zone):
    values = a_year_of_moments()
    with timezone.override(zone):
        ours = render(OURS, values)
        assert ours == render(DJANGOS, values)
    # Not the same text in every zone: the moment is written in the zone's own time.
    assert ours != render(OURS, values) or zone == "UTC"


def test_month_names_are_those_of_the_language():
    values = a_year_of_moments()[::30]
    with translation.override("fr"):
        ours = render(OURS, values)
        assert ours == render(DJANGOS, values)
    assert "janvier" in ours


def test_dates_naive_datetimes_and_nothing_are_written_as_the_date_filter_writes_them():
    values = [None, "", date(2026, 2, 3), datetime(2026, 2, 3, 4, 5), "not a date"]
    assert render(OURS, values) == render(DJANGOS, values)
