"""Updates and corrections as the public record, and updates edited on their own page.

Retracting a published update or correction: it stays on the page, marked, with the
reason. Saving an update edited on its own page: it is part of its article, so the
article's edit lock moves with it (an editor with the article open, whose form holds the
old update, is refused), and the update itself is guarded by its row token
(taxonomy.locks), so a save of the article's form that changed it meanwhile refuses this one.
"""

from django.db import transaction
from django.utils import timezone

from taxonomy.locks import check_unchanged

from ..models import Article, Update
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


@transaction.atomic
def update_check_save(*, update: Update, opened_token: str) -> None:
    """Raise taxonomy.locks.StaleObject if the update changed since `opened_token` was
    taken. The article row is locked first, in the order the article's own save takes
    them (article, then its updates), so the two saves wait for each other, never deadlock.
    """
    if update.pk is None:
        return
    stored_article_id = Update.objects.values_list("article_id", flat=True).get(pk=update.pk)
    lock(Article(pk=stored_article_id))
    check_unchanged(update, opened_token=opened_token)


@transaction.atomic
def update_save(*, update: Update, user, opened_token: str | None = None) -> Update:
    """Save `update` and raise its article's lock (and the article it left, if moved),
    stamping `user` as the article's last editor; one version of the article is recorded."""
    article_ids = {update.article_id}
    if update.pk is not None:
        article_ids.add(Update.objects.values_list("article_id", flat=True).get(pk=update.pk))
        if opened_token is not None:
            update_check_save(update=update, opened_token=opened_token)
    articles = [lock(Article(pk=pk)) for pk in sorted(article_ids)]
    update.save()
    for article in articles:
        stamp(article, user)
        article.save()  # Article.save raises lock_version in SQL
        record(article, user, f"Update “{update}” saved on its own page")
    return update
