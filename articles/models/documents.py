from django.db import models


class ArticleDocumentQuerySet(models.QuerySet):
    def get_by_natural_key(self, article_slug, document_hash):
        return self.get(article__slug=article_slug, document__content_hash=document_hash)


class ArticleDocument(models.Model):
    """A library document attached to an article, in the order the page lists them."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="article_documents"
    )
    document = models.ForeignKey(
        "media.Document", on_delete=models.PROTECT, related_name="article_links"
    )
    position = models.PositiveSmallIntegerField(default=0)

    objects = ArticleDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "document"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "document"], name="articles_articledocument_unique"
            ),
        ]

    def __str__(self):
        return f"{self.document} ({self.position})"

    def natural_key(self):
        return (*self.article.natural_key(), *self.document.natural_key())

    natural_key.dependencies = ["articles.article", "media.document"]
