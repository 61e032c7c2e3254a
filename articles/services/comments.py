"""Comments between staff on an article (ArticleComment): add, reply, resolve, reopen.

Who may: any member of staff who can see the article in the admin comments and replies;
the article's author (its creator) or an editor (change_any_article) resolves and reopens
a thread. A refusal raises WorkflowError with the reason; nothing is written then.
"""

from django.db import transaction
from django.utils import timezone

from ..models import Article, ArticleComment
from .rules import WorkflowError

MAX_LENGTH = 5000


def can_comment(user, article: Article) -> bool:
    return user.is_active and user.is_staff and user.has_perm("articles.view_article")


def can_resolve(user, article: Article) -> bool:
    return can_comment(user, article) and (
        user.has_perm("articles.change_any_article") or article.created_by_id == user.pk
    )


@transaction.atomic
def comment_add(
    *, article: Article, user, body: str, quote: str = "", parent: ArticleComment | None = None
) -> ArticleComment:
    """A new thread (optionally quoting a passage of the body), or a reply to `parent`."""
    if not can_comment(user, article):
        raise WorkflowError("Only staff who can see this article comment on it.")
    body, quote = body.strip(), quote.strip()
    if not body:
        raise WorkflowError("Write something first.", field="body")
    if len(body) > MAX_LENGTH or len(quote) > MAX_LENGTH:
        raise WorkflowError(f"Keep it under {MAX_LENGTH} characters.", field="body")
    if parent is not None:
        if parent.article_id != article.pk:
            raise WorkflowError("That thread belongs to another article.")
        parent = parent.parent or parent  # replies stay one level deep
        quote = ""
    return ArticleComment.objects.create(
        article=article, parent=parent, author=user, body=body, quote=quote
    )


@transaction.atomic
def comment_resolve(*, comment: ArticleComment, user, is_resolved: bool = True) -> ArticleComment:
    """Mark a thread resolved (or reopen it: `is_resolved=False`)."""
    thread = comment.parent or comment
    if not can_resolve(user, thread.article):
        raise WorkflowError("Only the article's author or an editor resolves a thread.")
    thread.resolved_at = timezone.now() if is_resolved else None
    thread.resolved_by = user if is_resolved else None
    thread.save(update_fields=["resolved_at", "resolved_by"])
    return thread
