"""Plain text on the article page: escaped in the HTML, in attributes and in JSON-LD."""

import json
import re

import pytest

pytestmark = pytest.mark.django_db

HOSTILE = '</script><script>alert(1)</script>"><img src=x onerror=alert(2)> <!--'


def test_a_title_cannot_close_the_json_ld_script_or_an_attribute(
    client, make_article, make_author, make_vocabulary, make_term
):
    term = make_term(vocabulary=make_vocabulary(), name=f"Term {HOSTILE}")
    article = make_article(
        title=f"Title {HOSTILE}",
        standfirst=f"Standfirst {HOSTILE}",
        authors=[make_author(name=f"Author {HOSTILE}")],
        terms=[term],
        tags=[f"tag {HOSTILE}"],
    )
    page = client.get(article.get_absolute_url()).content.decode()
    # One JSON-LD element, holding everything, parsed back to exactly what was typed.
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["headline"] == f"Title {HOSTILE}"
    assert data["description"] == f"Standfirst {HOSTILE}"
    assert data["author"][0]["name"] == f"Author {HOSTILE}"
    assert data["about"][0]["name"] == f"Term {HOSTILE}"
    assert "<" not in blocks[0]
    # Nowhere else on the page does the markup come through unescaped.
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page
    # One script element with content (the JSON-LD); the others are our own external files.
    inline = re.findall(r"<script(?![^>]*\bsrc=)", page)
    assert len(inline) == 1
    assert re.findall(r'<script src="([^"]+)"', page) == ["/static/js/reading.js"]
