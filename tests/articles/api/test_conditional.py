"""ETags and 304s: unchanged answers are not sent again; any change makes a new one."""

import pytest

from articles.models import Author

pytestmark = pytest.mark.django_db

URLS = [
    "/api/articles/",
    "/api/articles/?places=mali",
    "/api/articles/ambush-near-gao/",
    "/api/authors/",
    "/api/tags/",
    "/api/vocabularies/",
    "/api/vocabularies/places/",
]


@pytest.mark.parametrize("url", URLS)
def test_a_known_etag_gets_a_304_without_a_body(client, world, url):
    first = client.get(url)
    assert first.status_code == 200
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_each_address_has_its_own_etag(client, world):
    etags = {client.get(url)["ETag"] for url in URLS}
    assert len(etags) == len(URLS)


def test_an_editorial_change_makes_the_etag_stale(client, world):
    first = client.get("/api/articles/")
    Author.objects.filter(slug="zach-silberman").update(name="Zach S.")
    again = client.get("/api/articles/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert "Zach S." in again.text
