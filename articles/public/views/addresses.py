"""Addresses that last: an old address answers 301 to where its page is now, or 410.

- an article's former slug (``FormerSlug``, kept by the database) → its address now;
- a withdrawn or expired article, or a deleted one readers could have read → 410 with a
  short page saying so (``gone``);
- a merged term's page and feeds → the kept term's (``TermRedirect``);
- an editor's redirect (``Redirect``), for any address the site has nothing at:
  ``RedirectFallbackMiddleware`` (articles/public/middleware.py).

Drafts, scheduled articles and articles in review never answer anything but 404: an
address says nothing of them before readers could read them.
"""

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse

from taxonomy.models import TermRedirect

from ...models import Article, FormerSlug


def gone(request, *, reason: str = ""):
    """410, with a short page readers understand (not a bare error)."""
    return render(request, "articles/gone.html", {"reason": reason}, status=410)


def with_query(request, path: str) -> str:
    query = request.META.get("QUERY_STRING", "")
    return f"{path}?{query}" if query else path


def article_moved_or_gone(request, slug: str):
    """The answer for an address no live article has: 301, 410, or Http404."""
    current = Article.objects.filter(slug=slug).first()
    if current is not None and current.is_withdrawn_from_readers:
        return gone(request, reason=_reason(current))
    former = FormerSlug.objects.filter(slug=slug).first()
    if former is None:
        raise Http404("No article at this address.")
    article = Article.objects.filter(pk=former.article_id).first()
    if article is None:
        return gone(request, reason="It was removed from the site.")
    if article.is_published():
        return HttpResponsePermanentRedirect(with_query(request, article.get_absolute_url()))
    if article.is_withdrawn_from_readers:
        return gone(request, reason=_reason(article))
    raise Http404("No article at this address.")


def _reason(article) -> str:
    if article.status == Article.Status.WITHDRAWN:
        return "The editors withdrew it."
    return "Its time on the site has ended."


def term_moved(request, *, vocabulary: str, slug: str, url_name: str):
    """301 to the kept term's page (or feed, by ``url_name``) if this term was merged."""
    target = TermRedirect.objects.target_of(vocabulary=vocabulary, slug=slug)
    if target is None:
        raise Http404("No term at this address.")
    path = reverse(url_name, kwargs={"vocabulary": target.vocabulary.slug, "slug": target.slug})
    return HttpResponsePermanentRedirect(with_query(request, path))
