"""From ``request.GET`` to a ``ListingQuery``: the one place a listing request is read.

A value that cannot be used (an unknown term, a date that does not exist, a
page that is not a number) is ignored and reported in the query's
``notices``; the rest still applies. The order of the notices: values the
form refused, the sort, unknown parameters, then unknown or respelled terms,
authors and tags, then the page.
"""

import re

from django.http import QueryDict
from taggit.models import Tag

from taxonomy.index import TermIndex, fold

from ...models import Author
from ..text import printable
from .filters import ArticleFilter
from .pages import parse_page
from .query import ListingQuery, Picked

SLUG_RE = re.compile(r"^[-\w]{1,100}$")


def listing_query(data, *, term_index: TermIndex) -> ListingQuery:
    """Validate the request's parameters (``data``, a QueryDict) into a ListingQuery.

    Queries: one for authors and one for tags, only when some are asked for;
    terms come from ``term_index``.
    """
    filterset = ArticleFilter(data, vocabularies=term_index.vocabularies)
    form = filterset.form
    form.is_valid()
    cleaned = form.cleaned_data
    text = (cleaned.get("q") or "").strip()
    asked_sort = data.get("sort") or "newest"
    sort = cleaned.get("sort") or "newest"
    if sort == "relevance" and not text:
        sort = "newest"

    notices = [
        f"{filterset.filters[name].label or name} “{printable(data.get(name, ''))}” "
        f"was ignored: {' '.join(errors)}"
        for name, errors in form.errors.items()
    ]
    if sort != asked_sort and "sort" not in form.errors:
        notices.append("Relevance needs a search: sorted by newest first.")
    unknown = set(data) - set(filterset.filters) - ArticleFilter.OTHER_PARAMETERS
    notices.extend(f"Unknown parameter “{printable(p)}” was ignored." for p in sorted(unknown))

    # Notices about values, one per key: the first unknown value of a parameter,
    # and each respelled term.
    about_values = {}
    authors = _resolve(cleaned.get("author") or [], Author.objects, "author", about_values)
    tags = _resolve(cleaned.get("tag") or [], Tag.objects, "tag", about_values)
    vocabularies = []
    for vocabulary in term_index.vocabularies:
        terms = _terms(cleaned.get(vocabulary.slug) or [], vocabulary, term_index, about_values)
        vocabularies.append(Picked(vocabulary, terms))
    notices.extend(about_values.values())

    page, page_notice = parse_page(data.get("page"))
    if page_notice:
        notices.append(page_notice)

    return ListingQuery(
        vocabularies=tuple(vocabularies),
        authors=authors,
        tags=tags,
        text=text,
        date_from=cleaned.get("date_from"),
        date_to=cleaned.get("date_to"),
        year=cleaned.get("year"),
        month=cleaned.get("month"),
        has_updates=bool(cleaned.get("has_updates")),
        has_corrections=bool(cleaned.get("has_corrections")),
        sort=sort,
        page=page,
        notices=tuple(notices),
        params=tuple((key, tuple(data.getlist(key))) for key in data),
        term_index=term_index,
    )


def listing_form(query: ListingQuery, facets):
    """The filter form showing what ``query`` applies (canonical values: a term typed
    by name shows as its slug, a value that was ignored shows empty), with the
    facets' values as its checkboxes."""
    data = QueryDict(mutable=True)
    data["q"] = query.text
    for name in ("date_from", "date_to", "year", "month"):
        if (value := getattr(query, name)) is not None:
            data[name] = str(value)
    for name in ("has_updates", "has_corrections"):
        if getattr(query, name):
            data[name] = "on"
    data["sort"] = query.sort
    for picked in query.vocabularies:
        data.setlist(picked.param, [term.slug for term in picked.terms])
    data.setlist("author", [author.slug for author in query.authors])
    data.setlist("tag", [tag.slug for tag in query.tags])
    vocabularies = [picked.vocabulary for picked in query.vocabularies]
    return ArticleFilter(data, vocabularies=vocabularies, facets=facets).form


def _terms(slugs, vocabulary, index, notices):
    terms = []
    for slug in slugs:
        term = index.get(vocabulary.slug, slug)
        if term is None:
            # A name typed into the picker: accept a name, alias or near spelling.
            term = index.find(vocabulary.slug, slug)
            if term is not None and fold(term.name) != fold(slug):
                notices.setdefault(
                    f"{vocabulary.slug}:{slug}", f"Showing {term.name} for “{printable(slug)}”."
                )
        if term is None:
            notices.setdefault(
                vocabulary.slug,
                f"No {vocabulary.name.lower()} term “{printable(slug)}”: ignored.",
            )
        elif term not in terms:
            terms.append(term)
    return tuple(terms)


def _resolve(slugs, manager, what, notices):
    """The objects for the slugs, in one query (none when no slug could be one)."""
    valid = [slug for slug in slugs if SLUG_RE.match(slug)]
    found = tuple(manager.filter(slug__in=valid)) if valid else ()
    known = {obj.slug for obj in found}
    for slug in slugs:
        if slug not in known:
            notices.setdefault(what, f"No {what} “{printable(slug)}”: ignored.")
    return found
