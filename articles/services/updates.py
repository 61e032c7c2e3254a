"""Saving an update edited on its own page: it is part of its article, so the article's
edit lock moves with it (an editor with the article open, whose form holds the old
update, is refused), and the update itself is guarded by its row token (taxonomy.locks),
so a save of the article's form that changed it meanwhile refuses this one.
"""

from django.db import transaction

from taxonomy.locks import check_unchanged

from ..models import Article, Update
from .common import lock, record, stamp


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
