"""The newsroom's content: authors, articles (with their ordered authors and tags), updates,
the addresses they leave behind, editors' redirects and static pages."""

from .addresses import FormerSlug, Page, Redirect
from .articles import Article, ArticleAuthor, TaggedArticle
from .authors import Author
from .comments import ArticleComment
from .documents import ArticleDocument
from .imports import ImportedPost
from .notifications import NotificationPreference, OutboxMessage
from .pending import PendingChange
from .updates import SearchEntry, SearchWord, Update

__all__ = [
    "Article",
    "ArticleAuthor",
    "ArticleComment",
    "ArticleDocument",
    "Author",
    "FormerSlug",
    "ImportedPost",
    "NotificationPreference",
    "OutboxMessage",
    "Page",
    "PendingChange",
    "Redirect",
    "SearchEntry",
    "SearchWord",
    "TaggedArticle",
    "Update",
]
