"""Email to the newsroom: each person's preference, and the outbox messages wait in.

A notification is written as an OutboxMessage in the transaction of the act it reports
(submit, publish, return to the author...), so it exists exactly when the act does; it is
sent after the commit, and a failed send is retried later with a growing delay
(articles/services/notify.py). A save never waits for, nor fails with, the mail server.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class NotificationPreference(models.Model):
    """One staff user's choice; a user without a row gets email (the default)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    is_email_enabled = models.BooleanField(
        "email me about articles",
        default=True,
        help_text="Review requests, publications, articles returned to you, scheduled "
        "articles and changes going live. Untick to receive none.",
    )

    class Meta:
        verbose_name = "notification preference"

    def __str__(self):
        return f"Notifications of {self.user}"


class OutboxMessage(models.Model):
    """An email to one person, waiting to be sent (or sent: kept as the record).

    ``due_at``: not before then (a scheduled article's "it is live" waits for its moment).
    ``expects_published_at``: sent only if the article is still published at that date
    (a schedule moved or cancelled drops the message: ``dropped_at``).
    """

    class Event(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for review"
        PUBLISHED = "published", "Published"
        RETURNED = "returned", "Returned to the author"
        WENT_LIVE = "went_live", "Scheduled article live"
        CHANGES_LIVE = "changes_live", "Changes published"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    article = models.ForeignKey(
        "articles.Article", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    event = models.CharField(max_length=20, choices=Event.choices)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    due_at = models.DateTimeField()
    expects_published_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    dropped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        verbose_name = "outbox message"
        indexes = [
            models.Index(
                fields=["due_at"],
                name="articles_outbox_waiting_idx",
                condition=Q(sent_at__isnull=True, dropped_at__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.subject} → {self.recipient}"
