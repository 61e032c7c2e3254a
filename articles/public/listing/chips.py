"""The active filters as chips: a label and the address of the listing without it."""

from django.http import QueryDict
from django.urls import reverse

from .query import ListingQuery

DATE_LABELS = {"date_from": "From", "date_to": "To", "year": "Year", "month": "Month"}


def chips_for(query: ListingQuery):
    """[(label, address)] for each filter the query applies, in the form's order."""
    chips = []
    if query.text:
        chips.append((f"Search: {query.text}", _without(query, "q")))
    for picked in query.vocabularies:
        for term in picked.terms:
            label = f"{picked.vocabulary.name}: {term.name}"
            chips.append((label, _without(query, picked.param, term.slug)))
    for author in query.authors:
        chips.append((f"Author: {author.name}", _without(query, "author", author.slug)))
    for tag in query.tags:
        chips.append((f"Tag: {tag.name}", _without(query, "tag", tag.slug)))
    for key, label in DATE_LABELS.items():
        if value := getattr(query, key):
            chips.append((f"{label}: {value}", _without(query, key)))
    if query.has_updates:
        chips.append(("Has updates", _without(query, "has_updates")))
    if query.has_corrections:
        chips.append(("Has corrections", _without(query, "has_corrections")))
    return chips


def _without(query, key, value=None):
    """The request's address without ``key`` (or one of its values), the page and
    the form's empty fields (they add nothing to keep)."""
    params = QueryDict(mutable=True)
    for name, values in query.params:
        kept = [v for v in values if v.strip()]
        if name != "page" and kept:
            params.setlist(name, kept)
    if value is None:
        params.pop(key, None)
    else:
        params.setlist(key, [v for v in params.getlist(key) if v != value])
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else reverse("articles:list")
