"""An editor uploads a picture, describes it, sets its focal point, makes it an
article's lead image and publishes; a reader sees it on a phone and on a desktop, the
phone loading a small file."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.media.models import Image
from articles.models import Article
from tests.articles.media.files import picture_bytes
from tests.conftest import editorial_group

from .helpers import DESKTOP, PHONE, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-long-test-password"


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(
        username="eddie", password=PASSWORD, is_staff=True, first_name="Eddie"
    )
    user.groups.add(editorial_group("Editor"))
    return user


def pick(page, field, text):
    page.locator(f".field-{field} .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    choice = page.locator(".select2-results__option", has_text=text).first
    expect(choice).to_be_visible()
    choice.click()


def test_an_editor_publishes_a_lead_image_that_readers_see_on_phone_and_desktop(
    page, new_context, editor, make_article
):
    draft = make_article(title="Patrols resume in Gao", slug="patrols-gao", status="draft")
    original = picture_bytes(size=(2400, 1500))
    log_in(page, editor.username, PASSWORD)

    # Upload and describe.
    page.goto(reverse("admin:media_image_add"))
    page.locator("#id_upload").set_input_files(
        {"name": "IMG_0042.jpg", "mimeType": "image/jpeg", "buffer": original}
    )
    page.locator("#id_title").fill("Gao patrol")
    page.locator("#id_alt_text").fill("Peacekeepers in a white vehicle on a sandy road")
    page.locator("#id_credit").fill("UN Photo/M. Dormino")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    image = Image.objects.get()

    # The focal point: a click on the picture's right third fills the fields.
    picture = page.locator(".focal-point img")
    box = picture.bounding_box()
    picture.click(position={"x": box["width"] * 0.8, "y": box["height"] * 0.4})
    expect(page.locator("#id_focal_x")).to_have_value("0.8")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    image.refresh_from_db()
    assert image.focal_x == pytest.approx(0.8, abs=0.011)
    assert image.focal_y == pytest.approx(0.4, abs=0.011)

    # The lead image, then publish.
    page.goto(reverse("admin:articles_article_change", args=[draft.pk]))
    pick(page, "lead_image", "Gao patrol")
    page.locator("#id_status").select_option("published")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    article = Article.objects.get(pk=draft.pk)
    assert (article.status, article.lead_image_id) == ("published", image.pk)

    # Readers: the phone picks a small file, the desktop a larger one; nothing shifts.
    chosen = {}
    for name, device in (("phone", PHONE), ("desktop", DESKTOP)):
        reader = new_context(**device).new_page()
        served = {}
        reader.on("response", lambda r, served=served: served.__setitem__(r.url, r))
        reader.goto(article.get_absolute_url())
        lead = reader.locator(".lead-image img")
        expect(lead).to_be_visible()
        expect(lead).to_have_attribute("alt", image.alt_text)
        lead.evaluate("img => img.decode()")
        current = lead.evaluate("img => img.currentSrc")
        chosen[name] = current
        assert re.search(r"/renditions/\d+/w\d+-", current), current
        assert (
            reader.locator(".lead-image figcaption").inner_text().endswith("(UN Photo/M. Dormino)")
        )
        page_bytes = len(served[reader.url].body())
        image_bytes = len(served[current].body())
        file = current.rsplit("/", 1)[-1]
        print(f"\n{name}: page {page_bytes} B + lead image {image_bytes} B ({file})")
        print(f"{name}: the original upload was {len(original)} B")
        reader.context.close()
    assert "/w480-" in chosen["phone"]
    assert "/w480-" not in chosen["desktop"]
