"""Staged changes to published articles, through the admin as editors use it."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.models import Article, PendingChange
from articles.versioning import capture, versioned
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def post_change(client, article, **changes):
    data = change_form_data(client.get(change_url(article)))
    data.update(changes)
    return client.post(change_url(article), data)


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def live(make_article, make_author):
    return make_article(
        title="Old title",
        slug="the-piece",
        body="<p>Old body words.</p>",
        authors=[make_author(name="Ada Diallo")],
        tags=["peacekeeping"],
        updates=[{"kind": "correction", "body": "<p>Old correction.</p>"}],
    )


PUBLIC_SURFACES = ["/", "/?q=zanzibarian", "/feeds/rss/", "/feeds/atom/", "/sitemap.xml"]


def test_saving_a_live_article_stages_the_change_and_readers_see_nothing(
    client, login, editor, live
):
    response = post_change(
        login(editor), live, title="Zanzibarian title", body="<p>Zanzibarian body.</p>"
    )
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.title == "Old title"
    assert PendingChange.objects.get(article=live).state["fields"]["title"] == "Zanzibarian title"
    page = client.get(live.get_absolute_url())
    assert "Old title" in page.text and "Zanzibarian" not in page.text
    assert "Zanzibarian" not in str(page.context["json_ld"])
    for url in PUBLIC_SURFACES:
        assert "Zanzibarian" not in client.get(url).text, url


def test_the_form_shows_the_pending_state_with_a_banner(login, editor, live, make_author):
    client = login(editor)
    data = change_form_data(client.get(change_url(live)))
    data.update(title="Pending title", new_tags="sahel")
    data["article_authors-TOTAL_FORMS"] = "2"
    data["article_authors-1-author"] = str(make_author(name="Zach Silberman").pk)
    data["article_authors-1-position"] = "0"
    data["article_authors-0-position"] = "1"
    client.post(change_url(live), data)
    response = client.get(change_url(live))
    assert "Live, with unpublished changes — readers still see the published version" in (
        response.text
    )
    form = response.context["adminform"].form
    assert form.initial["title"] == "Pending title"
    authors = response.context["inline_admin_formsets"][0].formset
    assert [f.initial["author"] for f in authors.forms] == [
        PendingChange.objects.get().state["authors"][0],
        live.article_authors.get().author_id,
    ]
    assert "sahel" in form.initial["new_tags"]


def test_publish_changes_makes_them_live_in_one_go(client, login, editor, live):
    editor_client = login(editor)
    post_change(editor_client, live, title="New title", body="<p>New body.</p>")
    response = post_change(editor_client, live, _publish_changes="Publish changes")
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.title == "New title"
    assert not PendingChange.objects.exists()
    assert "New body." in client.get(live.get_absolute_url()).text
    assert live.tags.names()[0] == "peacekeeping"
    assert live.article_authors.get().author.name == "Ada Diallo"
    assert live.updates.get().body == "<p>Old correction.</p>"


def test_publish_changes_list_action(login, editor, live):
    client = login(editor)
    post_change(client, live, title="Through the list")
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_changes_selected", "_selected_action": [live.pk]},
        follow=True,
    )
    assert "Published the changes of 1 article." in messages_of(response)
    live.refresh_from_db()
    assert live.title == "Through the list"


def test_discard_changes_asks_then_drops_them(login, editor, live):
    client = login(editor)
    post_change(client, live, title="To be dropped")
    url = reverse("admin:articles_article_discard_changes", args=[live.pk])
    page = client.get(url)
    assert "Yes, discard the changes" in page.text
    assert PendingChange.objects.exists()
    client.post(url)
    assert not PendingChange.objects.exists()
    live.refresh_from_db()
    assert live.title == "Old title"
    assert "To be dropped" not in client.get(change_url(live)).text


def test_versions_record_the_pending_save_and_the_publication(login, editor, live):
    client = login(editor)
    post_change(client, live, title="Versioned", version_comment="tighter title")
    post_change(client, live, _publish_changes="Publish changes")
    comments = [
        v.revision.comment
        for v in Version.objects.get_for_object(live).select_related("revision").order_by("pk")
    ]
    assert comments[-2].startswith("Pending change: tighter title — Changed Title")
    assert comments[-1] == "Published the pending changes"
    assert len(comments) == 2


def test_a_second_editor_with_the_form_open_is_refused_after_a_staged_save(
    login, editor, make_user, live
):
    other = make_user("Editor", username="olga", first_name="Olga")
    first, second = login(editor), login(other)
    stale = change_form_data(second.get(change_url(live)))
    post_change(first, live, title="First editor")
    stale["title"] = "Second editor"
    response = second.post(change_url(live), stale)
    assert response.status_code == 200
    assert "Eddie Desk saved this article" in response.text
    assert PendingChange.objects.get().state["fields"]["title"] == "First editor"


def test_a_published_update_cannot_be_deleted_from_the_form(login, editor, live):
    response = post_change(login(editor), live, **{"updates-0-DELETE": "on"})
    assert response.status_code == 200
    assert "cannot be deleted" in response.text
    assert live.updates.count() == 1


def test_scheduled_changes_go_live_at_their_moment_without_cron(
    client, login, editor, live, monkeypatch
):
    at = timezone.now() + timedelta(hours=2)
    post_change(
        login(editor),
        live,
        title="Morning title",
        publish_changes_at_0=at.strftime("%Y-%m-%d"),
        publish_changes_at_1=at.strftime("%H:%M:%S"),
    )
    assert PendingChange.objects.get().publish_at is not None
    assert "Morning title" not in client.get(live.get_absolute_url()).text
    later = timezone.now() + timedelta(hours=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Morning title" in client.get(live.get_absolute_url()).text
    assert not PendingChange.objects.exists()


def test_preview_shows_the_pending_version_with_a_banner(client, login, editor, live):
    editor_client = login(editor)
    post_change(editor_client, live, title="Previewed title")
    page = editor_client.get(reverse("articles:preview", args=[live.pk]))
    assert "Preview: not what readers see." in page.text
    assert "Previewed title" in page.text
    live.refresh_from_db()
    assert live.title == "Old title"
    assert "Previewed title" not in client.get(live.get_absolute_url()).text


def test_preview_of_an_undated_draft_claims_no_date(login, editor, make_article):
    draft = make_article(status=Article.Status.DRAFT, title="Undated")
    page = login(editor).get(reverse("articles:preview", args=[draft.pk]))
    assert "Not yet published" in page.text
    assert "Published <time" not in page.text


def test_list_shows_live_with_unpublished_changes_and_filters_them(
    login, editor, live, make_article
):
    client = login(editor)
    other = make_article(title="Untouched")
    post_change(client, live, title="Changed")
    response = client.get(reverse("admin:articles_article_changelist"), {"pending": "yes"})
    assert "Live, with unpublished changes" in response.text
    assert list(response.context["cl"].result_list) == [live]
    response = client.get(reverse("admin:articles_article_changelist"), {"pending": "no"})
    assert other in response.context["cl"].result_list and live not in (
        response.context["cl"].result_list
    )


def test_contributors_drafts_are_still_saved_directly(login, contributor, make_article):
    draft = make_article(status=Article.Status.DRAFT, created_by=contributor)
    post_change(login(contributor), draft, title="Straight in")
    draft.refresh_from_db()
    assert draft.title == "Straight in"
    assert not PendingChange.objects.exists()


def test_restore_asks_first_showing_the_changes_and_keeps_published_corrections(
    client, login, editor, live
):
    client_ = login(editor)
    with versioned(comment="As first published"):
        capture(live)
    post_change(client_, live, title="Second title", _publish_changes="Publish changes")
    first = Version.objects.get_for_object(live).order_by("pk").first()
    live.updates.create(kind="correction", body="<p>A later correction.</p>")
    url = reverse("admin:articles_article_restore", args=[live.pk, first.pk])
    asked = client_.get(url)
    assert "Yes, restore version 1" in asked.text
    assert [row.label for row in asked.context["rows"]][:1] == ["title"]
    assert "<del>Second</del>" in asked.text and "<ins>Old</ins>" in asked.text
    assert "Kept as published" in asked.text
    live.refresh_from_db()
    assert live.title == "Second title"
    done = client_.post(url, follow=True)
    assert any(
        m.startswith("Kept as published: kept the published correction")
        for m in (messages_of(done))
    )
    live.refresh_from_db()
    assert live.title == "Old title"
    assert live.updates.count() == 2
    assert "A later correction." in client.get(live.get_absolute_url()).text
