"""The README's and docs/api.md's examples answer on the seed documents."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_readme_example_finds_seed_articles(seeded, client):
    response = client.get("/api/articles/?places=mali&q=peacekeepers&limit=2")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["count"] >= 1
    assert len(data["results"]) == min(2, data["count"])
    assert client.get("/api/articles/malis-elusive-peace/").status_code == 200
    assert client.get("/api/vocabularies/places/").json()["terms"]
