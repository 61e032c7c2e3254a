"""Renditions: sizes, focal-point crops, made once, and the timings recorded."""

import io

import pytest
from django.core.files.storage import default_storage
from PIL import Image as PILImage

from articles.media import services
from articles.media.models import Rendition
from articles.media.renditions import (
    Spec,
    crop_box,
    offered_specs,
    output_size,
    renditions,
    widths_for,
)

from .files import picture_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def image(local_media):
    return services.image_upload(upload=upload(picture_bytes(size=(1600, 1000)))).item


def colour_at_centre(rendition):
    with default_storage.open(rendition.file.name) as f:
        picture = PILImage.open(io.BytesIO(f.read())).convert("RGB")
    return picture.getpixel((picture.width // 2, picture.height // 2))


def test_the_crop_box_follows_the_focal_point_within_the_edges():
    assert crop_box(1600, 1000, (1, 1), (0.5, 0.5)) == (300, 0, 1300, 1000)
    assert crop_box(1600, 1000, (1, 1), (0.0, 0.5)) == (0, 0, 1000, 1000)
    assert crop_box(1600, 1000, (1, 1), (0.9, 0.5)) == (600, 0, 1600, 1000)
    assert crop_box(1000, 1600, (2, 1), (0.5, 0.1)) == (0, 0, 1000, 500)


def test_the_social_card_is_cut_around_the_focal_point(local_media):
    # A panorama (3:1) whose left half is orange, its right half blue.
    image = services.image_upload(upload=upload(picture_bytes(size=(2400, 800)))).item
    image.focal_x = 0.1
    image.save()
    left = renditions(image, ["social.jpeg"])["social.jpeg"]
    image.focal_x = 0.9
    image.save()
    right = renditions(image, ["social.jpeg"])["social.jpeg"]
    assert left.pk != right.pk  # a new focal point, a new crop
    assert colour_at_centre(left)[0] > 150 > colour_at_centre(right)[0]
    assert (right.width, right.height) == (1200, 630)


def test_width_renditions_keep_the_shape_and_never_upscale(local_media):
    small = services.image_upload(upload=upload(picture_bytes(size=(600, 300)))).item
    assert widths_for(small) == [480]
    made = renditions(small, ["w480.webp", "w960.webp"])
    assert (made["w480.webp"].width, made["w480.webp"].height) == (480, 240)
    assert made["w960.webp"].width == 600


def test_a_picture_narrower_than_every_width_is_shown_at_its_own(
    client, make_article, local_media
):
    narrow = services.image_upload(
        upload=upload(picture_bytes(size=(300, 200))), alt_text="A"
    ).item
    assert widths_for(narrow) == [480]  # a spec the library makes; its file is 300 wide
    page = client.get(make_article(lead_image=narrow).get_absolute_url())
    assert page.status_code == 200
    assert 'width="300" height="200"' in page.text
    assert " 300w" in page.text and " 480w" not in page.text


def test_the_stated_size_of_every_rendition_is_its_files(local_media):
    for size, focal in [
        ((1600, 1000), 0.5),
        ((300, 200), 0.1),
        ((1000, 1600), 0.9),
        ((500, 900), 0),
    ]:
        image = services.image_upload(upload=upload(picture_bytes(size=size))).item
        image.focal_y = focal
        made = renditions(image, offered_specs(image))
        for spec, rendition in made.items():
            stated = output_size(image, Spec.parse(spec))
            assert stated == (rendition.width, rendition.height), (size, spec)


def test_the_second_request_makes_no_rendition(image, django_assert_num_queries):
    renditions(image, ["w480.avif", "w480.webp", "w480.jpeg"])
    assert Rendition.objects.count() == 3
    image.refresh_from_db()
    with django_assert_num_queries(1):  # reading them; none written
        again = renditions(image, ["w480.avif", "w480.webp", "w480.jpeg"])
    assert Rendition.objects.count() == 3
    assert all(r.pk for r in again.values())


def test_each_rendition_records_how_long_it_took(image):
    made = renditions(image, ["w1440.avif", "w1440.jpeg"])
    assert all(r.render_ms > 0 for r in made.values())


def test_an_unknown_spec_is_refused(image):
    with pytest.raises(ValueError, match="Unknown rendition spec"):
        renditions(image, ["w123.jpeg"])
