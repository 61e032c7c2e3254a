"""Notification emails: who gets which, the link, preferences, and sends that fail."""

import logging
import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, OutboxMessage, PendingChange
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:articles_article_changelist"


@pytest.fixture
def people(make_user):
    return {
        "cora": make_user("Contributor", username="cora", email="cora@example.org"),
        "eddie": make_user("Editor", username="eddie", email="eddie@example.org"),
        "erin": make_user("Editor", username="erin", email="erin@example.org"),
    }


def recipients(outbox):
    return sorted(address for message in outbox for address in message.to)


def submit(client, article, **extra):
    return client.post(
        reverse(CHANGELIST),
        {"action": "submit_selected", "_selected_action": [article.pk], **extra},
    )


def test_submitting_for_review_emails_every_editor_but_not_the_author(
    login, people, make_article, mailoutbox, django_capture_on_commit_callbacks
):
    draft = make_article(status="draft", created_by=people["cora"])
    with django_capture_on_commit_callbacks(execute=True):
        submit(login(people["cora"]), draft)
    assert recipients(mailoutbox) == ["eddie@example.org", "erin@example.org"]
    message = mailoutbox[0]
    assert "Review requested" in message.subject
    link = "http://127.0.0.1:8000" + reverse("admin:articles_article_change", args=[draft.pk])
    assert link in message.body


def test_submitting_to_an_assignee_emails_only_them(
    login, people, make_article, mailoutbox, django_capture_on_commit_callbacks
):
    draft = make_article(status="draft", created_by=people["cora"])
    with django_capture_on_commit_callbacks(execute=True):
        submit(login(people["cora"]), draft, assignee=people["erin"].pk)
    assert recipients(mailoutbox) == ["erin@example.org"]
    draft.refresh_from_db()
    assert draft.assignee == people["erin"]


def test_the_assignee_is_set_on_the_form_and_told_when_the_draft_goes_to_review(
    login, people, make_article, mailoutbox, django_capture_on_commit_callbacks
):
    draft = make_article(status="draft", created_by=people["cora"])
    client = login(people["cora"])
    url = reverse("admin:articles_article_change", args=[draft.pk])
    data = change_form_data(client.get(url))
    data.update(status="review", assignee=people["eddie"].pk)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    assert recipients(mailoutbox) == ["eddie@example.org"]


def test_publishing_emails_the_author_not_the_editor_who_published(
    login, people, make_article, mailoutbox, django_capture_on_commit_callbacks
):
    article = make_article(status="review", created_by=people["cora"])
    with django_capture_on_commit_callbacks(execute=True):
        login(people["eddie"]).post(
            reverse(CHANGELIST), {"action": "publish_selected", "_selected_action": [article.pk]}
        )
    assert recipients(mailoutbox) == ["cora@example.org"]
    assert mailoutbox[0].subject.endswith(f"Published: {article.title}")


def test_returning_to_the_author_emails_the_reason(
    login, people, make_article, mailoutbox, django_capture_on_commit_callbacks
):
    article = make_article(status="review", created_by=people["cora"], assignee=people["erin"])
    url = reverse("admin:articles_article_return", args=[article.pk])
    client = login(people["eddie"])
    assert client.post(url, {"reason": "  "}).status_code == 200  # a reason is required
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "The second source is missing."})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert recipients(mailoutbox) == ["cora@example.org", "erin@example.org"]
    assert "The second source is missing." in mailoutbox[0].body


def test_a_contributor_cannot_return_an_article(login, people, make_article):
    article = make_article(status="review", created_by=people["cora"])
    url = reverse("admin:articles_article_return", args=[article.pk])
    assert login(people["cora"]).post(url, {"reason": "no"}).status_code == 403


def test_a_scheduled_article_emails_when_it_goes_live_not_before(
    people, make_article, mailoutbox, django_capture_on_commit_callbacks
):
    article = make_article(status="review", created_by=people["cora"])
    at = timezone.now() + timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_schedule(article=article, at=at, user=people["eddie"])
    assert mailoutbox == []
    call_command("send_notifications")
    assert mailoutbox == []
    # The hour passes: the article's date and the message's moment move back together.
    earlier = timezone.now() - timedelta(minutes=1)
    Article.objects.filter(pk=article.pk).update(published_at=earlier)
    OutboxMessage.objects.update(due_at=earlier, expects_published_at=earlier)
    call_command("send_notifications")
    assert recipients(mailoutbox) == ["cora@example.org", "eddie@example.org"]
    assert "Now live" in mailoutbox[0].subject
    assert "scheduled by eddie" in mailoutbox[0].body


def test_a_staged_change_going_live_emails_the_author_and_who_staged_it(
    people, make_article, mailoutbox, django_capture_on_commit_callbacks
):
    article = make_article(created_by=people["cora"])
    state = services.state_of(article)
    state["fields"]["title"] = "A better title"
    services.article_stage_changes(
        article=article, user=people["erin"], state=state, opened_version=article.lock_version
    )
    article.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish_changes(article=article, user=people["eddie"])
    assert recipients(mailoutbox) == ["cora@example.org", "erin@example.org"]
    assert "Changes published" in mailoutbox[0].subject


def test_notifications_turned_off_on_the_preference_page_send_nothing(
    login, people, make_article, mailoutbox, django_capture_on_commit_callbacks
):
    for name in ("eddie", "erin"):
        response = login(people[name]).post(reverse("admin:notification_preferences"), {})
        assert response.status_code == 302
    draft = make_article(status="draft", created_by=people["cora"])
    with django_capture_on_commit_callbacks(execute=True):
        submit(login(people["cora"]), draft)
    assert mailoutbox == []


def test_a_message_waiting_for_someone_who_turns_notifications_off_is_dropped(
    login, people, make_article, mailoutbox
):
    draft = make_article(status="draft", created_by=people["cora"])
    services.article_submit(article=draft, user=people["cora"], assignee=people["erin"])
    login(people["erin"]).post(reverse("admin:notification_preferences"), {})
    call_command("send_notifications")
    assert mailoutbox == []
    assert OutboxMessage.objects.get().dropped_at is not None


@pytest.fixture
def closed_port():
    """A local port nothing listens on: connecting to it is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_mail_server_that_refuses_never_breaks_the_save_and_is_retried(
    login, people, make_article, settings, closed_port, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port
    draft = make_article(status="draft", created_by=people["cora"])
    with (
        caplog.at_level(logging.WARNING, "articles.notifications"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = submit(login(people["cora"]), draft, assignee=people["erin"].pk)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Article.Status.IN_REVIEW  # saved all the same
    message = OutboxMessage.objects.get()
    assert message.sent_at is None and message.attempts == 1
    assert "ConnectionRefusedError" in message.last_error
    assert message.due_at > timezone.now()  # not before the backoff's delay
    assert "Could not send" in caplog.text

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_notifications")
    assert mail.outbox == []  # not due yet
    OutboxMessage.objects.update(due_at=timezone.now())
    call_command("send_notifications")
    assert [m.to for m in mail.outbox] == [["erin@example.org"]]
    assert OutboxMessage.objects.get().sent_at is not None


def test_each_failure_waits_twice_as_long_before_the_next_try(
    people, make_article, settings, closed_port
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port
    draft = make_article(status="draft", created_by=people["cora"])
    services.article_submit(article=draft, user=people["cora"], assignee=people["erin"])
    waits = []
    for _ in range(3):
        OutboxMessage.objects.update(due_at=timezone.now())
        before = timezone.now()
        call_command("send_notifications")
        waits.append(OutboxMessage.objects.get().due_at - before)
    assert [round(w.total_seconds() / 60) for w in waits] == [1, 2, 4]


def test_a_staged_change_scheduled_for_a_moment_emails_when_the_command_applies_it(
    people, make_article, mailoutbox
):
    article = make_article(created_by=people["cora"])
    state = services.state_of(article)
    state["fields"]["title"] = "A later title"
    services.article_stage_changes(
        article=article, user=people["erin"], state=state, opened_version=article.lock_version
    )
    services.article_schedule_changes(
        article=article, at=timezone.now() + timedelta(hours=1), user=people["eddie"]
    )
    assert mailoutbox == []
    PendingChange.objects.update(publish_at=timezone.now() - timedelta(minutes=1))  # it is time
    call_command("send_notifications")
    article.refresh_from_db()
    assert article.title == "A later title"
    assert recipients(mailoutbox) == ["cora@example.org", "eddie@example.org", "erin@example.org"]
    assert "(The schedule)" in mailoutbox[0].body


def test_the_preference_page_shows_the_address_and_the_choice(login, people):
    page = login(people["erin"]).get(reverse("admin:notification_preferences"))
    assert page.status_code == 200
    assert "erin@example.org" in page.content.decode()
    assert 'name="is_email_enabled"' in page.content.decode()


def test_assigning_an_article_already_in_review_emails_the_new_assignee(
    login, people, make_article, mailoutbox, django_capture_on_commit_callbacks
):
    article = make_article(status="review", created_by=people["cora"])
    client = login(people["eddie"])
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(client.get(url))
    data.update(assignee=people["erin"].pk)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    assert recipients(mailoutbox) == ["erin@example.org"]


def test_an_edit_that_moves_nothing_in_the_workflow_emails_nobody(
    login, people, make_article, mailoutbox, django_capture_on_commit_callbacks
):
    draft = make_article(status="draft", created_by=people["cora"], assignee=people["erin"])
    client = login(people["cora"])
    url = reverse("admin:articles_article_change", args=[draft.pk])
    data = change_form_data(client.get(url))
    data.update(title="A sharper title")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    assert mailoutbox == []
    assert not OutboxMessage.objects.exists()
