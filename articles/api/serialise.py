"""Rows as the API's schemas read them (plain dicts), from what the views prefetched.

Terms come from the listing index's TermIndex (vocabularies, paths and broader terms
without a query); authors, tags, updates and documents read with the row (``for_api``); the lead
image from the row it joins (library.py).
"""

from functools import cache
from urllib.parse import urljoin

from django.http import Http404
from django.urls import reverse

from taxonomy.index import TermIndex

from ..models import Article
from ..public.article_page import article_page_queryset
from ..public.listing.cleaning import SLUG_RE
from .library import documents, lead_image

NAMESPACE = "api"


def known_slug(slug: str) -> str:
    """``slug`` when it could name something; else a 404 (before any query: a NUL or a
    lone surrogate never reaches the database)."""
    if not SLUG_RE.match(slug):
        raise Http404("No such slug.")
    return slug


def api_url(request, name, **kwargs):
    return request.build_absolute_uri(reverse(f"{NAMESPACE}:{name}", kwargs=kwargs))


def site_url(request, obj):
    return request.build_absolute_uri(obj.get_absolute_url())


PLACEHOLDER = "slug-placeholder"


@cache
def _address(name: str) -> str:
    """The path of a URL named ``name`` taking one slug, with a placeholder for it."""
    return reverse(name, kwargs={"slug": PLACEHOLDER})


class Addresses:
    """Absolute addresses of the objects of one answer, without a ``reverse`` for each
    (a page of 20 articles names about 200): the paths are reversed once per process."""

    def __init__(self, request):
        self.root = request.build_absolute_uri("/")[:-1]

    def of(self, name: str, slug: str) -> str:
        return self.root + _address(name).replace(PLACEHOLDER, slug)

    def absolute(self, url: str) -> str:
        """A storage's URL made absolute: a local path gets the site's address; an object
        store's or CDN's URL (``MEDIA_PUBLIC_URL``) is absolute already."""
        return urljoin(self.root + "/", url)


def listing_url(request, **params):
    """The API's listing with these filters (an author's or a tag's articles)."""
    (name, value), *_ = params.items()
    return f"{api_url(request, 'articles')}?{name}={value}"


def for_api(queryset):
    """What an article's answer reads, with its row: bylines, terms, tags, updates,
    documents, the lead image and its renditions, as the article page reads them (one
    statement, ``article_page``). Each row goes through ``unpack``."""
    return article_page_queryset(queryset).select_related("lead_image")


def term_link(term, index: TermIndex):
    broader = index.ancestors(term)
    return {
        "slug": term.slug,
        "name": term.name,
        "vocabulary": {"slug": term.vocabulary.slug, "name": term.vocabulary.name},
        "path": index.tree.path(term),
        "broader": [node.slug for node in broader],
    }


def article(request, item: Article, index: TermIndex, *, detail=False, addresses=None):
    """An article as ``ArticleSummary`` (``ArticleDetail`` with ``detail``); ``addresses``:
    the answer's ``Addresses``, shared by its articles."""
    urls = addresses or Addresses(request)
    terms = [index.by_id[t.pk] for t in item.terms.all() if t.pk in index.by_id]
    terms.sort(key=lambda t: (t.vocabulary.position, t.vocabulary.name, t.name))
    data = {
        "id": item.pk,
        "slug": item.slug,
        "title": item.title,
        "standfirst": item.standfirst,
        "url": urls.of("articles:detail", item.slug),
        "api_url": urls.of(f"{NAMESPACE}:article", item.slug),
        "published_at": item.published_at,
        "updated_at": item.updated_at,
        "authors": [
            {"slug": a.slug, "name": a.name, "url": urls.of("articles:author", a.slug)}
            for a in item.ordered_authors
        ],
        "terms": [term_link(term, index) for term in terms],
        "tags": [
            {
                "slug": tag.slug,
                "name": tag.name,
                "url": urls.of("articles:tag", tag.slug),
            }
            for tag in sorted(item.tags.all(), key=lambda tag: (tag.name, tag.pk))
        ],
        "updates": [
            {
                "kind": update.kind,
                "published_at": update.published_at,
                "title": update.title,
                "body": update.body,
                "retracted_at": update.retracted_at,
                "retraction_reason": update.retraction_reason,
            }
            for update in item.updates.all()
        ],
        "lead_image": lead_image(item, urls),
    }
    if detail:
        data["body"] = item.body
        data["lead_image_caption"] = item.lead_caption
        data["lead_image_credit"] = item.lead_credit
        data["documents"] = documents(item, urls)
    return data
