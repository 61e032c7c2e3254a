"""The editorial admin: what editors use every day at /admin/.

It uses the newsroom domain (models, services, versioning) and never the public site.
"""

from .articles import ArticleAdmin
from .notifications import OutboxMessageAdmin
from .pages import FormerSlugAdmin, PageAdmin, RedirectAdmin
from .related import AuthorAdmin, TaggedArticleAdmin, UpdateAdmin

__all__ = [
    "ArticleAdmin",
    "AuthorAdmin",
    "FormerSlugAdmin",
    "OutboxMessageAdmin",
    "PageAdmin",
    "RedirectAdmin",
    "TaggedArticleAdmin",
    "UpdateAdmin",
]
