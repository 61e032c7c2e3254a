from django.contrib.sitemaps import Sitemap

from taxonomy.models import Term, Vocabulary

from ..models import Article
from .visible import published_authors


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Article.objects.published().order_by("-published_at", "-id")

    def lastmod(self, item):
        return item.modified_at


class TermSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return (
            Term.objects.select_related("vocabulary")
            .filter(articles__in=Article.objects.published())
            .distinct()
            .order_by("vocabulary__position", "slug")
        )


class VocabularySitemap(Sitemap):
    def items(self):
        return Vocabulary.objects.all()


class AuthorSitemap(Sitemap):
    def items(self):
        return published_authors().order_by("slug")


sitemaps = {
    "articles": ArticleSitemap,
    "terms": TermSitemap,
    "vocabularies": VocabularySitemap,
    "authors": AuthorSitemap,
}
