"""The newsroom's content: authors, articles (with their ordered authors and tags), updates."""

from .articles import Article, ArticleAuthor, TaggedArticle
from .authors import Author
from .comments import ArticleComment
from .notifications import NotificationPreference, OutboxMessage
from .pending import PendingChange
from .updates import SearchWord, Update

__all__ = [
    "Article",
    "ArticleAuthor",
    "ArticleComment",
    "Author",
    "NotificationPreference",
    "OutboxMessage",
    "PendingChange",
    "SearchWord",
    "TaggedArticle",
    "Update",
]
