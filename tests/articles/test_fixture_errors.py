"""loaddata of a bad fixture: one line (file, object, why), exit status 1, nothing written."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Author

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
GOOD_AUTHOR = {"model": "articles.author", "fields": {"name": "Good Author", "slug": "good"}}
STAMPS = {"created_at": "2024-01-01T00:00:00Z", "modified_at": "2024-01-01T00:00:00Z"}


def fixture(tmp_path, records):
    path = tmp_path / "bad.json"
    path.write_text(records if isinstance(records, str) else json.dumps(records))
    return path


def refused(path):
    with pytest.raises(CommandError) as raised:
        call_command("loaddata", str(path), verbosity=0)
    assert not Author.objects.filter(slug="good").exists()  # nothing written
    message = str(raised.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def test_malformed_json_names_the_file_and_the_place(tmp_path):
    path = fixture(tmp_path, json.dumps([GOOD_AUTHOR])[:-2])
    message = refused(path)
    assert message.startswith(f"Nothing loaded. {path}: not valid JSON: ")
    assert "line 1 column" in message


def test_an_unknown_model_names_the_object(tmp_path):
    path = fixture(tmp_path, [GOOD_AUTHOR, {"model": "articles.writer", "fields": {}}])
    message = refused(path)
    assert message == (
        f"Nothing loaded. {path}: object 2 (articles.writer): "
        "Invalid model identifier: articles.writer"
    )


def test_a_natural_key_that_does_not_resolve_names_the_reference(tmp_path):
    link = {"article": ["no-such-article"], "author": ["good"], "position": 0}
    path = fixture(tmp_path, [GOOD_AUTHOR, {"model": "articles.articleauthor", "fields": link}])
    message = refused(path)
    assert message == (
        f"Nothing loaded. {path}: object 2 (articles.articleauthor): "
        "its article ['no-such-article'] does not exist"
    )


def test_a_constraint_violation_names_the_object_and_the_constraint(tmp_path):
    article = {"title": "T", "slug": "t", "status": "published", "published_at": None}
    path = fixture(
        tmp_path, [GOOD_AUTHOR, {"model": "articles.article", "fields": {**article, **STAMPS}}]
    )
    message = refused(path)
    assert message.startswith(f"Nothing loaded. {path}: object 2 (articles.Article): ")
    assert "violates check constraint" in message
    assert "Failing row" not in message


def test_manage_py_prints_the_line_and_exits_1_without_a_traceback(tmp_path):
    path = fixture(tmp_path, "[{]")
    environment = {
        key: value
        for key, value in os.environ.items()
        if key != "PYTEST_XDIST_WORKER" and not key.startswith("DJANGO_")
    }
    environment["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    result = subprocess.run(
        [sys.executable, "manage.py", "loaddata", str(path)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"CommandError: Nothing loaded. {path}: not valid JSON: "
        "Expecting property name enclosed in double quotes: line 1 column 3 (char 2)"
    ]
