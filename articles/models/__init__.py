"""The newsroom's content: authors, articles (with their ordered authors and tags), updates."""

from .articles import Article, ArticleAuthor, TaggedArticle
from .authors import Author
from .documents import ArticleDocument
from .pending import PendingChange
from .updates import SearchWord, Update

__all__ = [
    "Article",
    "ArticleAuthor",
    "ArticleDocument",
    "Author",
    "PendingChange",
    "SearchWord",
    "TaggedArticle",
    "Update",
]
