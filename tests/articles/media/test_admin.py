"""The media library in the admin, posted as a browser posts it."""

import pytest
from django.urls import reverse

from articles.media.models import Document, Image

from .files import SVG_WITH_SCRIPT, pdf_bytes, picture_bytes, upload

pytestmark = pytest.mark.django_db

ADD = reverse("admin:media_image_add")
LIST = reverse("admin:media_image_changelist")


def add_image(client, data=None, **fields):
    form = {"upload": upload(data or picture_bytes()), "title": "", "alt_text": "", **fields}
    return client.post(ADD, form)


def test_an_editor_uploads_an_image_with_its_alt_text(admin_client, admin_user, local_media):
    response = add_image(admin_client, alt_text="Traders at Gao market", credit="UN Photo")
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.alt_text, image.credit, image.uploaded_by) == (
        "Traders at Gao market",
        "UN Photo",
        admin_user,
    )
    assert image.title == "gao market"
    assert (local_media / image.file.name).exists()


def test_an_svg_upload_is_refused_on_the_form_and_nothing_is_stored(admin_client, local_media):
    response = add_image(admin_client, SVG_WITH_SCRIPT)
    assert response.status_code == 200
    assert "SVG images are refused" in response.text
    assert not Image.objects.exists()
    assert list(local_media.rglob("*")) == []


def test_the_same_picture_twice_points_to_the_one_in_the_library(admin_client, local_media):
    data = picture_bytes()
    add_image(admin_client, data)
    response = add_image(admin_client, data)
    assert "in the library already" in response.text
    assert reverse("admin:media_image_change", args=[Image.objects.get().pk]) in response.text
    assert Image.objects.count() == 1


def test_a_decorative_picture_has_no_alt_text(admin_client, local_media):
    response = add_image(admin_client, alt_text="Sand", is_decorative="on")
    assert "A decorative picture has no alt text" in response.text
    assert not Image.objects.exists()


def test_several_pictures_are_uploaded_at_once_each_checked(admin_client, local_media):
    files = [
        upload(picture_bytes(colour=(10, 10, 10)), name="one.jpg"),
        upload(picture_bytes(colour=(90, 90, 90)), name="two.jpg"),
        upload(SVG_WITH_SCRIPT, name="three.svg"),
    ]
    response = admin_client.post(
        reverse("admin:media_image_upload"), {"files": files, "credit": "AFP"}, follow=True
    )
    said = [str(m) for m in response.context["messages"]]
    assert any(m.startswith("2 picture(s) added") for m in said), said
    assert any(m.startswith("three.svg: not added. SVG images are refused") for m in said), said
    assert sorted(Image.objects.values_list("title", "credit")) == [("one", "AFP"), ("two", "AFP")]


def test_the_library_lists_thumbnails_and_searches_alt_text_and_credit(admin_client, local_media):
    add_image(admin_client, picture_bytes(colour=(1, 2, 3)), alt_text="A convoy near Kidal")
    add_image(admin_client, picture_bytes(colour=(4, 5, 6)), alt_text="Market", credit="MINUSMA")
    found = admin_client.get(LIST, {"q": "kidal"}).context["cl"].result_list
    assert [i.alt_text for i in found] == ["A convoy near Kidal"]
    assert admin_client.get(LIST, {"q": "minusma"}).text.count('class="media-thumb"') == 1
    assert admin_client.get(LIST).text.count('class="media-thumb"') == 2


def test_the_library_filters_unused_and_undescribed_images(
    admin_client, local_media, make_article
):
    add_image(admin_client, picture_bytes(colour=(1, 2, 3)), alt_text="Used")
    add_image(admin_client, picture_bytes(colour=(4, 5, 6)))
    make_article(lead_image=Image.objects.get(alt_text="Used"))
    unused = admin_client.get(LIST, {"used": "no"})
    assert [i.alt_text for i in unused.context["cl"].result_list] == [""]
    missing = admin_client.get(LIST, {"alt": "missing"})
    assert [i.alt_text for i in missing.context["cl"].result_list] == [""]
    used = admin_client.get(LIST, {"used": "yes"})
    assert [i.alt_text for i in used.context["cl"].result_list] == ["Used"]


def test_the_change_page_sets_the_focal_point_and_lists_where_the_image_is_used(
    admin_client, local_media, make_article
):
    add_image(admin_client, alt_text="Gao")
    image = Image.objects.get()
    article = make_article(title="Patrols in Gao", lead_image=image)
    url = reverse("admin:media_image_change", args=[image.pk])
    page = admin_client.get(url).text
    assert 'class="focal-point"' in page and "media/focal_point.js" in page
    assert "Patrols in Gao" in page
    assert reverse("admin:articles_article_change", args=[article.pk]) in page
    response = admin_client.post(
        url,
        {"title": "Gao", "alt_text": "Gao", "caption": "", "credit": "", "focal_x": "0.25",
         "focal_y": "0.75"},
    )  # fmt: skip
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (0.25, 0.75)


def test_a_focal_point_outside_the_picture_is_refused(admin_client, local_media):
    add_image(admin_client, alt_text="Gao")
    image = Image.objects.get()
    url = reverse("admin:media_image_change", args=[image.pk])
    response = admin_client.post(url, {"alt_text": "Gao", "focal_x": "1.5", "focal_y": "0.5"})
    assert response.status_code == 200
    assert "less than or equal to 1" in response.text


def test_a_document_is_uploaded_and_a_non_pdf_refused(admin_client, local_media):
    add = reverse("admin:media_document_add")
    not_pdf = upload(picture_bytes(), name="r.pdf")
    refused = admin_client.post(add, {"upload": not_pdf, "title": ""})
    assert "not a PDF" in refused.text
    admin_client.post(add, {"upload": upload(pdf_bytes(), name="report-2024.pdf"), "title": ""})
    document = Document.objects.get()
    assert document.title == "report 2024"
    assert document.content_type == "application/pdf"
