from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db

# Saving a live article stages the change (tests/articles/test_staged.py); these tests
# press "Publish changes", the button that stages and publishes in one go, as the save
# button did before. A draft's form ignores it.
PUBLISH = {"_publish_changes": "Publish changes"}

CHANGELIST = "admin:articles_article_changelist"


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def post_change(client, article, **changes):
    data = change_form_data(client.get(change_url(article)))
    data.update(PUBLISH, **changes)
    return client.post(change_url(article), data)


def run_action(client, action, articles, **extra):
    return client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [a.pk for a in articles], **extra},
        follow=True,
    )


def snapshot(article):
    return Article.objects.filter(pk=article.pk).values().get()


# Contributors


def test_contributor_edits_their_own_draft(login, contributor, make_article):
    draft = make_article(status="draft", created_by=contributor)
    response = post_change(login(contributor), draft, title="Better title")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Better title"


def test_contributor_submits_their_draft_for_review(login, contributor, make_article):
    draft = make_article(status="draft", created_by=contributor)
    response = run_action(login(contributor), "submit_selected", [draft])
    assert "Submitted 1 article." in messages_of(response)
    draft.refresh_from_db()
    assert draft.status == "review"


def test_contributor_forging_status_published_is_refused_and_nothing_changes(
    login, contributor, make_article
):
    draft = make_article(status="draft", created_by=contributor)
    before = snapshot(draft)
    response = post_change(login(contributor), draft, status="published", title="Sneaky new title")
    assert response.status_code == 200
    assert "Only editors can publish or schedule an article." in response.text
    assert "Sneaky new title" in response.text  # their input is kept in the form
    assert snapshot(draft) == before


def test_contributor_forging_a_schedule_date_changes_nothing(login, contributor, make_article):
    draft = make_article(status="draft", created_by=contributor)
    before = snapshot(draft)
    future = timezone.now() + timedelta(days=3)
    post_change(
        login(contributor),
        draft,
        published_at_0=future.date().isoformat(),
        published_at_1="10:00:00",
    )
    assert snapshot(draft)["published_at"] == before["published_at"] is None


def test_contributor_cannot_edit_someone_elses_draft(login, contributor, make_user, make_article):
    other = make_user("Contributor")
    draft = make_article(status="draft", created_by=other)
    before = snapshot(draft)
    client = login(contributor)
    page = client.get(change_url(draft))
    assert page.status_code == 200
    assert 'name="title"' not in page.text  # shown read-only
    data = {"title": "Hijacked", "slug": draft.slug, "status": "draft", "lock_version": "0"}
    response = client.post(change_url(draft), data, follow=True)
    assert any("you can edit only your own drafts" in m for m in messages_of(response))
    assert snapshot(draft) == before


def test_contributor_cannot_edit_their_article_once_published(login, contributor, make_article):
    article = make_article(created_by=contributor)
    before = snapshot(article)
    client = login(contributor)
    client.post(change_url(article), {"title": "Changed after publication"})
    assert snapshot(article) == before


def test_contributor_is_not_offered_publish_or_withdraw(login, contributor, make_article):
    make_article()
    page = login(contributor).get(reverse(CHANGELIST)).text
    assert "submit_selected" in page
    for action in ("publish_selected", "schedule_selected", "withdraw_selected"):
        assert action not in page


@pytest.mark.parametrize("action", ["publish_selected", "withdraw_selected", "schedule_selected"])
def test_contributor_forging_an_action_changes_nothing(login, contributor, make_article, action):
    draft = make_article(status="draft", created_by=contributor)
    live = make_article()
    before = [snapshot(draft), snapshot(live)]
    future = timezone.now() + timedelta(days=1)
    run_action(
        login(contributor),
        action,
        [draft, live],
        apply="1",
        publish_at_0=future.date().isoformat(),
        publish_at_1="10:00:00",
    )
    assert [snapshot(draft), snapshot(live)] == before


def test_contributor_cannot_delete_articles(login, contributor, make_article):
    draft = make_article(status="draft", created_by=contributor)
    client = login(contributor)
    url = reverse("admin:articles_article_delete", args=[draft.pk])
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 403
    assert Article.objects.filter(pk=draft.pk).exists()


# Editors


def test_editor_edits_anyones_article(login, editor, contributor, make_article):
    article = make_article(created_by=contributor)
    response = post_change(login(editor), article, title="Edited by the desk")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Edited by the desk"
    assert article.modified_by == editor


def test_editor_publishes_reports_the_count_and_skips_with_reasons(login, editor, make_article):
    draft = make_article(status="draft", title="Ready")
    review = make_article(status="review", title="Reviewed")
    live = make_article(title="Already out")
    withdrawn = make_article(status="withdrawn", title="Pulled")
    response = run_action(login(editor), "publish_selected", [draft, review, live, withdrawn])
    notes = messages_of(response)
    assert "Published 2 articles." in notes
    assert any(
        "Skipped 2" in n and "“Already out”: It is already published." in n and "“Pulled”" in n
        for n in notes
    )
    assert Article.objects.published().filter(pk__in=[draft.pk, review.pk]).count() == 2


def test_editor_withdraws_a_published_article(login, editor, make_article):
    live = make_article()
    draft = make_article(status="draft")
    response = run_action(login(editor), "withdraw_selected", [live, draft])
    notes = messages_of(response)
    assert "Withdrew 1 article." in notes
    assert any("not published" in n for n in notes)
    live.refresh_from_db()
    assert live.status == "withdrawn"
    assert not Article.objects.published().filter(pk=live.pk).exists()


def test_withdrawn_article_goes_back_to_draft(login, editor, make_article):
    article = make_article(status="withdrawn", published_at=timezone.now() - timedelta(days=9))
    response = post_change(login(editor), article, status="draft")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == "draft"


def test_published_article_cannot_jump_back_to_draft(login, editor, make_article):
    article = make_article()
    response = post_change(login(editor), article, status="draft")
    assert "cannot become “Draft” directly" in response.text
    article.refresh_from_db()
    assert article.status == "published"


def test_a_refused_move_keeps_the_editors_input_in_the_form(login, editor, make_article):
    article = make_article(title="Live title")
    before = snapshot(article)
    response = post_change(
        login(editor),
        article,
        status="draft",
        title="A better title",
        standfirst="A standfirst worth keeping.",
        version_comment="Rewrite",
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "cannot become “Draft” directly" in " ".join(form.errors["status"])
    assert 'value="A better title"' in response.text
    assert "A standfirst worth keeping." in response.text
    assert 'value="Rewrite"' in response.text
    assert snapshot(article) == before


def test_status_choices_are_offered_per_request_to_each_user(
    login, editor, contributor, make_article
):
    draft = make_article(status="draft", created_by=contributor)
    as_editor = login(editor).get(change_url(draft)).context["adminform"].form
    as_contributor = login(contributor).get(change_url(draft)).context["adminform"].form
    assert "published" in dict(as_editor.fields["status"].widget.choices)
    assert "published" not in dict(as_contributor.fields["status"].widget.choices)
    assert (as_editor.user, as_contributor.user) == (editor, contributor)


def test_publishing_in_the_form_without_a_date_publishes_now(login, editor, make_article):
    draft = make_article(status="review")
    response = post_change(login(editor), draft, status="published")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_published()


# Scheduling


def test_schedule_action_asks_for_a_time_then_schedules(login, editor, make_article):
    draft = make_article(status="draft")
    client = login(editor)
    page = run_action(client, "schedule_selected", [draft])
    assert 'name="publish_at_0"' in page.content.decode()
    at = timezone.now() + timedelta(days=2)
    response = run_action(
        client,
        "schedule_selected",
        [draft],
        apply="1",
        publish_at_0=at.date().isoformat(),
        publish_at_1=at.strftime("%H:%M:%S"),
    )
    assert "Scheduled 1 article." in messages_of(response)
    draft.refresh_from_db()
    assert draft.is_scheduled
    assert not Article.objects.published().filter(pk=draft.pk).exists()
    assert draft.is_published(now=at + timedelta(seconds=1))


def test_schedule_in_the_past_is_refused_with_a_message(login, editor, make_article):
    draft = make_article(status="draft")
    response = run_action(
        login(editor),
        "schedule_selected",
        [draft],
        apply="1",
        publish_at_0="2001-01-01",
        publish_at_1="10:00:00",
    )
    assert "Choose a moment in the future." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_scheduled_article_goes_live_when_its_time_comes(login, editor, make_article):
    draft = make_article(status="draft")
    at = timezone.now() + timedelta(hours=1)
    run_action(
        login(editor),
        "schedule_selected",
        [draft],
        apply="1",
        publish_at_0=at.date().isoformat(),
        publish_at_1=at.strftime("%H:%M:%S"),
    )
    assert not Article.objects.published().filter(pk=draft.pk).exists()
    # Time passes: nothing runs, the public gate is a query on the date.
    Article.objects.filter(pk=draft.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert Article.objects.published().filter(pk=draft.pk).exists()


def test_changelist_shows_scheduled_articles_as_scheduled(admin_client, make_article):
    make_article(title="Tomorrow’s piece", published_at=timezone.now() + timedelta(days=1))
    page = admin_client.get(reverse(CHANGELIST)).text
    assert "Scheduled for" in page
    response = admin_client.get(reverse(CHANGELIST), {"status": "scheduled"})
    assert "Tomorrow’s piece" in response.text


def test_first_publication_date_survives_withdrawal_and_republication(login, editor, make_article):
    first = timezone.now() - timedelta(days=30)
    article = make_article(published_at=first)
    client = login(editor)
    run_action(client, "withdraw_selected", [article])
    post_change(client, article, status="draft")
    run_action(client, "publish_selected", [article])
    article.refresh_from_db()
    assert article.status == "published"
    assert article.published_at == first


def test_publication_date_that_has_passed_is_read_only_in_the_form(login, editor, make_article):
    first = timezone.now() - timedelta(days=30)
    article = make_article(published_at=first)
    client = login(editor)
    assert 'name="published_at_0"' not in client.get(change_url(article)).text
    client.post(
        change_url(article),
        {
            **change_form_data(client.get(change_url(article))),
            "published_at_0": "2030-01-01",
            "published_at_1": "10:00:00",
        },
    )
    article.refresh_from_db()
    assert article.published_at == first


def test_editing_a_published_article_keeps_its_publication_date(login, editor, make_article):
    first = timezone.now() - timedelta(days=3)
    article = make_article(published_at=first)
    post_change(login(editor), article, body="<p>New body</p>")
    article.refresh_from_db()
    assert article.published_at == first


# Taxonomy managers


def test_taxonomy_manager_sees_articles_but_cannot_change_them(
    login, taxonomy_manager, make_article
):
    article = make_article()
    before = snapshot(article)
    client = login(taxonomy_manager)
    assert client.get(reverse(CHANGELIST)).status_code == 200
    client.post(change_url(article), {"title": "Renamed"})
    assert snapshot(article) == before
    assert client.get(reverse("admin:taxonomy_term_changelist")).status_code == 200
    assert client.get(reverse("admin:taggit_tag_changelist")).status_code == 200


def test_editor_cannot_change_the_vocabularies(login, editor, make_vocabulary):
    vocabulary = make_vocabulary()
    response = login(editor).post(
        reverse("admin:taxonomy_vocabulary_change", args=[vocabulary.pk]),
        {"name": "Renamed", "slug": vocabulary.slug, "position": 0},
    )
    assert response.status_code == 403
    vocabulary.refresh_from_db()
    assert vocabulary.name != "Renamed"
