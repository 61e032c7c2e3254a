"""Sending the outbox: after the commit that wrote the messages, and from
`manage.py send_notifications` (run it every minute: scheduled "now live" messages and
retries wait for it).

A failed send is logged and tried again later: 1, 2, 4... minutes after each failure,
at most six hours apart, and given up (``dropped_at``, logged as an error) after
MAX_ATTEMPTS. A message whose recipient turned notifications off, lost their address or
left, or whose article's schedule moved, is dropped unsent.
"""

import contextlib
import logging
import smtplib
import threading
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connections, transaction
from django.utils import timezone

from ..models import Article, OutboxMessage

logger = logging.getLogger("articles.notifications")

MAX_ATTEMPTS = 12
FIRST_DELAY = timedelta(minutes=1)
LONGEST_DELAY = timedelta(hours=6)
BATCH = 100
# What a mail server that is down, refuses or hangs raises (socket errors are OSErrors).
SEND_ERRORS = (smtplib.SMTPException, OSError)


@dataclass(frozen=True)
class Sent:
    sent: int = 0
    failed: int = 0
    dropped: int = 0


def retry_delay(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failure: doubling from FIRST_DELAY, capped."""
    return min(FIRST_DELAY * 2 ** (attempts - 1), LONGEST_DELAY)


def waiting():
    return OutboxMessage.objects.filter(sent_at__isnull=True, dropped_at__isnull=True)


def outbox_send_soon() -> None:
    """Send what is due once the current transaction commits (at once outside one): in a
    thread of its own when settings.NOTIFICATIONS_SEND_IN_BACKGROUND (the default), so the
    editor's response never waits for the mail server; in line otherwise (the tests)."""
    if settings.NOTIFICATIONS_SEND_IN_BACKGROUND:
        transaction.on_commit(_send_in_background)
    else:
        transaction.on_commit(outbox_send)


def _send_in_background() -> None:
    def run():
        try:
            outbox_send()
        finally:
            connections.close_all()  # this thread's own connections

    # A daemon: a process that stops mid-send leaves the message to send_notifications.
    threading.Thread(target=run, name="outbox-send", daemon=True).start()


def outbox_send(*, limit: int = BATCH) -> Sent:
    """Send the messages that are due, each once even with several senders at work
    (rows locked, SKIP LOCKED). Never raises for a mail server's failure."""
    now = timezone.now()
    with transaction.atomic():
        messages = list(
            waiting()
            .filter(due_at__lte=now)
            .select_related("recipient__notification_preference", "article")
            .select_for_update(of=("self",), skip_locked=True)[:limit]
        )
        to_send = [m for m in messages if not _drop_reason(m)]
        for message in messages:
            if message not in to_send:
                message.dropped_at, message.last_error = now, _drop_reason(message)
        failed = _deliver(to_send, now=now)
        OutboxMessage.objects.bulk_update(
            messages, ["sent_at", "dropped_at", "attempts", "last_error", "due_at"]
        )
    return Sent(
        sent=len(to_send) - failed,
        failed=failed,
        dropped=len(messages) - len(to_send),
    )


def _drop_reason(message: OutboxMessage) -> str:
    user = message.recipient
    preference = getattr(user, "notification_preference", None)
    if not user.is_active or not user.email:
        return "The recipient has no active account with an email address."
    if preference is not None and not preference.is_email_enabled:
        return "The recipient turned notifications off."
    if message.expects_published_at is not None:
        article = message.article
        if (
            article is None
            or article.status != Article.Status.PUBLISHED
            or article.published_at != message.expects_published_at
        ):
            return "The article's schedule changed."
    return ""


def _deliver(messages: list[OutboxMessage], *, now) -> int:
    """Send each message on one connection; mark it sent or failed. The number failed."""
    if not messages:
        return 0
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except SEND_ERRORS as error:
        for message in messages:
            _failed(message, error, now=now)
        return len(messages)
    failed = 0
    try:
        for message in messages:
            email = EmailMessage(
                subject=message.subject,
                body=message.body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[message.recipient.email],
                connection=connection,
            )
            try:
                email.send()
            except SEND_ERRORS as error:
                _failed(message, error, now=now)
                failed += 1
            else:
                message.sent_at, message.attempts = now, message.attempts + 1
                message.last_error = ""
    finally:
        # The server going away after the last message leaves nothing to do.
        with contextlib.suppress(*SEND_ERRORS):
            connection.close()
    return failed


def _failed(message: OutboxMessage, error: Exception, *, now) -> None:
    message.attempts += 1
    message.last_error = f"{type(error).__name__}: {error}"[:1000]
    if message.attempts >= MAX_ATTEMPTS:
        message.dropped_at = now
        logger.error(
            "Gave up sending “%s” to %s after %d attempts: %s",
            message.subject,
            message.recipient.email,
            message.attempts,
            message.last_error,
        )
        return
    message.due_at = now + retry_delay(message.attempts)
    logger.warning(
        "Could not send “%s” to %s (attempt %d, next at %s): %s",
        message.subject,
        message.recipient.email,
        message.attempts,
        message.due_at.isoformat(),
        message.last_error,
    )
