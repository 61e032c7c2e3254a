"""The pages work under the Content-Security-Policy: Chromium reports no violation.

Each page is watched two ways: a `securitypolicyviolation` listener installed before
any script of the page runs, and the console, where Chromium also writes each refusal.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article

from .helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def watched(page):
    """``page``, recording CSP violations; returns the list the console adds to."""
    page.add_init_script(LISTEN)
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return console


def violations(page, console):
    return [*page.evaluate("window.__violations"), *console]


def test_public_pages_report_no_csp_violation(page, newsroom):
    console = watched(page)
    urls = [
        "/",
        "/?q=peacekeepers&places=mali&sort=relevance",
        newsroom.ambush.get_absolute_url(),
        reverse("articles:author", args=["zach-silberman"]),
        reverse("articles:vocabularies"),
        reverse("articles:vocabulary", args=["places"]),
        reverse("articles:term", args=["places", "mali"]),
        reverse("articles:tag", args=["peacekeeping"]),
        reverse("articles:archive"),
        reverse("articles:corrections"),
        reverse("articles:feeds"),
        "/no-such-page/",
    ]
    for url in urls:
        response = page.goto(url)
        assert "script-src 'self'" in response.headers["content-security-policy"], url
        assert "camera=()" in response.headers["permissions-policy"], url
        page.wait_for_load_state("load")
        assert violations(page, console) == [], url


def test_the_article_form_and_its_editor_work_under_the_csp(page, newsroom, admin_user):
    admin_user.set_password("a-long-test-password")
    admin_user.save()
    console = watched(page)
    log_in(page, admin_user.username, "a-long-test-password")
    assert violations(page, console) == []
    page.goto(reverse("admin:articles_article_changelist"))
    assert violations(page, console) == []
    page.goto(reverse("admin:articles_article_add"))
    area = page.locator(".field-body .ProseMirror[contenteditable=true]")
    expect(area).to_be_visible()  # the editor's module script ran
    page.locator("#id_title").fill("Written under a policy")
    area.click()
    page.keyboard.type("## Heading")
    page.keyboard.press("Enter")
    page.keyboard.type("Typed in the editor.")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert violations(page, console) == []
    body = Article.objects.get(slug="written-under-a-policy").body
    assert body == "<h2>Heading</h2><p>Typed in the editor.</p>"
