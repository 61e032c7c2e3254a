"""A reader's journeys through the public site, in Chromium, on a phone and a desktop."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import DESKTOP, focus_outline, is_focused, tab_to

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def results_count(page):
    return page.locator("#results-heading")


def facet_count(page, vocabulary, term):
    return page.locator(f"label[for='f-{vocabulary}-{term}'] .count")


def chip(page, label):
    return page.locator("ul.chips").get_by_role("link", name=f"Remove filter {label}")


def test_reader_filters_by_place_and_organisation_then_removes_one(device_page, newsroom):
    page = device_page
    page.goto("/")
    expect(results_count(page)).to_have_text("6 articles")
    expect(facet_count(page, "places", "mali")).to_have_text("3")
    expect(facet_count(page, "organisations", "minusma")).to_have_text("3")

    # A place from its checkbox (applied at once), an organisation typed by name into
    # its finder (applied with Enter).
    # By its id: once the listing reloads, the filter's chip ("Remove filter Places:
    # Mali") carries the name too, and check() looks the box up again after it clicks.
    page.locator("#f-places-mali").check()
    expect(results_count(page)).to_have_text("3 articles")
    page.locator("#find-organisations").fill("minusma")
    page.locator("#find-organisations").press("Enter")

    expect(results_count(page)).to_have_text("2 articles")
    expect(page).to_have_url(re.compile(r"places=mali"))
    expect(page.locator(".summary h2")).to_have_text(
        ["Peacekeepers return to Timbuktu", "Ambush near Gao"]
    )
    expect(chip(page, "Places: Mali")).to_be_visible()
    expect(chip(page, "Organisations: MINUSMA")).to_be_visible()
    # A ticked value shows its own count; another in its group what ticking it adds.
    expect(facet_count(page, "organisations", "minusma")).to_have_text("2")
    expect(facet_count(page, "organisations", "ecowas")).to_have_text("+1")
    expect(facet_count(page, "places", "mali")).to_have_text("2")
    expect(page.locator("#f-organisations-minusma")).to_be_checked()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        "the filtered listing scrolls sideways"
    )
    small = page.locator(
        ".filters input[type=text], .filters input[type=date], .filters select"
    ).evaluate_all(
        "els => els.filter(e => parseFloat(getComputedStyle(e).fontSize) < 16).map(e => e.id)"
    )
    assert not small, f"form controls in type smaller than 16px: {small}"

    chip(page, "Places: Mali").click()

    expect(results_count(page)).to_have_text("3 articles")
    expect(page).not_to_have_url(re.compile(r"places=mali"))
    expect(chip(page, "Places: Mali")).to_have_count(0)
    expect(chip(page, "Organisations: MINUSMA")).to_be_visible()
    expect(page.locator("#f-places-mali")).not_to_be_checked()
    expect(page.locator(".summary h2")).to_have_text(
        ["The mission's budget", "Peacekeepers return to Timbuktu", "Ambush near Gao"]
    )


def test_reader_searching_keita_sees_keita_highlighted_in_a_snippet(device_page, newsroom):
    page = device_page
    page.goto("/")
    page.get_by_label("Search articles").fill("keita")
    page.get_by_label("Search articles").press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Search results")
    result = page.locator(".summary").filter(has_text="ECOWAS plans a force")
    expect(result.locator(".snippet mark").first).to_have_text("Keïta")
    expect(page.locator(".summary")).to_have_count(1)


def test_reader_reads_an_update_and_follows_a_term_to_its_page(device_page, newsroom):
    page = device_page
    page.goto("/")
    page.get_by_role("link", name="ECOWAS plans a force").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("ECOWAS plans a force")
    updated = page.locator("header .meta").get_by_role("link", name=re.compile(r"^Updated "))
    expect(updated).to_be_visible()
    updated.click()
    expect(page).to_have_url(re.compile(r"#updates-heading$"))
    updates = page.locator("section.updates")
    expect(updates).to_be_in_viewport()
    expect(updates.locator(".update--update")).to_contain_text(
        "The Security Council endorsed the force."
    )

    page.locator("footer.classification").get_by_role("link", name="Mali").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mali")
    breadcrumb = page.get_by_role("navigation", name="Breadcrumb")
    expect(breadcrumb.get_by_role("link")).to_have_text(
        ["Topics", "Places", "Africa", "Sahel", "Mali"]
    )
    # Narrower terms included: the Gao article is listed under Mali.
    expect(page.locator(".summary h2")).to_have_text(
        ["Peacekeepers return to Timbuktu", "ECOWAS plans a force", "Ambush near Gao"]
    )


def test_reader_sees_a_correction_marked_on_the_article(page, newsroom):
    page.goto("/articles/convoy-destroyed-in-niger/")
    correction = page.locator("section.updates .update--correction")
    expect(correction.locator(".kind")).to_have_text("Correction")
    expect(correction).to_contain_text("The convoy came from Libya, not Algeria.")
    assert newsroom.draft.title not in page.content()


@pytest.mark.browser_context_args(**DESKTOP)
def test_reader_filters_and_removes_a_filter_with_the_keyboard_only(page, newsroom):
    page.goto("/")

    # The first Tab reaches the skip link, visibly; Enter moves focus to the content.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    assert is_focused(skip)
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    mali = page.locator("#f-places-mali")
    tab_to(page, mali)
    assert focus_outline(page)["style"] != "none"
    page.keyboard.press("Space")
    expect(mali).to_be_checked()
    expect(results_count(page)).to_have_text("3 articles")  # applied at once
    assert is_focused(mali)
    minusma = page.locator("#f-organisations-minusma")
    tab_to(page, minusma)
    page.keyboard.press("Space")
    expect(minusma).to_be_checked()

    expect(results_count(page)).to_have_text("2 articles")
    expect(facet_count(page, "organisations", "ecowas")).to_have_text("+1")
    assert is_focused(minusma)

    remove_mali = chip(page, "Places: Mali")
    tab_to(page, remove_mali)
    outline = focus_outline(page)
    assert outline["style"] != "none" and outline["width"] >= 2, outline
    page.keyboard.press("Enter")

    expect(results_count(page)).to_have_text("3 articles")
    expect(chip(page, "Organisations: MINUSMA")).to_be_visible()
    expect(page.locator("#f-places-mali")).not_to_be_checked()


@pytest.mark.browser_context_args(**DESKTOP)
def test_keyboard_reaches_the_filters_without_tabbing_through_every_result(
    page, newsroom, make_article
):
    for n in range(20):
        make_article(title=f"Filler {n}", terms=[newsroom.niger], authors=[newsroom.ada])
    page.goto("/")
    expect(page.locator(".summary")).to_have_count(20)

    page.keyboard.press("Tab")  # the skip link to the content
    jump = page.get_by_role("link", name="Skip to filters")
    presses = tab_to(page, jump)
    assert presses <= 8, f"{presses} presses of Tab to reach the filters' skip link"
    expect(jump).to_be_in_viewport()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    first_filter = page.locator(".filters input").first
    assert is_focused(first_filter)
