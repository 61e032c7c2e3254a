"""The newsroom's content: authors, articles (with their ordered authors and tags), updates."""

from .articles import Article, ArticleAuthor, TaggedArticle
from .authors import Author
from .pending import PendingChange
from .updates import SearchWord, Update

__all__ = [
    "Article",
    "ArticleAuthor",
    "Author",
    "PendingChange",
    "SearchWord",
    "TaggedArticle",
    "Update",
]
