import datetime

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q

from .articles import Article


class StateEncoder(DjangoJSONEncoder):
    """Dates in full: DjangoJSONEncoder drops microseconds, and a publication date read back
    must equal the stored one to the microsecond (a passed date never moves)."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            return o.isoformat()
        return super().default(o)


class PendingChange(models.Model):
    """An editor's change to a published article that readers do not see yet.

    The article row stays as readers see it (the *live* version); this row holds the whole
    edited state beside it (the *latest* version, in Wagtail's words): ``state`` is
    ``{"fields": {...}, "terms": [ids], "tags": [names], "authors": [ids in byline order],
    "updates": [{"id": id or None, "kind", "published_at", "title", "body"}]}``.
    ``articles.services.article_publish_changes`` writes it onto the article, at once or at
    ``publish_at``; ``article_discard_changes`` drops it. One per article at most.
    """

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, related_name="pending_change"
    )
    state = models.JSONField(encoder=StateEncoder)
    publish_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When these changes go live; empty: when an editor publishes them.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "unpublished change"
        indexes = [
            models.Index(
                fields=["publish_at"],
                name="articles_pending_due_idx",
                condition=Q(publish_at__isnull=False),
            ),
        ]

    def __str__(self):
        return f"Unpublished changes to “{self.article}”"

    def natural_key(self):
        return self.article.natural_key()

    natural_key.dependencies = ["articles.article"]
