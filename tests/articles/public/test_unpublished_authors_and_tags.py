"""An author's or a tag's page and feeds exist once it has a published article."""

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article

pytestmark = pytest.mark.django_db


def pages(author, tag):
    return [
        reverse("articles:author", args=[author.slug]),
        reverse("articles:author_rss", args=[author.slug]),
        reverse("articles:author_atom", args=[author.slug]),
        reverse("articles:tag", args=[tag]),
        reverse("articles:tag_rss", args=[tag]),
        reverse("articles:tag_atom", args=[tag]),
    ]


def test_author_and_tag_pages_answer_404_until_their_article_is_published(
    client, make_author, make_article
):
    author = make_author(bio="A private bio.")
    draft = make_article(status=Article.Status.DRAFT, authors=[author], tags=["secret-plan"])
    for url in pages(author, "secret-plan"):
        assert client.get(url).status_code == 404, url
    assert author.get_absolute_url() not in client.get(reverse("sitemap")).content.decode()

    draft.status = Article.Status.PUBLISHED
    draft.published_at = timezone.now()
    draft.save()
    for url in pages(author, "secret-plan"):
        assert client.get(url).status_code == 200, url
    assert author.get_absolute_url() in client.get(reverse("sitemap")).content.decode()


def test_an_author_with_only_a_scheduled_article_has_no_page(client, make_author, make_article):
    author = make_author()
    future = timezone.now() + timezone.timedelta(days=1)
    make_article(
        status=Article.Status.PUBLISHED, published_at=future, authors=[author], tags=["later"]
    )
    for url in pages(author, "later"):
        assert client.get(url).status_code == 404, url
