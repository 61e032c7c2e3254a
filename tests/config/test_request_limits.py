"""Production's request limits keep the listing's promise: a long query is ignored with a
notice (Django), not refused with a 414 (gunicorn), up to the documented 8,000 bytes."""

import runpy
from pathlib import Path

import pytest
from gunicorn.config import Config
from gunicorn.http.errors import LimitRequestLine
from gunicorn.http.parser import RequestParser

from articles.public.listing.filters import MAX_QUERY_LENGTH

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTED_MAX_URL_BYTES = 8000
LONG_QUERY_URL = "/?q=" + "x" * (DOCUMENTED_MAX_URL_BYTES - len("/?q="))


def parse_with_production_config(url):
    settings = runpy.run_path(str(ROOT / "config" / "gunicorn.conf.py"))
    config = Config()
    config.set("limit_request_line", settings["limit_request_line"])
    request = f"GET {url} HTTP/1.1\r\nHost: news.example.org\r\n\r\n".encode()
    return next(iter(RequestParser(config, iter([request]), ("127.0.0.1", 1))))


def test_gunicorn_accepts_a_url_of_the_documented_maximum_length():
    assert len(LONG_QUERY_URL) == DOCUMENTED_MAX_URL_BYTES
    assert parse_with_production_config(LONG_QUERY_URL).path == "/"


def test_gunicorn_refuses_a_url_past_its_limit():
    with pytest.raises(LimitRequestLine):
        parse_with_production_config("/?q=" + "x" * 8200)


@pytest.mark.django_db
def test_the_listing_ignores_a_query_of_that_length_with_a_notice(client):
    assert DOCUMENTED_MAX_URL_BYTES > MAX_QUERY_LENGTH
    response = client.get(LONG_QUERY_URL)
    assert response.status_code == 200
    assert "was ignored" in response.content.decode()


@pytest.mark.django_db
def test_every_page_sends_the_security_headers(client, admin_client):
    for page_client, url in [(client, "/"), (client, "/feeds/rss/"), (admin_client, "/admin/")]:
        response = page_client.get(url)
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy, url
        assert "unsafe-inline" not in policy, url
        assert "camera=()" in response["Permissions-Policy"], url
        assert response["Referrer-Policy"] == "same-origin", url
