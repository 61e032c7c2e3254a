"""/api/articles/: the listing, with `/`'s filters and search, and one article.

request → the parameters cleaned by the public listing (``listing_query``) → the
index's rows for it (``IndexedListing``, as on `/`) → the page after the cursor →
its articles, read by id through the publication gate → JSON.
"""

from datetime import date
from typing import Literal

import numpy as np
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from ..models import Article
from ..public.article_page import unpack
from ..public.listing.cleaning import listing_query
from ..public.listing.filters import MAX_QUERY_LENGTH
from ..public.listing.indexed import IndexedListing
from . import cursors, serialise
from .conditional import begin
from .errors import ApiError
from .schemas import ArticleDetail, ArticlePage, Error

router = Router(tags=["articles"])

#: The API's own parameters; every other one is the listing's, as on `/`.
OWN_PARAMETERS = ("cursor", "limit")
BOOLEAN = Literal["true", "false"]


class ListingParameters(Schema):
    """As on `/` (docs/search-and-listing.md), plus one parameter per vocabulary,
    named by its slug (``places=gao``: GET /api/vocabularies/ lists them)."""

    q: str | None = Field(None, max_length=MAX_QUERY_LENGTH, description="Search words.")
    author: list[str] = Field(default_factory=list, description="Author slugs (any of them).")
    tag: list[str] = Field(default_factory=list, description="Tag slugs (any of them).")
    date_from: date | None = Field(None, description="Published on or after (YYYY-MM-DD).")
    date_to: date | None = Field(None, description="Published on or before (YYYY-MM-DD).")
    year: int | None = Field(None, ge=1900, le=2100)
    month: int | None = Field(None, ge=1, le=12)
    has_updates: BOOLEAN | None = None
    has_corrections: BOOLEAN | None = None
    sort: Literal["newest", "oldest", "relevance"] = Field(
        "newest", description="relevance needs q."
    )
    cursor: str | None = Field(None, description="A page's `next`, for the page after it.")
    limit: int = Field(20, ge=1, le=100, description="Articles per page.")


ERRORS = {304: None, 400: Error, 429: Error}


@router.get("/articles/", response={200: ArticlePage, **ERRORS}, url_name="articles")
def list_articles(request, response: HttpResponse, params: Query[ListingParameters]):
    """Published articles, newest first, filtered and searched as on `/`."""
    index, now, not_modified = begin(request, response)
    if not_modified is not None:
        return not_modified
    data = request.GET.copy()
    for name in OWN_PARAMETERS:
        data.pop(name, None)
    if "page" in data:
        raise ApiError("page", "is not a parameter of the API: pages follow `next` (a cursor).")
    query = listing_query(data, term_index=index.term_index)
    if query.notices:
        first, *more = (_refused(notice) for notice in query.notices)
        raise ApiError(None, first, *((None, notice) for notice in more))
    listing = IndexedListing.of(query, index, now=now)
    published = serialise.for_api(Article.objects.published())
    total = int(listing.mask().sum())
    if query.sort == "relevance":
        items, next_key = _ranked_page(listing, published, params)
    else:
        items, next_key = _indexed_page(listing, published, params)
    term_index = index.term_index
    addresses = serialise.Addresses(request)
    return {
        "count": total,
        "next": cursors.encode(query.sort, next_key) if next_key else None,
        "results": [
            serialise.article(request, unpack(item), term_index, addresses=addresses)
            for item in items
        ],
    }


@router.get("/articles/{slug}/", response={200: ArticleDetail, 404: Error, **ERRORS})
def article(request, response: HttpResponse, slug: str):
    """One published article, with its body and its documents."""
    index, _, not_modified = begin(request, response)
    if not_modified is not None:
        return not_modified
    published = serialise.for_api(Article.objects.published())
    item = unpack(get_object_or_404(published, slug=serialise.known_slug(slug)))
    return serialise.article(request, item, index.term_index, detail=True)


def _refused(notice):
    """A listing notice as the API's refusal: the site ignores the value, the API does not."""
    return notice.replace(" was ignored", " is refused").replace(": ignored.", ": refused.")


def _indexed_page(listing, published, params):
    """(articles, the next cursor's key or None): keyset on (published_at, id) in the
    index's order, newest first (oldest: the same rows reversed)."""
    index = listing.index
    rows = np.flatnonzero(listing.mask())
    oldest = listing.query.sort == "oldest"
    if oldest:
        rows = rows[::-1]
    if params.cursor:
        at_us, last_id = cursors.decode(params.cursor, listing.query.sort, shape=(int, int))
        times, ids = index.published_us[rows], index.ids[rows]
        if oldest:
            after = (times > at_us) | ((times == at_us) & (ids > last_id))
        else:
            after = (times < at_us) | ((times == at_us) & (ids < last_id))
        rows = rows[after]  # contiguous at the end: the rows are in that order
    wanted = rows[: params.limit + 1]
    ids = index.ids[wanted].tolist()
    found = {item.pk: item for item in published.filter(pk__in=ids[: params.limit])}
    items = [found[pk] for pk in ids[: params.limit] if pk in found]
    if len(ids) <= params.limit:
        return items, None
    last = wanted[params.limit - 1]
    return items, [int(index.published_us[last]), int(index.ids[last])]


def _ranked_page(listing, published, params):
    """(articles, the next cursor's key or None) in `/`'s relevance order: the bounded
    ranking of ``IndexedListing.results`` (public/listing/ranking.py: PostgreSQL ranks
    the newest SEARCH_RANKED_CANDIDATES head matches, the others follow newest first).

    The key is the last article's id and its position: the next page starts after that
    article wherever it now is, so articles published meanwhile never repeat one. Only
    if it has left the results since does the page start at its position instead.
    """
    results = listing.results(published)
    start = 0
    if params.cursor:
        last_id, position = cursors.decode(params.cursor, "relevance", shape=(int, int))
        if position < 0:
            raise ApiError("cursor", "is not a cursor this API gave: use a page's “next”.")
        found = np.flatnonzero(results.ids == last_id)
        start = int(found[0]) + 1 if found.size else position
    items = results[start : start + params.limit]
    end = start + params.limit
    if end >= len(results):
        return items, None
    return items, [int(results.ids[end - 1]), end - 1]
