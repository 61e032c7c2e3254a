"""The articles' querysets; `ArticleQuerySet.published()` is the single public gate."""

from django.db import models
from django.utils import timezone


class AuthorQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class ArticleQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def published(self):
        """The single public gate: published, its publication time has come, and its time
        to leave the site (expires_at), if any, has not."""
        now = timezone.now()
        return self.filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now),
            status=self.model.Status.PUBLISHED,
            published_at__lte=now,
        )

    def for_listing(self):
        """What a list of articles shows: ordered authors and the lead image with its
        renditions (the thumbnail, a feed's enclosure), without N+1 queries. Articles
        without an image cost no query for it."""
        return (
            self.select_related("lead_image")
            .prefetch_related(
                models.Prefetch(
                    "article_authors",
                    queryset=self.model.article_authors.rel.related_model.objects.select_related(
                        "author"
                    ).order_by("position"),
                ),
                "lead_image__renditions",
            )
            .order_by("-published_at", "-id")
        )


class ArticleAuthorQuerySet(models.QuerySet):
    def get_by_natural_key(self, article_slug, author_slug):
        return self.get(article__slug=article_slug, author__slug=author_slug)


class TaggedArticleQuerySet(models.QuerySet):
    def get_by_natural_key(self, article_slug, tag_name):
        return self.get(content_object__slug=article_slug, tag__name=tag_name)


class UpdateQuerySet(models.QuerySet):
    def get_by_natural_key(self, article_slug, order):
        return self.get(article__slug=article_slug, order=order)
