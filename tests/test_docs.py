"""The README and docs/ point only at things that exist."""

import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)\s]+)\)")
# A path in backticks under one of our packages: `articles/public/listing/facets.py`,
# `config/database.py`, `taxonomy/models.py`, `articles/versioning/`.
PATH = re.compile(r"`((?:articles|taxonomy|config|tests)/[\w./-]*)`")


def name(document):
    return str(document.relative_to(ROOT))


def test_there_are_documents_to_check():
    assert len(DOCUMENTS) > 1
    assert all(LINK.search(document.read_text()) for document in DOCUMENTS)


@pytest.mark.parametrize("document", DOCUMENTS, ids=name)
def test_every_relative_link_leads_to_a_file(document):
    for target in LINK.findall(document.read_text()):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue  # an address on the web, or a heading of the same page
        path = (document.parent / target.split("#")[0]).resolve()
        assert path.exists(), f"{name(document)} links to a missing {target}"


@pytest.mark.parametrize("document", DOCUMENTS, ids=name)
def test_every_path_in_backticks_exists(document):
    for path in PATH.findall(document.read_text()):
        if "…" in path or "<" in path:
            continue
        assert (ROOT / path).exists(), f"{name(document)} names a missing {path}"
