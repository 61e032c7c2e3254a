"""Replicas configured but unreachable: readers are served by the primary, never a 500.

These need no standby (tests/replica has the real one), so they run on any server,
DATABASE_URL set or not.
"""

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from django.urls import reverse

from config import replicas
from config.database import replica_database_configs
from tests.admin_forms import change_form_data

ALIAS = "unreachable_replica"


@pytest.fixture(scope="session")
def _unreachable_alias(django_db_setup):
    primary = connections["default"].settings_dict
    connections.settings[ALIAS] = {
        **primary,
        "ENGINE": "django.db.backends.postgresql",
        # Nothing listens on port 1: refused at once, as a stopped server's address.
        "HOST": "127.0.0.1",
        "PORT": "1",
        "OPTIONS": {"connect_timeout": 2},
        "TEST": {**primary["TEST"], "MIRROR": "default"},
    }
    yield
    del connections[ALIAS]
    del connections.settings[ALIAS]


@pytest.fixture
def unreachable_replica(_unreachable_alias, settings):
    settings.DATABASE_REPLICAS = [ALIAS]
    replicas.forget_statuses()
    yield
    replicas.forget_statuses()


pytestmark = pytest.mark.django_db(
    transaction=True, serialized_rollback=True, databases=["default", ALIAS]
)


def test_a_reader_gets_the_page_from_the_primary(unreachable_replica, make_article):
    article = make_article(title="Served by the primary")
    response = Client().get(article.get_absolute_url())
    assert response.status_code == 200
    assert response.context["article"].title == "Served by the primary"
    assert Client().get(reverse("articles:list")).status_code == 200


def test_a_reader_gets_no_cookie(unreachable_replica, make_article):
    # The page cache keeps only responses without cookies: reading must not pin.
    response = Client().get(make_article().get_absolute_url())
    assert not response.cookies


def test_health_reports_the_replica_down_and_stays_ok(unreachable_replica):
    response = Client().get(reverse("health"))
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["replicas"] == {ALIAS: {"status": "down", "lag_seconds": None}}


def test_an_editors_save_pins_their_client_to_the_primary(
    unreachable_replica, make_article, login, editor
):
    article = make_article()
    client = login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(client.get(url))
    data["title"] = "Saved"
    response = client.post(url, data)
    assert response.status_code == 302
    pin = response.cookies[settings.DATABASE_REPLICA_PIN_COOKIE]
    assert pin["max-age"] == settings.DATABASE_REPLICA_PIN_SECONDS
    assert pin["httponly"]


def test_no_replica_configured_sets_no_pin(make_article, login, editor):
    article = make_article()
    client = login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, change_form_data(client.get(url)))
    assert response.status_code == 302
    assert settings.DATABASE_REPLICA_PIN_COOKIE not in response.cookies


def test_replica_urls_become_mirrors_of_the_primary_with_a_short_timeout():
    configs = replica_database_configs(
        "postgres://reader@db-replica-a:5432/news, postgres://reader@db-replica-b:5432/news"
    )
    assert list(configs) == ["replica_1", "replica_2"]
    assert configs["replica_2"]["HOST"] == "db-replica-b"
    assert all(c["OPTIONS"]["connect_timeout"] == 2 for c in configs.values())
    assert all(c["TEST"] == {"MIRROR": "default"} for c in configs.values())
    assert replica_database_configs("") == {}
