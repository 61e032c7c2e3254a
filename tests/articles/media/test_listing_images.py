"""The listing's small picture and the feeds' enclosures."""

import re

import feedparser
import pytest

from articles.media import services as media

from .files import picture_bytes, upload

pytestmark = pytest.mark.django_db


def described(colour):
    data = picture_bytes(size=(800, 500), colour=colour)
    return media.image_upload(upload=upload(data), alt_text=f"Colour {colour}").item


def test_the_listing_shows_a_thumbnail_only_for_articles_with_an_image(
    client, make_article, local_media
):
    make_article(title="With a picture", lead_image=described((200, 10, 10)))
    make_article(title="Without")
    page = client.get("/").text
    thumbnails = re.findall(r'<picture class="thumbnail">.*?</picture>', page)
    assert len(thumbnails) == 1
    assert 'width="160" height="100"' in thumbnails[0]
    assert 'loading="lazy"' in thumbnails[0]


@pytest.mark.parametrize("count", [1, 11])
def test_the_listing_with_thumbnails_runs_a_constant_number_of_queries(
    client, make_article, local_media, django_assert_max_num_queries, count
):
    for n in range(count):
        make_article(lead_image=described((n * 20, 10, 10)))
    client.get("/")  # the thumbnails are made once
    with django_assert_max_num_queries(14):
        page = client.get("/").text
    assert page.count('<picture class="thumbnail">') == count


def test_feeds_carry_the_lead_image_as_an_enclosure(client, make_article, local_media):
    image = described((10, 200, 10))
    make_article(title="With a picture", lead_image=image)
    make_article(title="Without")
    for url in ("/feeds/rss/", "/feeds/atom/"):
        feed = feedparser.parse(client.get(url).content)
        assert not feed.bozo, url
        by_title = {entry.title: entry for entry in feed.entries}
        (enclosure,) = by_title["With a picture"].enclosures
        assert enclosure.href.startswith("http://testserver/media/renditions/")
        assert enclosure.type == "image/jpeg" and int(enclosure.length) > 0
        assert by_title["Without"].enclosures == []
