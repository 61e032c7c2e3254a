"""Dates in history and compare read as dates in the site's time zone, naming it; the
schedule form and the article's date fields say which zone their times are in."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse
from reversion.models import Revision, Version

from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db

WHEN = datetime(2013, 1, 9, 14, 5, tzinfo=UTC)


@pytest.fixture
def niamey(settings):
    settings.TIME_ZONE = "Africa/Niamey"  # an hour ahead of UTC, all year


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


@pytest.fixture
def two_versions(login, editor, make_article):
    """An article saved twice in the admin, both versions dated 9 January 2013, 14:05 UTC."""
    article = make_article(title="Mali", body="<p>The mission began.</p>")
    client = login(editor)
    for title in ("Mali v1", "Mali v2"):
        data = change_form_data(client.get(change_url(article)))
        data.update({"_publish_changes": "Publish changes"}, title=title)
        assert client.post(change_url(article), data).status_code == 302
    Revision.objects.update(date_created=WHEN)
    versions = Version.objects.get_for_object(article).order_by("pk")
    return client, article, list(versions)


def test_history_dates_read_in_the_site_time_zone_with_its_name(niamey, two_versions):
    client, article, _ = two_versions
    page = client.get(reverse("admin:articles_article_history", args=[article.pk])).text
    assert ">9 January 2013, 15:05 WAT</time>" in page


def test_compare_dates_read_in_the_site_time_zone_with_its_name(niamey, two_versions):
    client, article, (first, second) = two_versions
    page = client.get(
        reverse("admin:articles_article_compare", args=[article.pk]),
        {"a": first.pk, "b": second.pk},
    ).text
    assert page.count("9 January 2013, 15:05 WAT") == 2


def test_the_schedule_form_names_the_time_zone(niamey, login, editor, make_article):
    draft = make_article(status="draft")
    response = login(editor).post(
        reverse("admin:articles_article_changelist"),
        {"action": "schedule_selected", "_selected_action": [draft.pk]},
    )
    assert response.status_code == 200
    assert "Times are Africa/Niamey time (WAT now)." in response.text


def test_the_article_date_fields_name_the_time_zone(login, editor, make_article):
    draft = make_article(status="draft")
    page = login(editor).get(change_url(draft)).text
    assert page.count("Times are UTC.") == 2  # published_at and expires_at
