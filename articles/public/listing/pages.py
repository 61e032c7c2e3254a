"""Forgiving pagination: a bad page number shows page 1, one past the end the last page;
and the pages' navigation (``pagination``).

Reading the number (``parse_page``) needs only the request; whether the page
exists needs the count, so it is a separate step (``nearest_page``).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

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


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: an ellipsis (pages left out)
    url: str = ""
    is_current: bool = False


@dataclass(frozen=True)
class Pagination:
    """What the pages' navigation shows: numbered links with ellipses (the first and the
    last page always among them), and Previous / Next with what they lead to."""

    links: tuple[PageLink, ...]
    previous: PageLink | None
    next: PageLink | None
    previous_hint: str
    next_hint: str


#: What the previous and the next page hold, by sort order: under "oldest first"
#: the next page is newer, not older.
HINTS = {
    "newest": ("newer", "older"),
    "oldest": ("older", "newer"),
    "relevance": ("more relevant", "less relevant"),
}


def pagination(page, *, path, data, sort="newest", window=2):
    """The navigation of ``page`` (a Django Page) for the list at ``path`` with the
    request's parameters ``data`` (a QueryDict; its ``page`` is replaced), or None
    when there is only one page."""
    if not page.has_other_pages():
        return None
    last, current = page.paginator.num_pages, page.number
    others = [(k, v) for k, values in data.lists() if k != "page" for v in values]

    def link(number):
        params = others + ([("page", number)] if number > 1 else [])
        url = f"{path}?{urlencode(params)}" if params else path
        return PageLink(number, url, number == current)

    numbers = sorted({1, last, *range(max(1, current - window), min(last, current + window) + 1)})
    links, before = [], 0
    for number in numbers:
        if number - before == 2:
            links.append(link(number - 1))  # one page left out: show it, not "…"
        elif number - before > 2:
            links.append(PageLink(None))
        links.append(link(number))
        before = number
    previous_hint, next_hint = HINTS.get(sort, HINTS["newest"])
    return Pagination(
        links=tuple(links),
        previous=link(current - 1) if page.has_previous() else None,
        next=link(current + 1) if page.has_next() else None,
        previous_hint=previous_hint,
        next_hint=next_hint,
    )
