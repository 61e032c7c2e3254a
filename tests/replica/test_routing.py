"""Public reads go to a real streaming replica; writes and editors to the primary.

Each test pauses the standby's replay where it needs to tell the two apart: a change
made on the primary is then on the primary only, and the page a reader gets shows
which server it was read from.
"""

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import reverse

from articles.models import Article
from config.replicas import ReadState, reading
from tests.admin_forms import change_form_data

from .conftest import ALIAS

pytestmark = pytest.mark.django_db(
    transaction=True, serialized_rollback=True, databases=["default", ALIAS]
)


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def save_title(client, article, title):
    """The editor changes the title in the admin, as a browser would post it."""
    data = change_form_data(client.get(change_url(article)))
    data["title"] = title
    data["_publish_changes"] = "Publish changes"  # live: staged and published at once
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.content[:2000]
    return response


def title_seen(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.context["article"].title


@pytest.fixture
def article(replica, make_article):
    article = make_article(title="As first published")
    replica.wait_until_replayed()
    return article


@pytest.fixture
def saved_while_paused(replica, article, login, editor):
    """The editor's client, right after saving a new title while the replica replays nothing."""
    replica.pause()
    client = login(editor)
    save_title(client, article, "As corrected")
    replica.wait_until_received()
    return client


def test_a_reader_is_served_from_the_replica(replica, article, saved_while_paused):
    assert title_seen(Client(), article) == "As first published"
    replica.resume()
    replica.wait_until_replayed()
    assert title_seen(Client(), article) == "As corrected"


def test_the_editor_reads_the_primary_right_after_saving(article, saved_while_paused):
    assert title_seen(saved_while_paused, article) == "As corrected"
    assert title_seen(Client(), article) == "As first published"


def test_a_client_that_wrote_reads_the_primary_even_logged_out(article, saved_while_paused):
    client = saved_while_paused
    assert settings.DATABASE_REPLICA_PIN_COOKIE in client.cookies
    del client.cookies[settings.SESSION_COOKIE_NAME]  # the session gone, the pin not yet
    assert title_seen(client, article) == "As corrected"


def test_the_pin_lasts_only_the_configured_seconds(article, saved_while_paused, settings):
    client = saved_while_paused
    cookie = client.cookies[settings.DATABASE_REPLICA_PIN_COOKIE]
    assert cookie["max-age"] == settings.DATABASE_REPLICA_PIN_SECONDS
    del client.cookies[settings.SESSION_COOKIE_NAME]
    settings.DATABASE_REPLICA_PIN_SECONDS = 0  # as if the pin's seconds had passed
    assert title_seen(client, article) == "As first published"


def test_a_replica_that_is_down_leaves_pages_served_by_the_primary(
    replica, article, saved_while_paused
):
    replica.stop()
    reader = Client()
    assert title_seen(reader, article) == "As corrected"
    assert reader.get(reverse("articles:list")).status_code == 200
    health = reader.get(reverse("health")).json()
    assert health["status"] == "ok"
    assert health["replicas"][ALIAS]["status"] == "down"


def test_a_replica_failing_after_its_check_is_retried_on_the_primary(
    replica, article, saved_while_paused, settings
):
    settings.DATABASE_REPLICA_CHECK_SECONDS = 3600  # the check says "ok" for an hour
    reader = Client()
    assert title_seen(reader, article) == "As first published"
    replica.stop()
    assert title_seen(reader, article) == "As corrected"
    assert reader.get(reverse("health")).json()["replicas"][ALIAS]["status"] == "down"


def test_a_replica_lagging_beyond_the_bound_is_skipped(
    replica, article, saved_while_paused, settings
):
    settings.DATABASE_REPLICA_MAX_LAG_SECONDS = 0.5
    replica.wait_until_lagging_more_than(settings.DATABASE_REPLICA_MAX_LAG_SECONDS)
    reader = Client()
    assert title_seen(reader, article) == "As corrected"
    health = reader.get(reverse("health")).json()["replicas"][ALIAS]
    assert health["status"] == "lagging"
    assert health["lag_seconds"] > 0.5


def test_a_replica_within_the_bound_serves_though_behind(replica, article, saved_while_paused):
    # The bound is an hour here: a replica a few seconds behind still serves.
    assert title_seen(Client(), article) == "As first published"
    assert Client().get(reverse("health")).json()["replicas"][ALIAS]["status"] == "ok"


def test_reads_inside_a_transaction_go_to_the_primary(replica, article, saved_while_paused):
    with reading(ReadState(may_use_replica=True)):
        assert Article.objects.get(pk=article.pk).title == "As first published"
        with transaction.atomic():
            assert Article.objects.get(pk=article.pk).title == "As corrected"
            locked = Article.objects.select_for_update().get(pk=article.pk)
            assert locked.title == "As corrected"


def test_a_write_sends_the_rest_of_the_request_to_the_primary(
    replica, article, saved_while_paused
):
    with reading(ReadState(may_use_replica=True)) as state:
        assert Article.objects.get(pk=article.pk).title == "As first published"
        Article.objects.filter(pk=article.pk).update(standfirst="Changed by a script.")
        assert state.wrote
        assert Article.objects.get(pk=article.pk).title == "As corrected"
