"""Term suggestions on the article form, in Chromium: typing offers the terms found in the
text; one click puts a term in the terms field; the save keeps it."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article
from tests.conftest import editorial_group

from .helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-long-test-password"


@pytest.fixture
def eddie(django_user_model):
    user = django_user_model.objects.create_user(
        username="eddie", password=PASSWORD, is_staff=True
    )
    user.groups.add(editorial_group("Editor"))
    return user


def test_a_suggested_term_is_added_with_one_click_and_saved(page, eddie, newsroom):
    log_in(page, "eddie", PASSWORD)
    page.goto(reverse("admin:articles_article_add"))
    panel = page.locator(".term-suggestions")
    expect(panel).to_be_visible()
    page.locator("#id_title").fill("Ambush on the road to Gao")
    page.locator("#id_standfirst").fill("Peacekeepers of the mission were hit.")
    page.locator(".field-body .ProseMirror[contenteditable=true]").click()
    page.keyboard.type("President Keita spoke of the UN Multidimensional Integrated ")
    page.keyboard.type("Stabilization Mission in Mali.")

    gao = panel.get_by_role("button", name="Add Places › Africa › Sahel › Mali › Gao")
    expect(gao).to_be_visible()
    keita = panel.get_by_role("button", name="Add People › Ibrahim Boubacar Keïta")
    expect(keita).to_be_visible()
    minusma = panel.get_by_role("button", name="Add Organisations › United Nations › MINUSMA")
    expect(panel.locator(".term-suggestion-why", has_text="(as “Keita”)")).to_be_visible()
    # The title's term first, then the body's, the deeper first; not Mali, which occurs
    # only inside the mission's name.
    expect(panel.locator("button.term-suggestion")).to_have_text(
        [
            "Add Places › Africa › Sahel › Mali › Gao",
            "Add Organisations › United Nations › MINUSMA",
            "Add People › Ibrahim Boubacar Keïta",
        ]
    )

    gao.click()
    chosen = page.locator(".field-terms .select2-selection__choice")
    expect(chosen).to_have_count(1)
    expect(chosen).to_contain_text("Places › Africa › Sahel › Mali › Gao")
    expect(gao).to_have_count(0)
    expect(panel.get_by_role("status")).to_have_text(re.compile("Added Places › .* › Gao"))
    expect(minusma).to_be_focused()  # the keyboard stays in the list

    # Typing on does not offer the chosen term again.
    page.locator("#id_title").press("End")
    page.keyboard.type(" and Niger")
    expect(panel.get_by_role("button", name="Add Places › Africa › Sahel › Niger")).to_be_visible()
    expect(panel.get_by_role("button", name=re.compile("› Gao$"))).to_have_count(0)
    assert not Article.objects.filter(title__startswith="Ambush on the road").exists()

    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    article = Article.objects.get(title="Ambush on the road to Gao and Niger")
    assert [t.name for t in article.terms.all()] == ["Gao"]
