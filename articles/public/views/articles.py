"""An article's page, and its preview for staff."""

import json

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe
from django.views.generic import DetailView

from ... import services
from ...listing_index.store import current_index
from ...media.renditions import renditions
from ...models import Article, PendingChange
from ...pagecache import tags as page_tags
from ...pagecache.pages import cache_public_page
from ..article_page import RELATED_FIELDS, article_page_queryset, unpack, with_addresses
from ..reading import reading_of, share_links
from .addresses import article_moved_or_gone

# Inside <script type="application/ld+json"> nothing may close the element or open a
# comment: the characters that could are written as JSON escapes (what json_script does).
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@cache_public_page
class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            if "slug" not in kwargs:
                raise  # the preview, by id
            # An address it had (301), or an article readers can no longer read (410).
            return article_moved_or_gone(request, kwargs["slug"])

    def get_queryset(self):
        # The article, byline, terms, tags, updates, documents, lead image and its
        # renditions in one statement.
        return article_page_queryset(Article.objects.published()).select_related("lead_image")

    def get_object(self, queryset=None):
        return unpack(super().get_object(queryset))

    def get_context_data(self, **kwargs):
        article = self.object
        index = current_index(generation=article.listing_generation)
        related = with_addresses(article.related_articles(index=index, only=RELATED_FIELDS))
        page_tags.add_article_page(article, related)
        canonical_url = self.request.build_absolute_uri(article.get_absolute_url())
        social = social_image(self.request, article)
        return super().get_context_data(
            related=related,
            social_image=social,
            json_ld=json_ld(self.request, article, social, url=canonical_url),
            canonical_url=canonical_url,
            reading=reading_of(article, article.updates.all()),
            share_links=share_links(url=canonical_url, title=article.title),
            og_type="article",
            has_corrections=any(u.kind == u.Kind.CORRECTION for u in article.updates.all()),
            **kwargs,
        )


def social_image(request, article) -> dict | None:
    """The lead image cut to the social card's shape (og:image, JSON-LD), absolute URL."""
    if article.lead_image is None:
        return None
    card = renditions(article.lead_image, ["social.jpeg"])["social.jpeg"]
    return {
        "url": request.build_absolute_uri(card.url),
        "width": card.width,
        "height": card.height,
        "alt": article.lead_image.alt,
    }


def json_ld(request, article, image=None, *, url):
    """schema.org NewsArticle, escaped for a <script type="application/ld+json">; ``url``:
    the article's absolute address."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "url": url,
        "datePublished": article.published_at.isoformat(),
        "dateModified": (article.updated_at or article.published_at).isoformat(),
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": request.build_absolute_uri(author.url),
            }
            for author in article.ordered_authors
        ],
        "about": [{"@type": "Thing", "name": term.name} for term in article.terms.all()],
        "keywords": [tag.name for tag in article.tags.all()],
        "publisher": publisher(request),
    }
    if article.standfirst:
        data["description"] = article.standfirst
    if image is not None:
        data["image"] = [
            {
                "@type": "ImageObject",
                "url": image["url"],
                "width": image["width"],
                "height": image["height"],
            }
        ]
    corrections = [u for u in article.updates.all() if u.kind == u.Kind.CORRECTION]
    if corrections:
        data["correction"] = [correction_comment(c) for c in corrections]
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(SCRIPT_ESCAPES))


def publisher(request):
    """schema.org Organization: the newsroom, with its logo (static/brand/logo.png)."""
    return {
        "@type": "Organization",
        "name": settings.SITE_NAME,
        "url": request.build_absolute_uri("/"),
        "logo": {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(static(settings.SITE_LOGO)),
            "width": 600,
            "height": 60,
        },
    }


def correction_comment(update):
    """A correction as schema.org CorrectionComment; a retracted one says so, with the reason."""
    comment = {
        "@type": "CorrectionComment",
        "datePublished": update.published_at.isoformat(),
        "text": update.plain_text,
    }
    if update.is_retracted:
        comment["text"] = (
            f"Retracted on {update.retracted_at:%-d %B %Y}: {update.retraction_reason} "
            f"(It read: {update.plain_text})"
        )
        comment["dateModified"] = update.retracted_at.isoformat()
    return comment


class ArticlePreviewView(ArticleDetailView):
    """An article as readers will see it: the public page, for staff who may change articles.

    Any status, any date; an article with unpublished changes is shown with them (written
    in a transaction that is rolled back: services.previewing_changes). A banner says it is
    not what readers see; an undated draft says "Not yet published" instead of a date.
    Never cached, never indexed.
    """

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not (user.is_authenticated and user.is_staff):
            return redirect_to_login(request.get_full_path(), "admin:login")
        if not user.has_perm("articles.change_article"):
            raise PermissionDenied
        response = super().dispatch(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def get(self, request, *args, **kwargs):
        article = get_object_or_404(Article, pk=kwargs["pk"])
        with services.previewing_changes(article):
            response = super().get(request, *args, **kwargs)
            response.render()  # inside: the pending change exists only until the block ends
        return response

    def get_queryset(self):
        return article_page_queryset(Article.objects.all()).select_related("lead_image")

    def get_context_data(self, **kwargs):
        article = self.object
        is_undated = article.published_at is None
        if is_undated:
            article.published_at = timezone.now()  # for the JSON-LD only, never saved
        context = super().get_context_data(
            is_preview=True,
            is_undated=is_undated,
            has_pending_changes=PendingChange.objects.filter(article=article).exists(),
            **kwargs,
        )
        if is_undated:
            article.published_at = None
        return context
