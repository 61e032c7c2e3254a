"""An article's page, and its preview for staff."""

import json

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import BigIntegerField, Prefetch
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe
from django.views.generic import DetailView

from taxonomy.models import Term

from ...listing_index.store import current_index, generation_sql
from ...models import Article
from ...pagecache import tags as page_tags
from ...pagecache.pages import cache_public_page

# Inside <script type="application/ld+json"> nothing may close the element or open a
# comment: the characters that could are written as JSON escapes (what json_script does).
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@cache_public_page
class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return (
            Article.objects.published()
            .for_listing()
            .prefetch_related(
                "updates",
                "tags",
                Prefetch("terms", queryset=Term.objects.select_related("vocabulary")),
            )
            # Read with the article: the related articles' index needs no query of its own.
            .annotate(listing_generation=RawSQL(generation_sql(), (), BigIntegerField()))
        )

    def get_context_data(self, **kwargs):
        article = self.object
        index = current_index(generation=article.listing_generation)
        related = article.related_articles(index=index)
        page_tags.add_article_page(article, related)
        return super().get_context_data(
            related=related,
            json_ld=json_ld(self.request, article),
            canonical_url=self.request.build_absolute_uri(article.get_absolute_url()),
            **kwargs,
        )


def json_ld(request, article):
    """schema.org NewsArticle, escaped for a <script type="application/ld+json">."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "datePublished": article.published_at.isoformat(),
        "dateModified": (article.updated_at or article.published_at).isoformat(),
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": request.build_absolute_uri(author.get_absolute_url()),
            }
            for author in article.ordered_authors
        ],
        "about": [{"@type": "Thing", "name": term.name} for term in article.terms.all()],
        "keywords": [tag.name for tag in article.tags.all()],
    }
    if article.standfirst:
        data["description"] = article.standfirst
    corrections = [u for u in article.updates.all() if u.kind == u.Kind.CORRECTION]
    if corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "datePublished": c.published_at.isoformat(),
                "text": c.plain_text,
            }
            for c in corrections
        ]
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(SCRIPT_ESCAPES))


class ArticlePreviewView(ArticleDetailView):
    """A draft as readers will see it: the public page, for staff who may change articles.

    Any status, any date (an undated draft shows today's date, as if published now);
    never cached, never indexed.
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

    def get_queryset(self):
        return (
            Article.objects.for_listing()
            .prefetch_related(
                "updates",
                "tags",
                Prefetch("terms", queryset=Term.objects.select_related("vocabulary")),
            )
            .annotate(listing_generation=RawSQL(generation_sql(), (), BigIntegerField()))
        )

    def get_context_data(self, **kwargs):

        if self.object.published_at is None:
            self.object.published_at = timezone.now()  # shown only, never saved
        return super().get_context_data(is_preview=True, **kwargs)
