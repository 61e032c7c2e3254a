"""A reader follows a correction to the corrections page and back, and an old link that
moved; on a phone and a desktop, with JavaScript on and off."""

import pytest
from playwright.sync_api import expect

from articles.models import Article

from .helpers import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DEVICES = {"phone": PHONE, "desktop": DESKTOP}


@pytest.fixture(
    params=[(d, js) for d in DEVICES for js in (True, False)],
    ids=lambda p: f"{p[0]}-{'js' if p[1] else 'no-js'}",
)
def reader(request, new_context):
    device, javascript = request.param
    return new_context(**DEVICES[device], java_script_enabled=javascript).new_page()


def test_reader_goes_from_a_correction_to_the_corrections_page_and_back(reader, newsroom):
    page = reader
    corrected = Article.objects.get(slug="convoy-destroyed-in-niger")
    page.goto(corrected.get_absolute_url())
    page.get_by_role("link", name="All our corrections").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Corrections")
    page.get_by_role("link", name=corrected.title).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(corrected.title)
    assert page.url.endswith(f"{corrected.get_absolute_url()}#update-1")
    page.goto("/")
    page.locator("footer").get_by_role("link", name="Corrections", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Corrections")


def test_an_old_link_to_a_renamed_article_leads_to_it(reader, newsroom):
    page = reader
    article = Article.objects.get(slug="ecowas-plans-a-force")
    article.slug = "ecowas-prepares-a-standby-force"
    article.save()
    response = page.goto("/articles/ecowas-plans-a-force/")
    assert response.ok and response.request.redirected_from is not None
    assert page.url.endswith("/articles/ecowas-prepares-a-standby-force/")
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)
