"""/api/docs: generated from the code, its assets served by the site (no CDN)."""

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_the_docs_page_loads_only_local_assets_under_the_strict_csp(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    page = response.text
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert assets, page
    for asset in assets:
        assert asset.startswith("/static/"), asset  # our origin: no CDN
        assert finders.find(asset.removeprefix("/static/")), asset
    assert 'src="/static/ninja/swagger-ui-bundle.js"' in page
    # No inline script that would run: the settings are a JSON data block.
    for attributes in re.findall(r"<script([^>]*)>", page):
        assert "src=" in attributes or 'type="application/json"' in attributes
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_the_docs_page_points_at_the_generated_document(client):
    assert '"url": "/api/openapi.json"' in client.get("/api/docs").text
