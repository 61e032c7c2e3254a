from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef

from taxonomy.models import Term, Vocabulary

from ..models import Article, ArticleAuthor, Author


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
        published = ArticleAuthor.objects.filter(
            author=OuterRef("pk"), article__in=Article.objects.published()
        )
        return Author.objects.filter(Exists(published)).order_by("slug")


sitemaps = {
    "articles": ArticleSitemap,
    "terms": TermSitemap,
    "vocabularies": VocabularySitemap,
    "authors": AuthorSitemap,
}
