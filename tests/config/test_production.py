"""The production settings, checked as `make serve` runs them: in a separate process."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "PYTEST_XDIST_WORKER"
    }
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.prod", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def production_env():
    return {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "news.example.org,www.news.example.org",
        "DJANGO_CSRF_TRUSTED_ORIGINS": "https://news.example.org",
        "DJANGO_SECURE_PROXY_SSL_HEADER": "true",
    }


def test_check_deploy_reports_no_warnings_in_production(production_env):
    result = manage("check", "--deploy", "--fail-level", "WARNING", **production_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_notices_an_insecure_override(production_env):
    production_env["DJANGO_SECURE_SSL_REDIRECT"] = "false"
    result = manage("check", "--deploy", "--fail-level", "WARNING", **production_env)
    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_its_secrets(production_env, missing):
    del production_env[missing]
    result = manage("check", **production_env)
    assert result.returncode != 0
    assert f"Set {missing}" in result.stderr


def test_replica_urls_configure_replicas_kept_open_like_the_primary(production_env):
    script = (
        "import json\n"
        "from django.conf import settings\n"
        "databases = {a: [d['HOST'], d['CONN_MAX_AGE'], d['OPTIONS']]"
        " for a, d in settings.DATABASES.items()}\n"
        "print(json.dumps([settings.DATABASE_REPLICAS, databases]))"
    )
    result = manage(
        "shell",
        "--verbosity",
        "0",
        "-c",
        script,
        DATABASE_URL="postgres://news@db-primary:5432/news",
        DATABASE_REPLICA_URLS="postgres://news@db-replica-a:5432/news,"
        "postgres://news@db-replica-b:5432/news",
        **production_env,
    )
    assert result.returncode == 0, result.stderr
    aliases, databases = json.loads(result.stdout)
    assert aliases == ["replica_1", "replica_2"]
    assert databases == {
        "default": ["db-primary", 600, {}],
        "replica_1": ["db-replica-a", 600, {"connect_timeout": 2}],
        "replica_2": ["db-replica-b", 600, {"connect_timeout": 2}],
    }
