"""Lead images and documents in the API: their fields, addresses that lead to real files
of the stated size (made on a client's first request, never by the API's answer), no
leak of a hidden article's picture, ETags that follow the image, constant queries."""

import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image as PILImage

from articles.media import services as media
from articles.media.models import Document, Image, Rendition
from articles.media.renditions import FORMATS, Spec
from articles.models import Article, ArticleDocument
from articles.public.views.images import rendition_path
from tests.articles.media.files import pdf_bytes, picture_bytes, upload

pytestmark = pytest.mark.django_db

LISTING = "/api/articles/"
PIL_FORMATS = {"avif": "AVIF", "webp": "WEBP", "jpeg": "JPEG"}


def make_image(*, size=(1600, 1000), colour=(180, 120, 60), **fields):
    fields.setdefault("alt_text", "Peacekeepers on patrol near Gao")
    return media.image_upload(
        upload=upload(picture_bytes(size=size, colour=colour)), **fields
    ).item


@pytest.fixture
def image():
    return make_image(caption="A patrol leaves the camp.", credit="UN Photo/M. Dormino")


def detail(client, article):
    response = client.get(f"{LISTING}{article.slug}/")
    assert response.status_code == 200, response.content
    return response.json()


def fetched(client, url):
    """The bytes at an address of the API's, following its redirect to the media file."""
    response = client.get(url)
    while response.status_code in (301, 302):
        response = client.get(response["Location"])
    assert response.status_code == 200, url
    return b"".join(response.streaming_content)


def test_an_article_with_a_lead_image_has_its_description_and_renditions(
    client, make_article, image
):
    image.focal_x, image.focal_y = 0.25, 0.5
    image.save()
    article = make_article(lead_image=image, lead_image_credit="Reuters")
    lead = detail(client, article)["lead_image"]
    assert lead["alt"] == "Peacekeepers on patrol near Gao"
    assert lead["is_decorative"] is False
    assert lead["caption"] == "A patrol leaves the camp."  # the image's own
    assert lead["credit"] == "Reuters"  # the article's own
    assert (lead["width"], lead["height"]) == (1600, 1000)
    assert lead["focal_point"] == {"x": 0.25, "y": 0.5}
    assert lead["original_url"].startswith("http://testserver/media/images/")
    sizes = {r["spec"]: (r["purpose"], r["width"], r["height"]) for r in lead["renditions"]}
    expected = {
        **{f"w{w}.{fmt}": ("width", w, w * 10 // 16) for fmt in FORMATS for w in (480, 960, 1440)},
        "social.jpeg": ("social", 1200, 630),
        "thumb.webp": ("thumbnail", 320, 200),
        "thumb.jpeg": ("thumbnail", 320, 200),
    }
    assert sizes == expected
    assert all(r["url"].startswith("http://testserver/images/") for r in lead["renditions"])
    assert [s["format"] for s in lead["sources"]] == list(FORMATS)
    jpeg = {
        r["width"]: r["url"]
        for r in lead["renditions"]
        if r["purpose"] == "width" and r["format"] == "jpeg"
    }
    assert lead["sources"][-1]["srcset"].endswith(f"{jpeg[1440]} 1440w")
    assert lead["sources"][-1]["srcset"].count("w, ") == 2


def test_every_address_leads_to_a_real_image_of_the_stated_size_made_on_first_request(
    client, make_article, image
):
    article = make_article(lead_image=image)
    listed = client.get(LISTING).json()["results"][0]["lead_image"]
    assert listed == detail(client, article)["lead_image"]
    assert not Rendition.objects.exists()  # the answers made no file
    for rendition in listed["renditions"]:
        picture = PILImage.open(io.BytesIO(fetched(client, rendition["url"])))
        assert picture.size == (rendition["width"], rendition["height"]), rendition["spec"]
        assert picture.format == PIL_FORMATS[rendition["format"]]
    assert Rendition.objects.count() == len(listed["renditions"])
    original = PILImage.open(io.BytesIO(fetched(client, listed["original_url"])))
    assert original.size == (1600, 1000)


def test_a_rendition_address_redirects_to_the_file_and_may_be_kept(client, make_article, image):
    make_article(lead_image=image)
    url = client.get(LISTING).json()["results"][0]["lead_image"]["renditions"][0]["url"]
    first = client.get(url)
    assert first.status_code == 302
    assert first["Location"].startswith("http://testserver/media/renditions/")
    assert "max-age=86400" in first["Cache-Control"]
    again = client.get(url)
    assert again["Location"] == first["Location"]  # made once, then reused
    assert Rendition.objects.count() == 1


def addresses(client):
    """{spec: url} of the first listed article's renditions."""
    lead = client.get(LISTING).json()["results"][0]["lead_image"]
    return {r["spec"]: r["url"] for r in lead["renditions"]}


def test_a_new_focal_point_gives_the_crops_new_addresses_and_keeps_the_widths(
    client, make_article, image
):
    make_article(lead_image=image)
    before = addresses(client)
    image.focal_x = 0.9
    image.save()
    after = addresses(client)
    changed = {spec for spec in before if before[spec] != after[spec]}
    assert changed == {"social.jpeg", "thumb.webp", "thumb.jpeg"}
    # The old address of a crop still leads to the crop as it is now, without the promise.
    stale = client.get(before["social.jpeg"])
    assert stale.status_code == 302
    assert stale["Cache-Control"] == "no-cache"
    assert stale["Location"] == client.get(after["social.jpeg"])["Location"]


def test_an_article_without_an_image_has_a_null_lead_image(client, make_article):
    article = make_article(lead_image_caption="Gen. Ham speaking", lead_image_credit="UN Photo")
    assert client.get(LISTING).json()["results"][0]["lead_image"] is None
    data = detail(client, article)
    assert data["lead_image"] is None
    assert (data["lead_image_caption"], data["lead_image_credit"]) == (
        "Gen. Ham speaking",
        "UN Photo",
    )


def test_a_decorative_image_has_an_empty_alt(client, make_article):
    article = make_article(lead_image=make_image(alt_text="", is_decorative=True))
    lead = detail(client, article)["lead_image"]
    assert (lead["alt"], lead["is_decorative"]) == ("", True)


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.IN_REVIEW},
        {"published_at": timezone.now() + timedelta(days=2)},
        {"published_at": timezone.now() - timedelta(days=5), "expires_at": timezone.now()},
    ],
    ids=["draft", "review", "scheduled", "expired"],
)
def test_a_hidden_articles_image_has_no_address(client, make_article, image, hidden):
    article = make_article(lead_image=image, **hidden)
    assert not article.is_published()
    shown = make_article()  # an answer with an article in it, not the hidden one
    listed = client.get(LISTING).json()["results"]
    assert [a["slug"] for a in listed] == [shown.slug]
    assert client.get(f"{LISTING}{article.slug}/").status_code == 404
    for spec in ("w960.jpeg", "social.jpeg", "thumb.webp"):
        response = client.get(rendition_path(image, Spec.parse(spec)))
        assert response.status_code == 404, spec
    assert not Rendition.objects.exists()


def test_a_withdrawn_articles_image_loses_its_addresses(client, make_article, image):
    article = make_article(lead_image=image)
    url = client.get(LISTING).json()["results"][0]["lead_image"]["renditions"][0]["url"]
    assert client.get(url).status_code == 302
    Article.objects.filter(pk=article.pk).update(status=Article.Status.WITHDRAWN)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "address",
    [
        "w300.jpeg",  # not a width the site makes
        "social.avif",  # not a format the site makes the card in
        "w960.gif",
        "thumb",
        "..%2Fimages",
    ],
)
def test_a_rendition_the_site_does_not_make_is_a_404(client, make_article, image, address):
    make_article(lead_image=image)
    path = rendition_path(image, Spec.parse("w960.jpeg")).rsplit("/", 1)[0]
    assert client.get(f"{path}/{address}").status_code == 404
    assert not Rendition.objects.exists()


@pytest.mark.parametrize(
    "key", ["abc-123", "0-abc", "-1-abc", "99999999999999999999-abc", "1٣-abc"]
)
def test_a_key_that_names_no_image_is_a_404_never_a_500(client, key):
    assert client.get(f"/images/{key}/w960.jpeg").status_code == 404


def test_a_narrow_image_is_offered_at_its_own_width(client, make_article):
    article = make_article(lead_image=make_image(size=(300, 200)))
    lead = detail(client, article)["lead_image"]
    widths = [r for r in lead["renditions"] if r["purpose"] == "width"]
    assert {(r["spec"].split(".")[0], r["width"], r["height"]) for r in widths} == {
        ("w480", 300, 200)
    }
    (jpeg,) = [r for r in widths if r["format"] == "jpeg"]
    assert PILImage.open(io.BytesIO(fetched(client, jpeg["url"]))).size == (300, 200)
    thumb = next(r for r in lead["renditions"] if r["spec"] == "thumb.jpeg")
    assert (thumb["width"], thumb["height"]) == (300, 188)  # the crop, never upscaled
    assert PILImage.open(io.BytesIO(fetched(client, thumb["url"]))).size == (300, 188)


@pytest.mark.parametrize("how", ["save", "update"])
def test_the_etag_changes_when_the_alt_text_changes(client, make_article, image, how):
    article = make_article(lead_image=image)
    for url in (LISTING, f"{LISTING}{article.slug}/"):
        first = client.get(url)
        if how == "save":
            image.alt_text = f"Changed for {url}"
            image.save()
        else:
            Image.objects.filter(pk=image.pk).update(alt_text=f"Changed for {url}")
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 200, url
        assert f"Changed for {url}" in again.text


def test_the_etag_changes_when_the_caption_or_the_lead_image_changes(client, make_article, image):
    article = make_article(lead_image=image)
    url = f"{LISTING}{article.slug}/"
    first = client.get(url)
    Image.objects.filter(pk=image.pk).update(caption="A new caption.")
    second = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert second.json()["lead_image"]["caption"] == "A new caption."
    article.lead_image = make_image(colour=(10, 200, 10), alt_text="Another picture")
    article.save()
    third = client.get(url, HTTP_IF_NONE_MATCH=second["ETag"])
    assert third.status_code == 200
    assert third.json()["lead_image"]["alt"] == "Another picture"


def test_an_image_no_article_shows_changes_no_etag(client, make_article, image):
    make_article(lead_image=image)
    unused = make_image(colour=(0, 0, 0), alt_text="In the library only")
    first = client.get(LISTING)
    unused.alt_text = "Still in the library only"
    unused.save()
    assert client.get(LISTING, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.json()


def test_the_listing_runs_as_many_queries_with_twenty_images_as_with_none(
    client, make_article, django_assert_max_num_queries
):
    articles = [make_article() for _ in range(20)]
    client.get(LISTING)  # the listing index is built once per change
    without, _ = queries(client, LISTING)
    for n, article in enumerate(articles):
        article.lead_image = make_image(size=(640, 400), colour=(n * 12, 90, 30))
        article.save()
    client.get(LISTING)
    with django_assert_max_num_queries(without + 1):  # + the renditions' prefetch
        data = client.get(LISTING).json()
    assert len(data["results"]) == 20
    assert all(item["lead_image"] for item in data["results"])


def test_the_detail_lists_its_documents_in_order_with_working_links(client, make_article):
    article = make_article()
    report, annex = (
        media.document_upload(upload=upload(pdf_bytes(text), name=f"{text}.pdf"), title=text).item
        for text in ("Annual report", "Annex")
    )
    ArticleDocument.objects.create(article=article, document=annex, position=1)
    ArticleDocument.objects.create(article=article, document=report, position=0)
    url = f"{LISTING}{article.slug}/"
    first = client.get(url)
    documents = first.json()["documents"]
    assert [d["title"] for d in documents] == ["Annual report", "Annex"]
    assert documents[0]["type"] == "PDF"
    assert documents[0]["content_type"] == "application/pdf"
    assert fetched(client, documents[0]["url"]) == report.file.open("rb").read()
    assert documents[0]["size"] == report.file_size
    Document.objects.filter(pk=annex.pk).update(title="Annex, revised")
    second = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert second.json()["documents"][1]["title"] == "Annex, revised"
    ArticleDocument.objects.filter(document=annex).delete()
    third = client.get(url, HTTP_IF_NONE_MATCH=second["ETag"])
    assert [d["title"] for d in third.json()["documents"]] == ["Annual report"]


def test_the_detail_runs_as_many_queries_with_an_image_and_documents_as_without(
    client, make_article, image
):
    plain = make_article()
    full = make_article(lead_image=image)
    for n in range(3):
        document = media.document_upload(
            upload=upload(pdf_bytes(f"Report {n}"), name="r.pdf")
        ).item
        ArticleDocument.objects.create(article=full, document=document, position=n)
    client.get(LISTING)
    without, _ = queries(client, f"{LISTING}{plain.slug}/")
    with_all, data = queries(client, f"{LISTING}{full.slug}/")
    assert len(data["documents"]) == 3
    assert with_all <= without + 1  # the renditions' prefetch, whatever the count
