"""Comments between staff on an article: threads on its change form, never on the site.

A thread is a comment without a parent; replies hang off it (one level). A thread may
quote a passage of the body it is about (``quote``). Comments are not part of the
article's versions: a restore never touches them, and the history page shows them.
Deleting an article keeps its comments (no cascade, no database constraint), so that
recovering it brings its discussion back.
"""

from django.conf import settings
from django.db import models


class ArticleComment(models.Model):
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField()
    quote = models.TextField(
        "passage",
        blank=True,
        help_text="Optional: the words of the body this comment is about.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "comment"
        indexes = [models.Index(fields=["article", "created_at"], name="articles_comment_idx")]

    def __str__(self):
        return f"Comment on {self.article_id} by {self.author}"

    @property
    def is_resolved(self):
        return self.resolved_at is not None
