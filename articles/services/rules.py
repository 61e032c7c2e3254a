"""The editorial rules: who may move an article where, who may edit it, and the refusals.

Every service that writes an article checks these; the admin asks them too (to offer only
the allowed moves and to show a refusal on the form), but never decides on its own.
"""

from datetime import datetime

from django.utils import formats, timezone

from ..models import Article

Status = Article.Status

# Where an article may go from each status (staying put is always allowed).
TRANSITIONS = {
    Status.DRAFT: {Status.IN_REVIEW, Status.PUBLISHED},
    Status.IN_REVIEW: {Status.DRAFT, Status.PUBLISHED},
    Status.PUBLISHED: {Status.WITHDRAWN},
    Status.WITHDRAWN: {Status.DRAFT},
}

EDITABLE_BY_AUTHOR = {Status.DRAFT, Status.IN_REVIEW}


class WorkflowError(Exception):
    """A write the rules refuse; str() is the reason, in words for the editor.

    `field` names the input the refusal is about ("status", "published_at"), or is None.
    Nothing is written when it is raised.
    """

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


class StaleEdit(WorkflowError):
    """Someone saved the article after the editor opened it: `who` (a user, or None for a
    script or a deleted user) at `at`. Saving would overwrite their work."""

    def __init__(self, *, who, at: datetime):
        self.who, self.at = who, at
        when = formats.date_format(timezone.localtime(at), "DATETIME_FORMAT")
        super().__init__(f"{who_name(who)} saved this article at {when}, after you opened it.")


def who_name(user) -> str:
    if user is None:
        return "someone (a script or a deleted user)"
    return user.get_full_name() or user.get_username()


def can_edit(user, article: Article) -> bool:
    """Editors edit everything; a contributor edits their own drafts and articles in review."""
    if user.has_perm("articles.change_any_article"):
        return True
    return (
        user.has_perm("articles.change_article")
        and article.created_by_id == user.pk
        and article.status in EDITABLE_BY_AUTHOR
    )


def check_transition(*, user, article: Article, status: str) -> None:
    """Raise WorkflowError unless `user` (None: the system) may move `article` to `status`.

    `article.status` must still hold the status stored in the database.
    """
    current = Status(article.status)
    status = Status(status)
    if status == current:
        return
    if status not in TRANSITIONS[current]:
        allowed = ", ".join(f"“{s.label}”" for s in TRANSITIONS[current])
        raise WorkflowError(
            f"An article that is “{current.label}” cannot become “{status.label}” directly; "
            f"it can become {allowed}.",
            field="status",
        )
    if user is None:
        return
    if status == Status.PUBLISHED and not user.has_perm("articles.publish_article"):
        raise WorkflowError("Only editors can publish or schedule an article.", field="status")
    if status == Status.WITHDRAWN and not user.has_perm("articles.withdraw_article"):
        raise WorkflowError("Only editors can withdraw an article.", field="status")
    if current in {Status.PUBLISHED, Status.WITHDRAWN} and not user.has_perm(
        "articles.change_any_article"
    ):
        raise WorkflowError(
            "Only editors can change the status of a published article.", field="status"
        )


def allowed_statuses(*, user, article: Article) -> list[str]:
    """The statuses `user` may give `article` (its own included), in the order of Status."""
    allowed = []
    for status in Status:
        try:
            check_transition(user=user, article=article, status=status)
        except WorkflowError:
            continue
        allowed.append(status.value)
    return allowed


def check_schedule_at(at: datetime) -> None:
    """A scheduled publication is in the future (a past one would simply be publishing)."""
    if at <= timezone.now():
        raise WorkflowError("The time has passed. Choose a moment in the future.")


def check_images(*, article: Article, status: str) -> None:
    """A published article's images are described: alt text, or marked decorative.

    The one home of the rule; every path that publishes asks it (editing, workflow).
    """
    if Status(status) != Status.PUBLISHED:
        return
    image = article.lead_image
    if image is not None and not image.has_alt_text:
        raise WorkflowError(
            f"The lead image “{image}” has no alt text. Describe it in the media library "
            "(or mark it decorative) before publishing.",
            field="lead_image",
        )
