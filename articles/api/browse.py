"""/api/authors/, /api/tags/, /api/vocabularies/: what readers may browse.

Authors and tags are those with a published article (``public.visible``, as their
pages); counts are the listing index's live rows (no query). Vocabularies come with
their whole term tree, flat and depth first.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from taxonomy.models import Term

from ..listing_index.index import microseconds
from ..public.listing.cleaning import SLUG_RE
from ..public.visible import published_authors, published_tags
from . import cursors, serialise
from .articles import ERRORS
from .conditional import begin
from .errors import ApiError
from .schemas import AuthorOut, AuthorPage, Error, TagPage, VocabularyOut, VocabularyTree

router = Router()


class Paging(Schema):
    cursor: str | None = Field(None, description="A page's `next`, for the page after it.")
    limit: int = Field(100, ge=1, le=500)


def _by_slug(queryset, paging):
    """(rows, the next cursor): keyset on the slug (unique), in slug order."""
    if paging.cursor:
        (after,) = cursors.decode(paging.cursor, "slug", shape=(str,))
        if not SLUG_RE.match(after):
            raise ApiError("cursor", "is not a cursor this API gave: use a page's “next”.")
        queryset = queryset.filter(slug__gt=after)
    rows = list(queryset.order_by("slug")[: paging.limit + 1])
    if len(rows) <= paging.limit:
        return rows, None
    rows = rows[: paging.limit]
    return rows, cursors.encode("slug", [rows[-1].slug])


def _counts(postings, index, now):
    return postings.counts(index.live(microseconds(now)))


@router.get(
    "/authors/", response={200: AuthorPage, **ERRORS}, tags=["authors"], url_name="authors"
)
def authors(request, response: HttpResponse, paging: Query[Paging]):
    """Authors with a published article, by slug."""
    index, now, not_modified = begin(request, response)
    if not_modified is not None:
        return not_modified
    rows, next_cursor = _by_slug(published_authors(), paging)
    counts = _counts(index.authors, index, now)
    return {"next": next_cursor, "results": [_author(request, a, counts) for a in rows]}


@router.get("/authors/{slug}/", response={200: AuthorOut, 404: Error, **ERRORS}, tags=["authors"])
def author(request, response: HttpResponse, slug: str):
    index, now, not_modified = begin(request, response)
    if not_modified is not None:
        return not_modified
    found = get_object_or_404(published_authors(), slug=serialise.known_slug(slug))
    return _author(request, found, _counts(index.authors, index, now))


def _author(request, author, counts):
    return {
        "slug": author.slug,
        "name": author.name,
        "affiliation": author.affiliation,
        "bio": author.bio,
        "url": serialise.site_url(request, author),
        "articles": counts.get(author.pk, 0),
        "articles_url": serialise.listing_url(request, author=author.slug),
    }


@router.get("/tags/", response={200: TagPage, **ERRORS}, tags=["tags"], url_name="tags")
def tags(request, response: HttpResponse, paging: Query[Paging]):
    """Tags with a published article, by slug."""
    index, now, not_modified = begin(request, response)
    if not_modified is not None:
        return not_modified
    rows, next_cursor = _by_slug(published_tags(), paging)
    counts = _counts(index.tags, index, now)
    return {"next": next_cursor, "results": [_tag(request, t, counts) for t in rows]}


def _tag(request, tag, counts):
    return {
        "slug": tag.slug,
        "name": tag.name,
        "url": request.build_absolute_uri(reverse("articles:tag", args=[tag.slug])),
        "articles": counts.get(tag.pk, 0),
        "articles_url": serialise.listing_url(request, tag=tag.slug),
    }


@router.get(
    "/vocabularies/",
    response={200: list[VocabularyOut], **ERRORS},
    tags=["vocabularies"],
    url_name="vocabularies",
)
def vocabularies(request, response: HttpResponse):
    """Every vocabulary, in the site's order."""
    index, _, not_modified = begin(request, response)
    if not_modified is not None:
        return not_modified
    return [_vocabulary(request, v) for v in index.term_index.vocabularies]


@router.get(
    "/vocabularies/{slug}/",
    response={200: VocabularyTree, 404: Error, **ERRORS},
    tags=["vocabularies"],
    url_name="vocabulary",
)
def vocabulary(request, response: HttpResponse, slug: str):
    """A vocabulary and its terms as a tree (flat, depth first), with article counts."""
    index, now, not_modified = begin(request, response)
    if not_modified is not None:
        return not_modified
    terms = index.term_index
    found = next((v for v in terms.vocabularies if v.slug == slug), None)
    if found is None:
        raise Http404("No such vocabulary.")
    counts = _counts(index.terms, index, now)
    # The index holds no scope notes (the listing never shows them): one query here.
    notes = dict(Term.objects.filter(vocabulary=found).values_list("pk", "scope_note"))
    rows = []
    for term, depth in terms.tree.walk():
        if term.vocabulary_id != found.pk:
            continue
        parent = terms.tree.parent(term)
        rows.append(
            {
                "slug": term.slug,
                "name": term.name,
                "parent": parent.slug if parent else None,
                "depth": depth,
                "path": terms.tree.path(term),
                "aliases": list(term.aliases),
                "scope_note": notes.get(term.pk, ""),
                "url": serialise.site_url(request, term),
                "articles": counts.get(term.pk, 0),
                "articles_url": serialise.listing_url(request, **{found.slug: term.slug}),
            }
        )
    return {**_vocabulary(request, found), "terms": rows}


def _vocabulary(request, vocabulary):
    return {
        "slug": vocabulary.slug,
        "name": vocabulary.name,
        "description": vocabulary.description,
        "url": serialise.site_url(request, vocabulary),
        "api_url": serialise.api_url(request, "vocabulary", slug=vocabulary.slug),
        "parameter": vocabulary.slug,
    }
