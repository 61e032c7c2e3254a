"""Filters that respond: with JavaScript a change applies at once, without a reload, the
focus kept, the address updated, back and forward working, the count announced; without
JavaScript the form still works, its button at the top, and its address is clean."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .helpers import DESKTOP, PHONE, axe_violations, blocking, describe, is_focused

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def results(page):
    return page.locator("#results-heading")


def titles(page):
    return page.locator(".summary h2")


def test_ticking_a_term_updates_the_results_without_a_reload(device_page, newsroom):
    page = device_page
    page.goto("/")
    expect(results(page)).to_have_text("6 articles")
    page.evaluate("window.notReloaded = true")
    mali = page.locator("#f-places-mali")
    mali.scroll_into_view_if_needed()
    position = mali.evaluate("el => el.getBoundingClientRect().top")

    mali.click()

    expect(results(page)).to_have_text("3 articles")
    expect(page).to_have_url(re.compile(r"/\?places=mali$"))
    expect(titles(page)).to_have_text(
        ["Peacekeepers return to Timbuktu", "ECOWAS plans a force", "Ambush near Gao"]
    )
    assert page.evaluate("window.notReloaded === true"), "the page was reloaded"
    assert is_focused(page.locator("#f-places-mali")), "the focus left the ticked box"
    moved = page.locator("#f-places-mali").evaluate("el => el.getBoundingClientRect().top")
    assert abs(moved - position) <= 2, f"the ticked box moved from {position} to {moved}"
    expect(page.locator("#listing-status")).to_have_text("3 articles")
    expect(page.locator("#f-places-niger + label .count")).to_have_text("+2")

    # Another tick in another group narrows; the address holds both, nothing empty.
    page.locator("#f-organisations-minusma").click()
    expect(results(page)).to_have_text("2 articles")
    expect(page).to_have_url(re.compile(r"/\?places=mali&organisations=minusma$"))

    page.go_back()
    expect(results(page)).to_have_text("3 articles")
    expect(page.locator("#f-organisations-minusma")).not_to_be_checked()
    expect(page.locator("#f-places-mali")).to_be_checked()
    page.go_back()
    expect(results(page)).to_have_text("6 articles")
    expect(page.locator("#f-places-mali")).not_to_be_checked()
    page.go_forward()
    expect(results(page)).to_have_text("3 articles")
    assert page.evaluate("window.notReloaded === true")


@pytest.mark.browser_context_args(**DESKTOP)
def test_sorting_searching_and_pages_keep_a_clean_address(page, newsroom, make_article):
    for n in range(20):  # all newer than the ambush (six days old)
        make_article(
            title=f"Peacekeepers patrol {n}",
            terms=[newsroom.gao],
            published_at=timezone.now() - timedelta(hours=n + 1),
        )
    page.goto("/?places=gao")
    expect(results(page)).to_have_text("21 articles")
    page.evaluate("window.notReloaded = true")

    page.get_by_label("Sort by").select_option("oldest")
    expect(page).to_have_url(re.compile(r"/\?places=gao&sort=oldest$"))
    expect(titles(page).first).to_have_text("Ambush near Gao")

    next_page = page.locator(".pagination").get_by_role("link", name=re.compile("^Next"))
    expect(next_page).to_contain_text("newer")
    next_page.click()
    expect(page).to_have_url(re.compile(r"sort=oldest&page=2$"))
    assert is_focused(results(page))

    search = page.get_by_label("Search articles")
    search.fill("ambush")
    search.press("Enter")
    expect(results(page)).to_have_text("1 article for “ambush”")
    expect(page).to_have_url(re.compile(r"/\?q=ambush&places=gao&sort=oldest$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Search results")
    assert page.evaluate("window.notReloaded === true")


@pytest.mark.browser_context_args(**PHONE, java_script_enabled=False)
def test_without_javascript_the_button_at_the_top_applies_and_the_address_is_clean(page, newsroom):
    page.goto("/")
    aside = page.locator("aside.filters")
    first_control = aside.locator("button, input, select").first
    expect(first_control).to_have_text("Apply filters")

    page.locator("#f-places-niger").check()
    expect(results(page)).to_have_text("6 articles")  # nothing happens by itself
    first_control.click()

    expect(results(page)).to_have_text("2 articles")
    # The form sent its empty fields and the default sort; the server redirected.
    expect(page).to_have_url(re.compile(r"/\?places=niger$"))


@pytest.mark.browser_context_args(**DESKTOP)
def test_show_more_opens_without_losing_what_is_ticked(page, newsroom, make_term, make_article):
    for n in range(8):
        term = make_term(vocabulary=newsroom.people, name=f"Person {n}", slug=f"person-{n}")
        make_article(terms=[term])
    page.goto("/")
    more = page.locator("#more-people")
    expect(more).not_to_have_attribute("open", "")
    more.locator("summary").click()
    last = page.locator("#more-people input[type=checkbox]").last
    last.click()
    expect(results(page)).to_have_text("1 article")
    expect(page.locator("#more-people")).to_have_attribute("open", "")
    assert is_focused(page.locator("#more-people input[type=checkbox]:checked"))


@pytest.mark.parametrize("path", ["/", "/?places=mali&author=ada-diallo"])
def test_the_updated_listing_is_axe_clean(device_page, newsroom, path):
    page = device_page
    page.goto(path)
    page.locator("#f-organisations-ecowas").click()
    expect(page).to_have_url(re.compile(r"organisations=ecowas"))
    expect(page.locator("#listing-status")).not_to_have_text("")

    found = blocking(axe_violations(page))

    assert not found, describe(found)
