"""The admin's front page: what needs doing, in a constant number of queries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, PendingChange, Update

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")


def section(response, title):
    """The rows of the dashboard's section of that title: [(title, url)]."""
    for found in response.context["dashboard"]:
        if found.title == title:
            return [(row.title, row.url) for row in found.rows], found.see_all
    raise AssertionError(f"no section {title!r}")


def titles(response, name):
    return [title for title, _ in section(response, name)[0]]


def test_my_drafts_are_mine_only_with_links_to_them(login, contributor, editor, make_article):
    mine = make_article(title="My draft", status="draft", created_by=contributor)
    make_article(title="Their draft", status="draft", created_by=editor)
    response = login(contributor).get(INDEX)
    rows, see_all = section(response, "My drafts")
    assert rows == [("My draft", reverse("admin:articles_article_change", args=[mine.pk]))]
    listing = login(contributor).get(see_all)
    assert [a.title for a in listing.context["cl"].result_list] == ["My draft"]


def test_an_editor_waits_for_every_review_assigned_ones_first(
    login, editor, make_user, make_article
):
    other = make_user("Editor")
    make_article(title="Anyone's", status="review")
    make_article(title="Assigned to other", status="review", assignee=other)
    make_article(title="Assigned to me", status="review", assignee=editor)
    make_article(title="A draft", status="draft", assignee=editor)
    got = titles(login(editor).get(INDEX), "Waiting for my review")
    assert got[0] == "Assigned to me"
    assert sorted(got) == ["Anyone's", "Assigned to me", "Assigned to other"]


def test_someone_who_cannot_publish_waits_only_for_reviews_assigned_to_them(
    login, contributor, make_article
):
    make_article(title="Anyone's", status="review")
    make_article(title="Mine to review", status="review", assignee=contributor)
    response = login(contributor).get(INDEX)
    assert titles(response, "Waiting for my review") == ["Mine to review"]
    _, see_all = section(response, "Waiting for my review")
    listing = login(contributor).get(see_all)
    assert [a.title for a in listing.context["cl"].result_list] == ["Mine to review"]


def test_pending_scheduled_leaving_published_and_corrections(login, editor, make_article):
    now = timezone.now()
    live = make_article(title="Live with changes")
    state = services.state_of(live)
    state["fields"]["title"] = "Live, changed"
    services.article_stage_changes(
        article=live, user=editor, state=state, opened_version=live.lock_version
    )
    make_article(title="Goes live tomorrow", published_at=now + timedelta(days=1))
    make_article(title="Leaves soon", expires_at=now + timedelta(days=2))
    corrected = make_article(title="Corrected")
    Update.objects.create(article=corrected, kind="correction", body="<p>Fixed.</p>")
    response = login(editor).get(INDEX)
    assert titles(response, "Unpublished changes on live articles") == ["Live with changes"]
    assert titles(response, "Scheduled to go live") == ["Goes live tomorrow"]
    assert titles(response, "Scheduled to leave the site") == ["Leaves soon"]
    assert "Goes live tomorrow" not in titles(response, "Recently published")
    assert titles(response, "Recent corrections") == ["Corrected"]
    for name, expected in [
        ("Unpublished changes on live articles", {"Live with changes"}),
        ("Scheduled to go live", {"Goes live tomorrow"}),
        ("Scheduled to leave the site", {"Leaves soon"}),
    ]:
        listing = login(editor).get(section(response, name)[1])
        assert {a.title for a in listing.context["cl"].result_list} == expected, name
    corrections = login(editor).get(section(response, "Recent corrections")[1])
    assert [u.article.title for u in corrections.context["cl"].result_list] == ["Corrected"]


def test_the_model_list_is_still_on_the_front_page(login, editor):
    page = login(editor).get(INDEX).content.decode()
    assert reverse("admin:articles_article_changelist") in page
    assert "Today in the newsroom" in page


def _many(n, user):
    """n articles in every state the dashboard lists, by bulk insert."""
    now = timezone.now()
    kinds = [
        {"status": "draft", "created_by": user},
        {"status": "review", "assignee": user},
        {"status": "published", "published_at": now - timedelta(days=1)},
        {"status": "published", "published_at": now + timedelta(days=1)},
        {
            "status": "published",
            "published_at": now - timedelta(days=1),
            "expires_at": now + timedelta(days=1),
        },
    ]
    articles = Article.objects.bulk_create(
        Article(title=f"Bulk {i}", slug=f"bulk-{i}", **kinds[i % len(kinds)]) for i in range(n)
    )
    live = [a for a in articles if a.status == "published"]
    PendingChange.objects.bulk_create(
        PendingChange(article=a, state=services.state_of(a)) for a in live[: n // 5]
    )
    Update.objects.bulk_create(
        Update(article=a, kind="correction", body="<p>Fixed.</p>", published_at=now, order=1)
        for a in live[: n // 5]
    )


@pytest.mark.parametrize("n", [10, 1000])
def test_the_dashboard_runs_a_constant_number_of_queries(
    n, login, editor, django_assert_max_num_queries
):
    _many(n, editor)
    client = login(editor)
    client.get(INDEX)  # the session and permission caches warm, as in daily use
    with django_assert_max_num_queries(12):  # 12 measured, at 10 and at 1,000 articles
        response = client.get(INDEX)
    counts = [len(s.rows) for s in response.context["dashboard"]]
    assert all(counts) and max(counts) <= 5
    if n == 1000:
        assert counts == [5] * 7
