"""/api/docs in a real browser: Swagger UI renders the generated document under the CSP."""

import pytest
from playwright.sync_api import expect

from .test_content_security_policy import violations, watched

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_api_docs_render_with_local_assets_and_no_csp_violation(page, newsroom, live_server):
    console = watched(page)
    outside = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url) if not request.url.startswith(live_server.url) else None
        ),
    )
    page.goto("/api/docs")
    expect(page.get_by_role("heading", name="Sahel Desk API")).to_be_visible()
    expect(page.get_by_text("/api/articles/", exact=True).first).to_be_visible()
    assert violations(page, console) == []
    assert outside == []
