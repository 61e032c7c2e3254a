"""Images where they belong: the article page, its social cards and JSON-LD, the rule
that publishes only described images, versions of the lead image, documents."""

import json
import re

import pytest
from django.urls import reverse
from reversion.models import Version

from articles import services
from articles.media import services as media
from articles.media.models import Image
from articles.models import Article, ArticleDocument
from tests.admin_forms import change_form_data

from .files import pdf_bytes, picture_bytes, upload

pytestmark = pytest.mark.django_db

PUBLISH = {"_publish_changes": "Publish changes"}


@pytest.fixture
def image(local_media):
    return media.image_upload(
        upload=upload(picture_bytes(size=(1600, 1000))),
        alt_text="Peacekeepers on patrol near Gao",
        caption="A patrol leaves the camp.",
        credit="UN Photo/M. Dormino",
    ).item


def json_ld_of(page):
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1)
    )


def test_the_article_page_serves_a_responsive_lead_image(client, make_article, image):
    article = make_article(lead_image=image)
    page = client.get(article.get_absolute_url()).text
    picture = re.search(r"<picture>.*?</picture>", page, re.S).group()
    assert picture.count("<source") == 2  # AVIF, WebP; then the JPEG <img>
    assert 'type="image/avif"' in picture and 'type="image/webp"' in picture
    img = re.search(r"<img [^>]+>", picture).group()
    srcset = re.search(r' srcset="([^"]+)"', img).group(1)
    assert [w.split()[-1] for w in srcset.split(", ")] == ["480w", "960w", "1440w"]
    assert 'width="1440" height="900"' in img
    assert 'alt="Peacekeepers on patrol near Gao"' in img
    assert 'decoding="async"' in img and 'sizes="' in img


def test_the_caption_and_credit_come_from_the_image_unless_the_article_has_its_own(
    client, make_article, image
):
    plain = make_article(lead_image=image)
    own = make_article(lead_image=image, lead_image_caption="Gao, in March.")
    assert 'A patrol leaves the camp. <span class="credit">(UN Photo/M. Dormino)</span>' in (
        client.get(plain.get_absolute_url()).text
    )
    page = client.get(own.get_absolute_url()).text
    assert "Gao, in March." in page and "A patrol leaves the camp." not in page
    assert "(UN Photo/M. Dormino)" in page


def test_a_caption_without_an_image_is_shown_without_an_empty_frame(client, make_article):
    article = make_article(lead_image_caption="Gen. Ham speaking", lead_image_credit="UN Photo")
    page = client.get(article.get_absolute_url()).text
    assert (
        '<p class="lead-image-caption">Gen. Ham speaking <span class="credit">(UN Photo)' in page
    )
    assert "<figure" not in page and "<picture" not in page
    assert 'name="twitter:card" content="summary"' in page
    assert "og:image" not in page


def test_the_social_cards_and_json_ld_carry_the_focal_point_crop(client, make_article, image):
    article = make_article(lead_image=image)
    page = client.get(article.get_absolute_url()).text
    og = re.search(r'<meta property="og:image" content="([^"]+)">', page).group(1)
    assert og.startswith("http://testserver/media/renditions/") and og.endswith(".jpeg")
    assert '<meta property="og:image:width" content="1200">' in page
    assert '<meta property="og:image:height" content="630">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    assert json_ld_of(page)["image"] == [
        {"@type": "ImageObject", "url": og, "width": 1200, "height": 630}
    ]


@pytest.mark.parametrize("count", [1, 11])
def test_the_article_page_runs_a_constant_number_of_queries(
    client, make_article, image, django_assert_max_num_queries, count, local_media
):
    article = make_article(lead_image=image)
    for n in range(count):
        document = media.document_upload(upload=upload(pdf_bytes(f"r{n}")), title=f"R{n}").item
        ArticleDocument.objects.create(article=article, document=document, position=n)
    client.get(article.get_absolute_url())  # the renditions are made once
    with django_assert_max_num_queries(12):
        page = client.get(article.get_absolute_url()).text
    assert page.count("(PDF, ") == count


def test_documents_are_listed_in_order_with_title_size_and_type(client, make_article, local_media):
    article = make_article()
    for position, title in [(1, "Annex"), (0, "Full report")]:
        document = media.document_upload(upload=upload(pdf_bytes(title)), title=title).item
        ArticleDocument.objects.create(article=article, document=document, position=position)
    page = client.get(article.get_absolute_url()).text
    titles = re.findall(r'<a href="/media/documents/[^"]+\.pdf" download>([^<]+)</a>', page)
    assert titles == ["Full report", "Annex"]
    assert "(PDF, " in page and "bytes)" in page


def test_an_image_without_alt_text_cannot_be_published(make_article, local_media, editor):
    undescribed = media.image_upload(upload=upload(picture_bytes())).item
    draft = make_article(status="draft", lead_image=undescribed)
    with pytest.raises(services.WorkflowError, match="has no alt text"):
        services.article_publish(article=draft, user=editor)
    assert Article.objects.get(pk=draft.pk).status == "draft"
    undescribed.is_decorative = True
    undescribed.save()
    services.article_publish(article=draft, user=editor)
    assert Article.objects.get(pk=draft.pk).status == "published"


def test_a_decorative_image_is_shown_with_an_empty_alt(client, make_article, local_media):
    texture = media.image_upload(upload=upload(picture_bytes()), is_decorative=True).item
    page = client.get(make_article(lead_image=texture).get_absolute_url()).text
    assert re.search(r'<img [^>]*alt=""', page)


def test_the_admin_refuses_to_publish_with_an_undescribed_lead_image(
    login, editor, make_article, local_media
):
    client = login(editor)
    undescribed = media.image_upload(upload=upload(picture_bytes())).item
    draft = make_article(status="draft")
    url = reverse("admin:articles_article_change", args=[draft.pk])
    data = change_form_data(client.get(url))
    data.update(lead_image=str(undescribed.pk), status="published")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "has no alt text" in response.text
    assert Article.objects.get(pk=draft.pk).status == "draft"


def test_another_lead_image_is_a_version_compared_and_restored(
    login, editor, make_article, image, local_media
):
    client = login(editor)
    other = media.image_upload(
        upload=upload(picture_bytes(colour=(1, 1, 1))), alt_text="Bamako", title="Bamako at night"
    ).item
    article = make_article(lead_image=image)
    url = reverse("admin:articles_article_change", args=[article.pk])
    for chosen in (image, other):
        data = change_form_data(client.get(url))
        data.update(PUBLISH, lead_image=str(chosen.pk), title=f"With {chosen.pk}")
        assert client.post(url, data).status_code == 302
    first, second = Version.objects.get_for_object(article).order_by("pk")
    compare = client.get(
        reverse("admin:articles_article_compare", args=[article.pk]),
        {"a": first.pk, "b": second.pk},
    ).text
    assert "Lead image" in compare and "Bamako at night" in compare
    client.post(reverse("admin:articles_article_restore", args=[article.pk, first.pk]))
    assert Article.objects.get(pk=article.pk).lead_image_id == image.pk


def test_editing_an_images_alt_text_makes_the_pages_showing_it_stale(
    client, settings, make_article, image
):
    settings.PAGE_CACHE_SECONDS = 600
    shown = make_article(lead_image=image).get_absolute_url()
    other = make_article().get_absolute_url()
    for url in (shown, other, "/"):
        client.get(url)
        assert client.get(url)["X-Cache"] == "hit"
    image.alt_text = "Peacekeepers near Gao, in the rain"
    image.save()
    assert client.get(shown)["X-Cache"] == "miss"
    assert client.get("/")["X-Cache"] == "miss"
    assert client.get(other)["X-Cache"] == "hit"
    assert "in the rain" in client.get(shown).text


def test_an_image_in_use_cannot_be_deleted(make_article, image):
    from django.db.models import ProtectedError

    make_article(lead_image=image)
    with pytest.raises(ProtectedError):
        image.delete()
    assert Image.objects.filter(pk=image.pk).exists()


def test_a_library_figure_in_the_body_survives_sanitising_and_nothing_else(make_article, image):
    from articles.media.renditions import renditions

    url = renditions(image, ["w960.jpeg"])["w960.jpeg"].url
    figure = (
        f'<figure><img src="{url}" alt="A patrol" width="960" height="600">'
        "<figcaption>A patrol near Gao.</figcaption></figure>"
    )
    hostile = (
        f'<figure class="x" onclick="y"><img src="{url}" alt="A patrol" width="960" '
        'height="600" onerror="alert(1)" style="border:0"><figcaption>A patrol near Gao.'
        "</figcaption></figure>"
        '<p>Text<img src="https://tracker.example/pixel.gif" alt="t">'
        '<img src="/media/../../etc/passwd"><img src="javascript:alert(2)"></p>'
    )
    article = make_article(body=hostile)
    article.refresh_from_db()
    assert article.body == figure + "<p>Text</p>"


def test_an_editor_attaches_documents_to_a_live_article_in_order(
    login, editor, client, make_article, local_media
):
    editor_client = login(editor)
    annex = media.document_upload(upload=upload(pdf_bytes("a")), title="Annex").item
    report = media.document_upload(upload=upload(pdf_bytes("b")), title="Full report").item
    article = make_article()
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(editor_client.get(url))
    data.update(
        PUBLISH,
        **{
            "article_documents-TOTAL_FORMS": "2",
            "article_documents-0-document": str(annex.pk),
            "article_documents-0-position": "2",
            "article_documents-1-document": str(report.pk),
            "article_documents-1-position": "1",
        },
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    links = ArticleDocument.objects.filter(article=article).order_by("position")
    assert [link.document.title for link in links] == ["Full report", "Annex"]
    page = client.get(article.get_absolute_url()).text
    assert page.index("Full report") < page.index("Annex")
