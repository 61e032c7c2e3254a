"""The API shows only what the publication gate lets through, in every hidden state."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article

pytestmark = pytest.mark.django_db

HIDDEN_STATES = {
    "draft": {"status": Article.Status.DRAFT},
    "review": {"status": Article.Status.IN_REVIEW},
    "withdrawn": {"status": Article.Status.WITHDRAWN},
    "scheduled": {"published_at": timezone.now() + timedelta(days=2)},
    "expired": {
        "published_at": timezone.now() - timedelta(days=5),
        "expires_at": timezone.now() - timedelta(hours=1),
    },
}


@pytest.fixture(params=list(HIDDEN_STATES))
def hidden(request, world, make_article, make_term, make_author):
    """An article no reader may see, with a term, tag and author of its own."""
    fields = dict(HIDDEN_STATES[request.param])
    if request.param == "withdrawn":
        fields["published_at"] = timezone.now() - timedelta(days=1)
    lonely = make_term(
        vocabulary=world.places, name="Lonely Oasis", slug="lonely", parent=world.mali
    )
    return make_article(
        title="Quixotic hidden piece",
        slug="hidden-piece",
        body="<p>Quixotic words.</p>",
        terms=[lonely, world.gao],
        tags=["hidden-tag"],
        authors=[make_author(name="Hidden Hand", slug="hidden-hand"), world.ada],
        **fields,
    )


def test_a_hidden_article_is_in_no_answer_nor_count(client, world, hidden):
    for url in [
        "/api/articles/",
        "/api/articles/?q=quixotic",
        "/api/articles/?places=lonely",
        "/api/articles/?places=gao",
        "/api/articles/?sort=oldest&limit=100",
        "/api/articles/?q=quixotic&sort=relevance",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "hidden-piece" not in response.text, url
    assert client.get("/api/articles/").json()["count"] == 3
    assert client.get("/api/articles/?places=gao").json()["count"] == 1
    assert client.get("/api/articles/hidden-piece/").status_code == 404


def test_an_author_or_tag_of_hidden_articles_only_is_not_listed(client, world, hidden):
    authors = client.get("/api/authors/").json()["results"]
    assert "hidden-hand" not in [a["slug"] for a in authors]
    assert {a["slug"]: a["articles"] for a in authors}["ada-diallo"] == 1
    assert client.get("/api/authors/hidden-hand/").status_code == 404
    assert "hidden-tag" not in client.get("/api/tags/").text


def test_a_term_of_hidden_articles_only_counts_none(client, world, hidden):
    terms = client.get("/api/vocabularies/places/").json()["terms"]
    counts = {term["slug"]: term["articles"] for term in terms}
    assert counts["lonely"] == 0
    assert counts["gao"] == 1
    assert counts["mali"] == 2


def test_a_scheduled_article_appears_at_its_moment_with_a_new_etag(client, world, make_article):
    moment = timezone.now() + timedelta(milliseconds=500)
    make_article(slug="soon", published_at=moment)
    before = client.get("/api/articles/")
    assert "soon" not in before.text
    wait_until(moment)  # nothing is written meanwhile: only the gate's clock moves
    after = client.get("/api/articles/", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after.json()["results"][0]["slug"] == "soon"


def test_an_article_leaves_at_its_moment_with_a_new_etag(client, world):
    moment = timezone.now() + timedelta(milliseconds=500)
    world.gao_ambush.expires_at = moment
    world.gao_ambush.save()
    before = client.get("/api/articles/")
    assert "ambush-near-gao" in before.text
    wait_until(moment)
    after = client.get("/api/articles/", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert "ambush-near-gao" not in after.text


def wait_until(moment):
    while timezone.now() <= moment:
        time.sleep(0.05)
