"""Uploads are hostile until proven otherwise: each refusal, with its message."""

import io

import pytest
from PIL import Image as PILImage

from articles.media import services
from articles.media.models import Image

from .files import SVG_WITH_SCRIPT, pdf_bytes, picture_bytes, png_header_only, upload

pytestmark = pytest.mark.django_db


def refusal(data, *, name="photo.jpg", kind="image"):
    upload_ = upload(data, name=name)
    call = services.image_upload if kind == "image" else services.document_upload
    with pytest.raises(services.UploadRefused) as refused:
        call(upload=upload_)
    return str(refused.value)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "AVIF"])
def test_each_allowed_format_is_taken(local_media, fmt):
    image = services.image_upload(upload=upload(picture_bytes(fmt=fmt, size=(64, 40)))).item
    assert (image.width, image.height) == (64, 40)
    assert image.file.name.endswith({"JPEG": ".jpg"}.get(fmt, f".{fmt.lower()}"))


def test_a_gif_named_jpg_is_refused_by_its_content(local_media):
    gif = io.BytesIO()
    PILImage.new("RGB", (10, 10)).save(gif, format="GIF")
    assert "GIF images are not taken" in refusal(gif.getvalue(), name="holiday.jpg")


def test_text_named_jpg_is_not_an_image(local_media):
    assert "not an image the library takes" in refusal(b"hello, I am a JPEG")


def test_svg_is_refused_because_it_can_carry_scripts(local_media):
    assert "SVG images are refused" in refusal(SVG_WITH_SCRIPT, name="logo.png")


def test_a_decompression_bomb_is_refused_from_its_header(local_media):
    message = refusal(png_header_only(100_000, 100_000), name="bomb.png")
    assert "too many pixels" in message and "megapixels" in message


def test_more_pixels_than_the_limit_are_refused(local_media, settings):
    settings.MEDIA_MAX_PIXELS = 1_000_000
    message = refusal(picture_bytes(size=(1600, 1000)))
    assert "1600×1000 pixels" in message and "at most 1 megapixels" in message


def test_a_file_over_the_size_limit_is_refused(local_media, settings):
    settings.MEDIA_MAX_UPLOAD_BYTES = 1000
    assert "up to 1000" in refusal(picture_bytes()).replace("\xa0", " ")


def test_a_truncated_image_is_refused_as_damaged(local_media):
    assert "damaged" in refusal(picture_bytes()[:3000])


def test_nothing_is_stored_on_refusal(local_media):
    for data in (SVG_WITH_SCRIPT, png_header_only(100_000, 100_000), b"nope"):
        with pytest.raises(services.UploadRefused):
            services.image_upload(upload=upload(data))
    assert not Image.objects.exists()
    assert list(local_media.rglob("*")) == []


def test_a_document_must_be_a_pdf_by_its_content(local_media):
    assert "not a PDF" in refusal(picture_bytes(), name="report.pdf", kind="document")


def test_a_pdf_without_its_end_is_refused(local_media):
    assert "incomplete or damaged" in refusal(pdf_bytes()[:-30], name="r.pdf", kind="document")


def test_an_empty_file_is_refused(local_media):
    assert "empty" in refusal(b"")
