import html

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags

from ..querysets import UpdateQuerySet
from .articles import Article


class Update(models.Model):
    """A dated addendum to a published article: an update, a correction or an editor's note."""

    class Kind(models.TextChoices):
        UPDATE = "update", "Update"
        CORRECTION = "correction", "Correction"
        EDITORS_NOTE = "note", "Editor’s note"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.UPDATE)
    published_at = models.DateTimeField(
        default=timezone.now, help_text="The date readers see beside the update."
    )
    title = models.CharField(max_length=300, blank=True)
    body = models.TextField(help_text="What changed or what readers should know.")
    order = models.PositiveSmallIntegerField(
        blank=True, help_text="Position among the article's updates; filled in when left blank."
    )
    retracted_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When it was retracted; it stays on the page, marked as retracted.",
    )
    retraction_reason = models.TextField(
        blank=True,
        db_default="",
        editable=False,
        help_text="Why it was retracted; readers see it.",
    )

    objects = UpdateQuerySet.as_manager()

    class Meta:
        ordering = ["published_at", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "order"], name="articles_update_order_unique"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["update", "correction", "note"]),
                name="articles_update_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(retracted_at__isnull=True) | ~Q(retraction_reason=""),
                name="articles_update_retraction_has_reason",
                violation_error_message="A retraction needs a reason readers can read.",
            ),
        ]

    def __str__(self):
        return self.title or f"{self.get_kind_display()} of {self.published_at:%d %B %Y}"

    def save(self, *args, **kwargs):
        if self.order is None:
            last = self.article.updates.aggregate(last=models.Max("order"))["last"]
            self.order = (last or 0) + 1
        super().save(*args, **kwargs)

    def natural_key(self):
        return (*self.article.natural_key(), self.order)

    @property
    def is_retracted(self):
        return self.retracted_at is not None

    @property
    def plain_text(self):
        return " ".join(html.unescape(strip_tags(self.body)).split())

    natural_key.dependencies = ["articles.article"]


class SearchWord(models.Model):
    """A word or name that “Did you mean …” may suggest (kept by database triggers).

    It may hold words of unpublished articles: a suggestion is only offered
    after checking that it finds published articles.
    """

    key = models.CharField(max_length=100, primary_key=True, help_text="Lower case, unaccented.")
    word = models.CharField(max_length=100, help_text="The word as printed.")

    class Meta:
        indexes = [
            GinIndex(OpClass("key", name="gin_trgm_ops"), name="articles_searchword_trgm_idx"),
        ]

    def __str__(self):
        return self.word


class SearchEntry(models.Model):
    """A published article's search vector on a narrow row of its own, for the search's
    matching statement (kept by database triggers: articles/sql/search_entries.sql).

    The id is the article's, with no foreign key: the trigger removes the row with the
    article, and a row found for an article the listing does not hold matches nothing.
    """

    article_id = models.BigIntegerField(primary_key=True)
    search_vector = SearchVectorField()

    class Meta:
        verbose_name_plural = "search entries"
        indexes = [GinIndex(fields=["search_vector"], name="articles_searchentry_gin")]

    def __str__(self):
        return f"search entry of article {self.article_id}"
