"""Versions of articles, kept by django-reversion: what is kept, and how it is read and compared.

An article's version is one reversion Version of the Article row (its fields and its terms)
plus, in the same revision, one Version per author link (with its position), per tag link
and per update. Fields that only machines change (the edit lock, the search columns, the
timestamps the revision itself records) are not kept, so two saves of the same content
compare equal.

The one way to make a versioned change in code::

    from articles.versioning import capture, versioned

    with versioned(user=request_user_or_None, comment="Why this change"):
        ...change the article, its authors, tags, updates...
        capture(article)

`versioned` is taxonomy.versioning's, the one way to open a revision in the project. The
services in articles/services/ (save, publish, schedule, withdraw, restore, …) do exactly
this, and the admin calls them; `capture` records the final state once, whatever saved it.
"""

import reversion

from taxonomy.versioning import versioned

from ..models import Article, ArticleAuthor, Author, PendingChange, TaggedArticle, Update
from .compare import compare
from .fields import FOLLOW, NOT_VERSIONED
from .history import Entry, current_state, history, latest_state, version_number


def register():
    """Called once from ArticlesConfig.ready()."""
    reversion.register(Article, exclude=NOT_VERSIONED, follow=FOLLOW)
    reversion.register(ArticleAuthor)
    reversion.register(TaggedArticle)
    reversion.register(Update)
    reversion.register(Author)
    reversion.register(PendingChange)  # a staged save's state, beside the live version


def capture(article: Article, *, unless_unchanged: bool = False) -> None:
    """Record the article's state now (fields, terms, author links, tag links, updates).

    With `unless_unchanged`, nothing is recorded when the state equals the last version's.
    """
    if unless_unchanged and current_state(article) == latest_state(article.pk):
        return
    # The links first, explicitly: links captured earlier in the same block are recorded
    # again as they are now, and their names (object_repr) come without a query each.
    for related in (
        *article.article_authors.select_related("author"),
        *article.tagged_items.select_related("tag", "content_object"),
        *article.updates.all(),
    ):
        reversion.add_to_revision(related)
    reversion.add_to_revision(article)


__all__ = [
    "Entry",
    "capture",
    "compare",
    "current_state",
    "history",
    "latest_state",
    "register",
    "version_number",
    "versioned",
]
