"""Anonymous reads are rate limited per client address: 429 with Retry-After."""

import pytest
from django.conf import settings as project_settings

from articles.api.throttling import parse_rate

pytestmark = pytest.mark.django_db


def test_the_default_limit_is_a_rate_the_api_reads():
    count, seconds = parse_rate(project_settings.API_RATE_LIMIT)
    assert count > 0
    assert seconds == 60


def test_past_the_limit_an_address_gets_429_with_retry_after(client, world, settings):
    settings.API_RATE_LIMIT = "3/minute"
    statuses = [client.get("/api/articles/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/tags/")
    assert refused.status_code == 429
    assert refused.json()["detail"] == "Too many requests."
    assert 1 <= int(refused["Retry-After"]) <= 60


def test_each_address_has_its_own_count(client, world, settings):
    settings.API_RATE_LIMIT = "2/minute"
    for _ in range(2):
        client.get("/api/articles/", REMOTE_ADDR="192.0.2.1")
    assert client.get("/api/articles/", REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.get("/api/articles/", REMOTE_ADDR="192.0.2.2").status_code == 200


def test_behind_a_trusted_proxy_the_forwarded_address_is_counted(client, world, settings):
    settings.API_RATE_LIMIT = "1/minute"
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    assert client.get("/api/tags/", HTTP_X_FORWARDED_FOR="192.0.2.7", **proxy).status_code == 200
    assert client.get("/api/tags/", HTTP_X_FORWARDED_FOR="192.0.2.8", **proxy).status_code == 200
    assert client.get("/api/tags/", HTTP_X_FORWARDED_FOR="192.0.2.7", **proxy).status_code == 429


def test_a_logged_in_user_is_not_limited(admin_client, world, settings):
    settings.API_RATE_LIMIT = "1/minute"
    assert [admin_client.get("/api/tags/").status_code for _ in range(3)] == [200] * 3


def test_an_empty_limit_turns_it_off(client, world, settings):
    settings.API_RATE_LIMIT = ""
    assert {client.get("/api/tags/").status_code for _ in range(5)} == {200}
