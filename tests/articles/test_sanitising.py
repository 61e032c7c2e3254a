"""Bodies are sanitised on every save, loaddata's raw ones too (articles/models/receivers.py)."""

import json

import pytest
from django.core.management import call_command

from articles.models import Article, Update

pytestmark = pytest.mark.django_db

HOSTILE = '<p onclick="steal()">Hello <script>alert(1)</script><a href="javascript:x()">x</a></p>'


def test_loaddata_stores_article_and_update_bodies_sanitised(tmp_path):
    fixture = tmp_path / "hostile.json"
    fixture.write_text(
        json.dumps(
            [
                {
                    "model": "articles.article",
                    "fields": {
                        "title": "Imported",
                        "slug": "imported",
                        "body": HOSTILE,
                        "status": "draft",
                        "created_at": "2024-01-01T10:00:00Z",
                        "modified_at": "2024-01-01T10:00:00Z",
                    },
                },
                {
                    "model": "articles.update",
                    "fields": {
                        "article": ["imported"],
                        "kind": "update",
                        "published_at": "2024-01-02T10:00:00Z",
                        "body": HOSTILE,
                        "order": 1,
                    },
                },
            ]
        )
    )
    call_command("loaddata", str(fixture), verbosity=0)
    article = Article.objects.get(slug="imported")
    for body in (article.body, Update.objects.get(article=article).body):
        assert "Hello" in body
        for needle in ("<script", "alert(1)", "onclick", "javascript:"):
            assert needle not in body
