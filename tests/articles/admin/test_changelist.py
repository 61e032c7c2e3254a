from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


@pytest.fixture
def article_with_everything(make_article, make_author, make_term, editor):
    def make(**fields):
        return make_article(
            authors=[make_author(), make_author()],
            terms=[make_term()],
            tags=["sahel", "mali"],
            updates=[{"kind": "update", "body": "<p>U</p>"}, {"kind": "correction", "body": "c"}],
            modified_by=editor,
            **fields,
        )

    return make


@pytest.mark.parametrize("count", [1, 30])
def test_changelist_runs_a_constant_number_of_queries(
    admin_client, article_with_everything, django_assert_max_num_queries, count
):
    for _ in range(count):
        article_with_everything()
    # 12: the action bar's "Reviewer" list (staff users) is one query of its own.
    with django_assert_max_num_queries(12):
        response = admin_client.get(CHANGELIST)
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == count


def test_changelist_shows_authors_counts_and_who_modified(
    admin_client, make_article, make_author, editor
):
    make_article(
        title="Counted",
        authors=[make_author(name="Zach Silberman")],
        updates=[
            {"kind": "update", "body": "a"},
            {"kind": "update", "body": "b"},
            {"kind": "correction", "body": "c"},
        ],
        modified_by=editor,
    )
    response = admin_client.get(CHANGELIST)
    row = next(r for r in response.context["cl"].result_list if r.title == "Counted")
    assert (row.n_updates, row.n_corrections) == (2, 1)
    assert "Zach Silberman" in response.text
    assert "eddie" in response.text


def test_changelist_filters_by_author(admin_client, make_article, make_author):
    zach = make_author(name="Zach Silberman")
    make_article(title="By Zach", authors=[zach])
    make_article(title="Anonymous piece")
    response = admin_client.get(CHANGELIST, {"authors__id__exact": zach.pk})
    titles = [a.title for a in response.context["cl"].result_list]
    assert titles == ["By Zach"]


def test_changelist_filters_by_a_vocabulary_term_including_narrower_terms(
    admin_client, make_article, make_term
):
    mali = make_term(name="Mali")
    gao = make_term(name="Gao", parent=mali)
    make_article(title="About Gao", terms=[gao])
    make_article(title="Elsewhere", terms=[make_term()])
    response = admin_client.get(CHANGELIST, {"term": mali.pk})
    assert [a.title for a in response.context["cl"].result_list] == ["About Gao"]


def test_changelist_filters_articles_with_corrections(admin_client, make_article):
    make_article(title="Corrected", updates=[{"kind": "correction", "body": "c"}])
    make_article(title="Only updated", updates=[{"kind": "update", "body": "u"}])
    response = admin_client.get(CHANGELIST, {"has_corrections": "yes"})
    assert [a.title for a in response.context["cl"].result_list] == ["Corrected"]
    response = admin_client.get(CHANGELIST, {"has_corrections": "no"})
    assert [a.title for a in response.context["cl"].result_list] == ["Only updated"]


def test_changelist_filters_by_status(admin_client, make_article):
    make_article(title="Live one")
    make_article(title="Future one", published_at=timezone.now() + timedelta(days=1))
    make_article(title="Draft one", status="draft")
    titles = {}
    for value in ("live", "scheduled", "draft"):
        response = admin_client.get(CHANGELIST, {"status": value})
        titles[value] = [a.title for a in response.context["cl"].result_list]
    assert titles == {"live": ["Live one"], "scheduled": ["Future one"], "draft": ["Draft one"]}


def test_changelist_searches_the_body(admin_client, make_article):
    make_article(title="Found", body="<p>The Kidal accords.</p>")
    make_article(title="Not found")
    response = admin_client.get(CHANGELIST, {"q": "Kidal"})
    assert [a.title for a in response.context["cl"].result_list] == ["Found"]


def test_changelist_sorts_by_number_of_corrections(admin_client, make_article):
    make_article(title="None")
    make_article(title="Two", updates=[{"kind": "correction", "body": "a"}] * 2)
    response = admin_client.get(CHANGELIST, {"o": "-5"})
    assert [a.title for a in response.context["cl"].result_list] == ["Two", "None"]


def test_changelist_columns_fit_a_laptop_screen(admin_client, make_article, editor, settings):
    """Updates and corrections in one column, the last change with who made it, dates in
    the site's time zone on two short lines; no app list beside the table."""
    settings.TIME_ZONE = "Africa/Niamey"  # an hour ahead of UTC all year
    make_article(
        title="Counted",
        published_at=datetime(2013, 1, 9, 14, 5, tzinfo=UTC),
        updates=[{"kind": "update", "body": "a"}, {"kind": "correction", "body": "c"}],
        modified_by=editor,
    )
    response = admin_client.get(CHANGELIST)
    headers = [str(h["text"]).capitalize() for h in response.context["result_headers"]][1:]
    assert headers == [
        "Title",
        "Status",
        "Published",
        "Authors",
        "Updates",
        "Last changed",
        "Live",
    ]
    assert "9 Jan 2013<br>15:05 WAT</time>" in response.text
    assert "1 · 1 correction" in response.text
    assert "<br>by eddie" in response.text
    assert 'id="nav-sidebar"' not in response.text
