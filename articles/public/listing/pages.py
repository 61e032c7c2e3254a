"""Forgiving pagination: a bad page number shows page 1, one past the end the last page.

Reading the number (``parse_page``) needs only the request; whether the page
exists needs the count, so it is a separate step (``nearest_page``).
"""

from django.core.paginator import EmptyPage, Paginator

from ..text import printable


class CountedPaginator(Paginator):
    """A paginator told the number of items, for a list whose count is already known."""

    def __init__(self, *args, count, **kwargs):
        super().__init__(*args, **kwargs)
        self.count = count  # shadows the cached_property that would run COUNT(*)


def parse_page(raw):
    """(number, notice): the page asked for, or 1 and why when it is not a number."""
    try:
        return int(raw or 1), None
    except (TypeError, ValueError):
        return 1, f"Page “{printable(raw)}” is not a page number: showing page 1."


def nearest_page(paginator, number):
    """(page, notice): the page, or the last one and why when there is no such page."""
    try:
        return paginator.page(number), None
    except EmptyPage:
        last = paginator.num_pages
        return paginator.page(last), f"There is no page {number}: showing page {last}."
