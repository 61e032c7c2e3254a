from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from taxonomy.models import Term, Vocabulary

from ..models import Article, Page
from ..pagecache import tags as page_tags
from .visible import published_authors


class TaggedSitemap(Sitemap):
    """Every section of the sitemap is one cached page, tagged ``sitemap``."""

    def get_urls(self, *args, **kwargs):
        page_tags.add(page_tags.SITEMAP)
        return super().get_urls(*args, **kwargs)


class ArticleSitemap(TaggedSitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Article.objects.published().order_by("-published_at", "-id")

    def lastmod(self, item):
        """Its latest update or correction, else its publication (what readers see as
        "Updated"; an edit that adds no update is not news to a crawler)."""
        return item.updated_at or item.published_at


class TermSitemap(TaggedSitemap):
    changefreq = "weekly"

    def items(self):
        return (
            Term.objects.select_related("vocabulary")
            .filter(articles__in=Article.objects.published())
            .distinct()
            .order_by("vocabulary__position", "slug")
        )


class VocabularySitemap(TaggedSitemap):
    def items(self):
        return Vocabulary.objects.all()


class AuthorSitemap(TaggedSitemap):
    def items(self):
        return published_authors().order_by("slug")


class PageSitemap(TaggedSitemap):
    """The static pages and the corrections page."""

    def items(self):
        return ["corrections", *Page.objects.order_by("slug")]

    def location(self, item):
        return reverse("articles:corrections") if item == "corrections" else super().location(item)

    def lastmod(self, item):
        return None if item == "corrections" else item.modified_at


sitemaps = {
    "articles": ArticleSitemap,
    "terms": TermSitemap,
    "vocabularies": VocabularySitemap,
    "authors": AuthorSitemap,
    "pages": PageSitemap,
}
