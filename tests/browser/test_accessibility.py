"""axe-core on the public pages: no serious or critical violation, on a phone and a desktop."""

import json
from collections import Counter
from pathlib import Path

import pytest
from playwright.sync_api import expect

from articles.models import Article, Page

from .helpers import axe_violations, blocking, describe, log_in

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PUBLIC_PAGES = {
    "listing": "/",
    "filtered-listing": "/?places=mali&organisations=minusma&has_updates=",
    "search": "/?q=keita",
    "empty-search": "/?q=barkane",
    "article": "/articles/ecowas-plans-a-force/",
    "article-with-correction": "/articles/convoy-destroyed-in-niger/",
    "term": "/topics/places/mali/",
    "corrections": "/corrections/",
    "feeds": "/feeds/",
}


@pytest.mark.parametrize("path", PUBLIC_PAGES.values(), ids=PUBLIC_PAGES.keys())
def test_public_page_has_no_serious_accessibility_violation(device_page, newsroom, path):
    response = device_page.goto(path)
    assert response.ok, response.status

    found = blocking(axe_violations(device_page))

    assert not found, describe(found)


@pytest.mark.parametrize("kind", ["static-page", "gone"])
def test_static_and_gone_pages_have_no_serious_accessibility_violation(
    device_page, newsroom, kind
):
    """A static page (/about/) and the 410 page of a withdrawn article."""
    if kind == "static-page":
        Page.objects.create(
            title="About Sahel Desk",
            slug="about",
            body="<p>We write analysis.</p><h2>Who we are</h2><ul><li>Analysts</li></ul>",
        )
        path, status = "/about/", 200
    else:
        Article.objects.filter(pk=newsroom.force.pk).update(status=Article.Status.WITHDRAWN)
        path, status = newsroom.force.get_absolute_url(), 410
    response = device_page.goto(path)
    assert response.status == status

    found = blocking(axe_violations(device_page))

    assert not found, describe(found)


def test_axe_reports_violations_on_a_broken_page(page):
    """The harness itself: a page with known faults must not pass."""
    page.set_content("<html><body><img src='x.png'><input type='text'></body></html>")

    found = {v["id"] for v in blocking(axe_violations(page))}

    assert {"image-alt", "label", "html-has-lang", "document-title"} <= found


def test_admin_article_form_violations_are_reported(page, newsroom, admin_user):
    """Not a gate (the admin's markup is Django's): the count goes to the notes, and the
    details to test-artifacts/axe-admin-article-form.json."""
    log_in(page, "admin", "password")
    page.goto(f"/admin/articles/article/{newsroom.force.pk}/change/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Change article")

    violations = axe_violations(page)

    ARTIFACTS.mkdir(exist_ok=True)
    report = ARTIFACTS / "axe-admin-article-form.json"
    report.write_text(json.dumps(violations, indent=2, ensure_ascii=False))
    by_impact = Counter(v["impact"] for v in violations)
    print(f"axe on the admin article form: {len(violations)} violations {dict(by_impact)}")
    print(describe(violations))
