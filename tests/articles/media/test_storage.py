"""The same suite on the local disk and on a real S3 server (SeaweedFS): originals,
renditions and documents all through the one storage, under generated names."""

import io

import pytest
from django.core.files.storage import default_storage
from PIL import Image as PILImage

from articles.media import services
from articles.media.models import Document, Image, Rendition
from articles.media.renditions import renditions

from .files import CAMERA, pdf_bytes, picture_bytes, upload

pytestmark = pytest.mark.django_db


def stored_names(folder=""):
    directories, files = default_storage.listdir(folder)
    names = [f"{folder}/{f}".lstrip("/") for f in files]
    for directory in directories:
        names += stored_names(f"{folder}/{directory}".lstrip("/"))
    return names


def test_an_uploaded_image_is_stored_under_a_generated_name(media_storage):
    result = services.image_upload(upload=upload(picture_bytes(), name="../../etc/passwd.jpg"))
    image = result.item
    assert result.is_new
    assert image.file.name.startswith("images/")
    assert "passwd" not in image.file.name and ".." not in image.file.name
    assert image.title == "passwd"  # the uploaded name is a title, never a path
    assert default_storage.exists(image.file.name)
    assert stored_names() == [image.file.name]


def test_the_stored_image_has_no_camera_or_gps_metadata(media_storage):
    original = picture_bytes()
    assert CAMERA.encode() in original
    image = services.image_upload(upload=upload(original)).item
    with default_storage.open(image.file.name) as f:
        stored = f.read()
    assert CAMERA.encode() not in stored
    assert not PILImage.open(io.BytesIO(stored)).getexif()
    assert (image.width, image.height, image.file_size) == (1600, 1000, len(stored))


def test_renditions_go_to_the_same_storage_without_metadata(media_storage):
    image = services.image_upload(upload=upload(picture_bytes())).item
    made = renditions(image, ["w480.webp", "social.jpeg"])
    for rendition in made.values():
        assert rendition.file.name.startswith(f"renditions/{image.pk}/")
        with default_storage.open(rendition.file.name) as f:
            data = f.read()
        assert CAMERA.encode() not in data
        assert len(data) == rendition.file_size
    assert (made["social.jpeg"].width, made["social.jpeg"].height) == (1200, 630)
    assert len(stored_names("renditions")) == 2


def test_a_document_is_stored_with_its_size_and_type(media_storage):
    data = pdf_bytes()
    document = services.document_upload(upload=upload(data, name="report.pdf")).item
    assert document.title == "report"
    assert (document.file_size, document.content_type) == (len(data), "application/pdf")
    assert document.file.name.startswith("documents/") and document.file.name.endswith(".pdf")
    with default_storage.open(document.file.name) as f:
        assert f.read() == data


def test_a_refused_upload_stores_nothing(media_storage):
    with pytest.raises(services.UploadRefused):
        services.image_upload(upload=upload(b"GIF89a not really", name="x.jpg"))
    with pytest.raises(services.UploadRefused):
        services.document_upload(upload=upload(b"%PDF-1.4 truncated", name="x.pdf"))
    assert stored_names() == []
    assert not Image.objects.exists() and not Document.objects.exists()


def test_the_same_file_twice_is_the_same_image_and_one_stored_file(media_storage):
    data = picture_bytes()
    first = services.image_upload(upload=upload(data))
    second = services.image_upload(upload=upload(data, name="copy.jpg"))
    assert first.is_new and not second.is_new
    assert second.item.pk == first.item.pk
    assert len(stored_names()) == 1


def test_a_rendition_is_made_once_and_reused(media_storage):
    image = services.image_upload(upload=upload(picture_bytes())).item
    renditions(image, ["w960.jpeg"])
    stored = stored_names("renditions")
    image = Image.objects.get(pk=image.pk)
    again = renditions(image, ["w960.jpeg"])
    assert Rendition.objects.count() == 1
    assert stored_names("renditions") == stored
    assert again["w960.jpeg"].render_ms >= 0


def test_media_urls_point_at_the_storage(media_storage):
    image = services.image_upload(upload=upload(picture_bytes())).item
    url = image.file.url
    if media_storage == "local":
        assert url.startswith("/media/images/")
    else:
        assert url.startswith("http://127.0.0.1:") and "/sahel-media/" in url
        assert "Signature" not in url  # public URLs: the object store serves them as they are
