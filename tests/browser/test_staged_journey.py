"""An editor changes a live article without readers seeing it, previews, then publishes."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.conftest import editorial_group

from .helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-long-test-password"


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(
        username="eddie", password=PASSWORD, is_staff=True, first_name="Eddie"
    )
    user.groups.add(editorial_group("Editor"))
    return user


def test_editor_stages_previews_and_publishes_a_change_readers_see_only_then(
    page, new_context, newsroom, editor
):
    article = newsroom.ambush
    old_title = article.title
    log_in(page, editor.username, PASSWORD)
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    page.goto(change_url)
    page.locator("#id_title").fill("Ambush near Gao: the convoy's account")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".pending-banner")).to_contain_text(
        "Live, with unpublished changes — readers still see the published version"
    )
    expect(page.locator("#id_title")).to_have_value("Ambush near Gao: the convoy's account")

    reader = new_context().new_page()  # anonymous
    reader.goto(article.get_absolute_url())
    expect(reader.locator("h1")).to_have_text(old_title)

    preview = page.context.new_page()
    preview.goto(reverse("articles:preview", args=[article.pk]))
    expect(preview.locator(".preview-banner")).to_contain_text("Preview: not what readers see")
    expect(preview.locator("h1")).to_have_text("Ambush near Gao: the convoy's account")

    page.get_by_role("button", name="Publish changes").click()
    expect(page.locator(".messagelist .success").first).to_be_visible()
    reader.reload()
    expect(reader.locator("h1")).to_have_text("Ambush near Gao: the convoy's account")
