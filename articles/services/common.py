"""What every article write does: lock the row, stamp the editor, record the version."""

from ..models import Article
from ..versioning import capture, versioned


def lock(article: Article) -> Article:
    """The row, locked until the transaction ends, so two writes cannot interleave."""
    return Article.objects.select_for_update().get(pk=article.pk)


def stamp(article: Article, user) -> None:
    if user is not None and user.is_authenticated:
        article.modified_by = user


def record(article: Article, user, comment: str, *, unless_unchanged: bool = False) -> None:
    """One version of the article's state now, by `user`, with `comment` as its reason."""
    with versioned(user=user, comment=comment):
        capture(article, unless_unchanged=unless_unchanged)
