"""/health/: what a load balancer asks each app server."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_health_answers_ok_with_the_state_of_each_part(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "replicas": {}}


@pytest.mark.django_db
def test_health_is_never_cached(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    response = client.get(reverse("health"))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert not response.has_header("ETag")  # the page cache's mark is not on it


@pytest.mark.django_db
def test_health_costs_one_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get(reverse("health"))


@pytest.mark.django_db
def test_health_is_not_in_the_sitemap(client, seeded):
    sitemap = client.get(reverse("sitemap")).text
    assert "/articles/" in sitemap  # the sitemap lists pages
    assert "/health/" not in sitemap


def probe(*paths, **env):
    """GET each path over plain HTTP, as a load balancer probes, in a production process."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "PYTEST_XDIST_WORKER"
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="news.example.org",
        **env,
    )
    script = (
        "import json\n"
        "from django.test import Client\n"
        "client = Client(HTTP_HOST='news.example.org')\n"
        f"for path in {list(paths)!r}:\n"
        "    r = client.get(path)\n"
        "    print(json.dumps([r.status_code, r.get('Retry-After'), r.content.decode()]))\n"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--verbosity", "0", "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_health_is_503_with_retry_after_when_the_primary_does_not_answer():
    # Nothing listens on port 1: the connection is refused at once.
    [(status, retry_after, body)] = probe(
        "/health/", DATABASE_URL="postgres://postgres@127.0.0.1:1/none"
    )
    assert status == 503
    assert int(retry_after) > 0
    assert json.loads(body)["status"] == "unavailable"
    assert json.loads(body)["database"] == "down"


def test_a_plain_http_probe_is_answered_not_redirected_in_production():
    health, home = probe("/health/", "/", DATABASE_URL="postgres://postgres@127.0.0.1:1/none")
    assert health[0] == 503  # answered (the database is away), not sent to https
    assert home[0] == 301
