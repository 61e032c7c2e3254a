"""Long-form reading in Chromium: the table of contents on a desktop and a phone, the dark
scheme (axe in both schemes), print, and screenshots of the pages for the design review."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Update

from .helpers import DESKTOP, PHONE, axe_violations, blocking, describe

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
SECTIONS = [
    "Some background",
    "Momentum for intervention",
    "The regional bloc's plan",
    "What the Security Council asked",
    "Costs and who pays",
    "Risks for civilians",
    "What to watch",
    "Conclusion",
]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def paragraphs(n, topic):
    sentence = (
        f"The {topic} has shaped the debate in Bamako, Niamey and Abuja for months, and "
        "officials describe the choices in the plainest terms they can find. "
    )
    return "".join(f"<p>{sentence * 4}</p>" for _ in range(n))


@pytest.fixture
def long_read(newsroom, make_article):
    body = "".join(f"<h2>{title}</h2>{paragraphs(3, title.lower())}" for title in SECTIONS)
    now = timezone.now()
    return make_article(
        title="Mali: the long road to an African-led intervention force",
        slug="long-road",
        standfirst="West African states prepare troops for northern Mali, while the "
        "Security Council asks for a plan it can fund.",
        body=body,
        published_at=now - timedelta(days=2),
        lead_image_caption="Soldiers of the Malian army on patrol near Gao.",
        lead_image_credit="UN Photo/Marco Dormino",
        terms=[newsroom.mali, newsroom.ecowas],
        authors=[newsroom.ada, newsroom.zach],
        updates=[
            {
                "kind": Update.Kind.CORRECTION,
                "body": "<p>An earlier version gave the force's size as 5,300; it is 3,300.</p>",
                "published_at": now - timedelta(days=1),
            },
            {
                "kind": Update.Kind.UPDATE,
                "body": "<p>The Security Council endorsed the plan on Thursday.</p>",
                "published_at": now - timedelta(hours=3),
            },
        ],
    )


SCREENS = {"phone": PHONE, "desktop": DESKTOP}
SCHEMES = ("light", "dark")
SHOTS = {
    "listing": "/",
    "search": "/?q=keita",
    "article": "/articles/long-road/",
    "term": "/topics/places/mali/",
    "topics": "/topics/",
    "archive": "/archive/",
}


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("screen", SCREENS)
def test_pages_fit_the_screen_in_both_schemes(new_context, long_read, screen, scheme):
    """No page scrolls sideways; a full-page screenshot of each goes to
    test-artifacts/screenshots/ for the design review (docs/reader-site.md)."""
    page = new_context(**SCREENS[screen], color_scheme=scheme).new_page()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, path in SHOTS.items():
        assert page.goto(path).ok
        page.screenshot(path=ARTIFACTS / f"{name}-{screen}-{scheme}.png")
        page.screenshot(path=ARTIFACTS / f"{name}-{screen}-{scheme}-full.png", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
            f"{path} scrolls sideways on a {screen}"
        )
    page.goto("/articles/long-road/#updates-heading")
    page.screenshot(path=ARTIFACTS / f"article-updates-{screen}-{scheme}.png")


def test_contents_stay_beside_the_text_while_a_desktop_reader_scrolls(new_context, long_read):
    page = new_context(**DESKTOP).new_page()
    page.goto("/articles/long-road/")
    toc = page.locator("nav.toc")
    expect(toc.get_by_role("link", name="Costs and who pays")).to_be_visible()
    body = page.locator(".article-text > .body").bounding_box()
    box = toc.bounding_box()
    assert box["x"] >= body["x"] + body["width"], "the contents are not beside the text"

    page.locator("#what-to-watch").scroll_into_view_if_needed()
    page.mouse.wheel(0, 400)
    page.wait_for_timeout(100)  # let the scroll settle (not a timing assertion)
    top = toc.bounding_box()["y"]
    assert 0 <= top < 100, f"the contents scrolled away (top at {top}px)"
    expect(toc.get_by_role("link", name="Conclusion")).to_be_in_viewport()


def test_contents_lead_a_desktop_reader_to_a_section(new_context, long_read):
    page = new_context(**DESKTOP).new_page()
    page.goto("/articles/long-road/")
    page.locator("nav.toc").get_by_role("link", name="Risks for civilians").click()
    expect(page).to_have_url(re.compile("#risks-for-civilians$"))
    expect(page.locator("#risks-for-civilians")).to_be_in_viewport()


def test_contents_are_folded_above_the_text_on_a_phone(new_context, long_read):
    page = new_context(**PHONE).new_page()
    page.goto("/articles/long-road/")
    toc = page.locator("nav.toc")
    summary = toc.locator("summary")
    expect(summary).to_be_visible()
    expect(toc.get_by_role("link", name="Conclusion")).to_be_hidden()
    first_section = page.locator("#some-background").bounding_box()
    assert summary.bounding_box()["y"] < first_section["y"], "the contents are not above the text"

    summary.click()
    expect(toc.get_by_role("link", name="Conclusion")).to_be_visible()
    toc.get_by_role("link", name="Conclusion").click()
    expect(page.locator("#conclusion")).to_be_in_viewport()


def test_contents_are_open_on_a_phone_without_javascript(new_context, long_read):
    page = new_context(**PHONE, java_script_enabled=False).new_page()
    page.goto("/articles/long-road/")
    expect(page.locator("nav.toc").get_by_role("link", name="Conclusion")).to_be_visible()
    expect(page.get_by_role("link", name="Link to this article")).to_be_visible()


def test_copy_link_button_copies_the_address(new_context, long_read, live_server):
    context = new_context(**DESKTOP)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto("/articles/long-road/")
    page.get_by_role("button", name="Copy link").click()
    expect(page.locator(".copy-status")).to_have_text("Link copied.")
    assert page.evaluate("navigator.clipboard.readText()") == (
        f"{live_server.url}/articles/long-road/"
    )


def test_body_text_is_set_at_a_reading_measure(device_page, long_read):
    """Characters per line of the body text: about 65-75 on a desktop (the exact figure
    depends on the fonts installed), and the full width on a phone."""
    device_page.goto("/articles/long-road/")
    per_line = device_page.locator(".body p").first.evaluate(
        """p => {
            const range = document.createRange();
            range.selectNodeContents(p);
            const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            return p.textContent.length / lines.size;
        }"""
    )
    width = device_page.viewport_size["width"]
    print(f"body text at {width}px: {per_line:.0f} characters a line")
    assert per_line <= 80, per_line
    if width >= 1000:
        assert per_line >= 55, per_line


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/articles/long-road/",
        "/articles/convoy-destroyed-in-niger/",
        "/topics/places/mali/",
        "/archive/",
    ],
)
def test_pages_have_no_serious_accessibility_violation_in_either_scheme(
    new_context, long_read, scheme, path
):
    for screen in (PHONE, DESKTOP):
        page = new_context(**screen, color_scheme=scheme).new_page()
        assert page.goto(path).ok
        found = blocking(axe_violations(page))
        assert not found, describe(found)


def test_dark_scheme_turns_the_page_dark(new_context, long_read):
    def colours(scheme):
        page = new_context(**DESKTOP, color_scheme=scheme).new_page()
        page.goto("/articles/long-road/")
        styles = page.evaluate(
            """() => ['body', '.body p', '.updates', 'a'].map(
                selector => getComputedStyle(document.querySelector(selector)))
                .map(style => [style.color, style.backgroundColor])"""
        )
        return [styles[0][1], styles[1][0], styles[2][1], styles[3][0]]

    light, dark = colours("light"), colours("dark")
    assert light[0] == "rgb(253, 252, 249)"
    assert dark[0] == "rgb(21, 22, 26)"
    assert all(a != b for a, b in zip(light, dark, strict=True)), (light, dark)


def test_printing_an_article_prints_the_article_only(new_context, long_read):
    page = new_context(**DESKTOP).new_page()
    page.goto("/articles/long-road/")
    page.emulate_media(media="print", color_scheme="dark")
    for hidden in (
        ".site-header",
        ".site-nav",
        ".site-footer",
        ".related",
        ".share",
        ".toc",
        ".back-to-top",
        ".classification",
    ):
        expect(page.locator(hidden).first).to_be_hidden()
    for shown in (
        "h1",
        ".standfirst",
        ".byline",
        ".lead-image-caption",
        ".body",
        ".updates",
        ".update--correction",
    ):
        expect(page.locator(shown).first).to_be_visible()
    expect(page.locator(".canonical")).to_have_text(
        re.compile(r"Sahel Desk · http://.+/articles/long-road/$")
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / "article-print.png", full_page=True)
    # Paper is white whatever the screen's scheme.
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"

    page.emulate_media(media="screen")
    expect(page.locator(".site-nav")).to_be_visible()
    expect(page.locator(".canonical")).to_be_hidden()


def test_listing_prints_without_navigation_or_footer(new_context, long_read):
    page = new_context(**DESKTOP).new_page()
    page.goto("/")
    page.emulate_media(media="print")
    for hidden in (".site-header", ".site-footer", ".filters", ".search"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator(".summary").first).to_be_visible()
