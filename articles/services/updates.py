"""Retracting a published update or correction: it stays on the page, marked, with the reason."""

from django.db import transaction
from django.utils import timezone

from ..models import Update
from .common import lock, record, stamp
from .rules import WorkflowError


@transaction.atomic
def update_retract(*, update: Update, reason: str, user=None) -> Update:
    """Mark `update` retracted now, with `reason` for readers; a new version of its article.

    Published updates and corrections are the public record: nothing removes them, and a
    retraction says so on the page ("Retracted on …: reason") rather than deleting.
    """
    if user is not None and not user.has_perm("articles.publish_article"):
        raise WorkflowError("Only editors can retract an update or a correction.")
    reason = reason.strip()
    if not reason:
        raise WorkflowError("Say why it is retracted: readers see the reason.", field="reason")
    article = lock(update.article)
    update = Update.objects.select_for_update().get(pk=update.pk)
    if update.retracted_at is not None:
        raise WorkflowError(f"It was retracted on {update.retracted_at:%d %B %Y} already.")
    update.retracted_at = timezone.now()
    update.retraction_reason = reason
    update.save(update_fields=["retracted_at", "retraction_reason"])
    stamp(article, user)
    article.save(update_fields=["modified_by", "modified_at"])
    record(article, user, f"Retracted “{update}”: {reason}")
    return update
