"""Who hears of an editorial act, and what they read: outbox messages, written in the act's
transaction (articles/models/notifications.py) and sent once it commits (outbox.py).

    submitted for review   the assignee; with none, every reviewer (publish permission)
    published              the article's creator and assignee
    returned to the author the creator and the assignee, with the reviewer's reason
    scheduled, then live   the creator and the assignee, at the scheduled moment
    staged changes live    the creator, the assignee and whoever staged the changes

Never the person who acted, nor anyone without an email address or with notifications
turned off (NotificationPreference).
"""

from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from ..models import Article, NotificationPreference, OutboxMessage
from .outbox import outbox_send_soon

Event = OutboxMessage.Event

SUBJECTS = {
    Event.SUBMITTED: "Review requested: {title}",
    Event.PUBLISHED: "Published: {title}",
    Event.RETURNED: "Returned to you: {title}",
    Event.WENT_LIVE: "Now live: {title}",
    Event.CHANGES_LIVE: "Changes published: {title}",
}
OPENINGS = {
    Event.SUBMITTED: "{actor} asks for a review of “{title}”.",
    Event.PUBLISHED: "{actor} published “{title}”.",
    Event.RETURNED: "{actor} returned “{title}” to its author, as a draft.",
    Event.WENT_LIVE: "“{title}”, scheduled by {actor}, is now live on the site.",
    Event.CHANGES_LIVE: "The unpublished changes to “{title}” are now live ({actor}).",
}


def reviewers():
    """Active staff who may publish: the people a review request without assignee reaches."""
    return (
        get_user_model()
        .objects.with_perm(
            "articles.publish_article",
            is_active=True,
            backend="django.contrib.auth.backends.ModelBackend",
        )
        .filter(is_staff=True)
    )


def admin_link(article: Article) -> str:
    """The article's admin page, absolute (settings.SITE_URL): emails are read elsewhere."""
    path = reverse("admin:articles_article_change", args=[article.pk])
    return settings.SITE_URL.rstrip("/") + path


def _name(user) -> str:
    if user is None or not user.is_authenticated:
        return "The schedule"
    return user.get_full_name() or user.get_username()


def _recipients(ids, *, actor, extra=None, exclude_actor=True):
    """The users among `ids` (and `extra`, a queryset) who want and can get email."""
    condition = Q(pk__in={pk for pk in ids if pk is not None})
    if extra is not None:
        condition |= Q(pk__in=extra.values("pk"))
    users = get_user_model().objects.filter(condition, is_active=True).exclude(email="")
    users = users.exclude(notification_preference__is_email_enabled=False)
    if exclude_actor and actor is not None and actor.is_authenticated:
        users = users.exclude(pk=actor.pk)
    return list(users)


def notify(
    *,
    event: str,
    article: Article,
    actor,
    people=(),
    everyone=None,
    reason: str = "",
    due_at: datetime | None = None,
    exclude_actor: bool = True,
) -> int:
    """Write one outbox message per recipient (the ids in `people`, the users of the
    queryset `everyone`; not `actor` unless `exclude_actor` is false); they are sent after
    the commit. The number written."""
    recipients = _recipients(people, actor=actor, extra=everyone, exclude_actor=exclude_actor)
    words = {"title": article.title, "actor": _name(actor)}
    lines = [OPENINGS[event].format(**words)]
    if reason.strip():
        lines += ["", "The reason given:", reason.strip()]
    lines += ["", f"Open the article: {admin_link(article)}", "", _footer()]
    now = timezone.now()
    OutboxMessage.objects.bulk_create(
        OutboxMessage(
            recipient=user,
            article=article,
            event=event,
            subject=f"[{settings.SITE_NAME}] " + SUBJECTS[event].format(**words),
            body="\n".join(lines),
            due_at=due_at or now,
            expects_published_at=article.published_at if due_at else None,
        )
        for user in recipients
    )
    if recipients:
        outbox_send_soon()
    return len(recipients)


def _footer() -> str:
    path = reverse("admin:notification_preferences")
    return (
        "You receive this as a member of the newsroom. To stop these emails: "
        f"{settings.SITE_URL.rstrip('/')}{path}"
    )


def _creator_and_assignee(article: Article) -> list:
    return [article.created_by_id, article.assignee_id]


def notify_submitted(*, article: Article, actor) -> int:
    if article.assignee_id:
        return notify(
            event=Event.SUBMITTED, article=article, actor=actor, people=[article.assignee_id]
        )
    return notify(event=Event.SUBMITTED, article=article, actor=actor, everyone=reviewers())


def notify_published(*, article: Article, actor) -> int:
    if article.published_at and article.published_at > timezone.now():
        return notify_scheduled(article=article, actor=actor)
    return notify(
        event=Event.PUBLISHED, article=article, actor=actor, people=_creator_and_assignee(article)
    )


def notify_scheduled(*, article: Article, actor) -> int:
    """ "Now live" at the scheduled moment; a message waiting for an earlier schedule of the
    same article is dropped (and would be anyway: it expects the old date)."""
    OutboxMessage.objects.filter(
        article=article, event=Event.WENT_LIVE, sent_at__isnull=True, dropped_at__isnull=True
    ).update(dropped_at=timezone.now())
    # The person who scheduled it is told too: the moment comes without them.
    return notify(
        event=Event.WENT_LIVE,
        article=article,
        actor=actor,
        people=[*_creator_and_assignee(article), getattr(actor, "pk", None)],
        due_at=article.published_at,
        exclude_actor=False,
    )


def notify_returned(*, article: Article, actor, reason: str) -> int:
    return notify(
        event=Event.RETURNED,
        article=article,
        actor=actor,
        people=_creator_and_assignee(article),
        reason=reason,
    )


def notify_changes_live(*, article: Article, actor, staged_by=()) -> int:
    return notify(
        event=Event.CHANGES_LIVE,
        article=article,
        actor=actor,
        people=[*_creator_and_assignee(article), *staged_by],
    )


def notify_save(*, article: Article, actor, before: dict | None, note: str = "") -> None:
    """What a form save changed in the workflow, as the acts above would report it.

    `before`: the stored status, assignee and publication date (None: a new article)."""
    status = before["status"] if before else None
    S = Article.Status
    if article.status == S.IN_REVIEW and status != S.IN_REVIEW:
        notify_submitted(article=article, actor=actor)
    elif article.status == S.PUBLISHED and (
        status != S.PUBLISHED or before["published_at"] != article.published_at
    ):
        notify_published(article=article, actor=actor)
    elif article.status == S.DRAFT and status == S.IN_REVIEW:
        if actor is None or actor.pk != article.created_by_id:
            notify_returned(article=article, actor=actor, reason=note)
    elif (
        article.status == S.IN_REVIEW
        and article.assignee_id
        and article.assignee_id != (before or {}).get("assignee_id")
    ):
        notify(event=Event.SUBMITTED, article=article, actor=actor, people=[article.assignee_id])


def notification_preference_set(*, user, is_email_enabled: bool) -> NotificationPreference:
    """Turn `user`'s notification emails on or off; messages waiting for them follow
    (the sender drops them when it comes to them)."""
    preference, _ = NotificationPreference.objects.update_or_create(
        user=user, defaults={"is_email_enabled": is_email_enabled}
    )
    return preference
