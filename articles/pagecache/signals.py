"""Every editorial change bumps the publication generation (see pages.py)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from taggit.models import Tag

from taxonomy.models import Term, Vocabulary

from ..models import Article, ArticleAuthor, Author, PendingChange, TaggedArticle, Update
from .pages import publication_changed

# Everything a public page shows comes from these models; a save or delete of any
# of them is an editorial change. A PendingChange shows nowhere, but its publish_at is a
# moment the pages change at (pages._next_publication_at), kept per generation.
WATCHED_MODELS = (
    *(Article, Update, ArticleAuthor, TaggedArticle, Author, Term, Vocabulary, Tag),
    PendingChange,
)
WATCHED_M2M = (Article.terms.through, ArticleAuthor, TaggedArticle)


def _on_change(sender, **kwargs):
    publication_changed()


def _on_m2m_change(sender, action, **kwargs):
    if action.startswith("post_"):
        publication_changed()


def connect_signals() -> None:
    for model in WATCHED_MODELS:
        uid = f"articles.pagecache:{model._meta.label}"
        post_save.connect(_on_change, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"{uid}:delete")
    for through in WATCHED_M2M:
        m2m_changed.connect(
            _on_m2m_change,
            sender=through,
            dispatch_uid=f"articles.pagecache:{through._meta.label}",
        )
