"""build_seed_fixture refuses sources that name what does not exist, and writes nothing."""

import json
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

SOURCES = Path(settings.BASE_DIR) / "fixtures" / "sources"
FIRST = "000_e0a7b4de39bae3ce.txt"


@pytest.fixture
def sources(tmp_path):
    copy = tmp_path / "sources"
    shutil.copytree(SOURCES, copy)
    return copy


def edit(path, change):
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def build(sources, output):
    call_command("build_seed_fixture", sources=sources, output=output, verbosity=0)


def refused(sources, tmp_path):
    output = tmp_path / "seed.json"
    with pytest.raises(CommandError) as raised:
        build(sources, output)
    assert not output.exists()  # nothing written
    return str(raised.value)


def test_the_untouched_sources_build(sources, tmp_path):
    build(sources, tmp_path / "seed.json")
    assert (tmp_path / "seed.json").read_text() == (
        SOURCES.parent / "seed_documents.json"
    ).read_text()


def test_a_term_that_does_not_exist_is_refused(sources, tmp_path):
    edit(sources / "classification.json", lambda c: c[FIRST]["places"].append("atlantis"))
    message = refused(sources, tmp_path)
    assert f"classification.json: {FIRST}: no term 'atlantis' in vocabulary 'places'" in message


def test_a_term_of_another_vocabulary_is_refused(sources, tmp_path):
    edit(sources / "classification.json", lambda c: c[FIRST]["people"].append("mali"))
    assert "no term 'mali' in vocabulary 'people'" in refused(sources, tmp_path)


def test_a_vocabulary_that_does_not_exist_is_refused(sources, tmp_path):
    edit(sources / "classification.json", lambda c: c[FIRST].update(weather=["rain"]))
    assert f"{FIRST}: no vocabulary 'weather' in vocabularies.json" in refused(sources, tmp_path)


def test_an_author_that_does_not_exist_is_refused(sources, tmp_path):
    edit(sources / "documents.json", lambda d: d[0]["authors"].append("nobody"))
    message = refused(sources, tmp_path)
    assert f"documents.json: {FIRST}: no author 'nobody' in authors.json" in message


def test_every_problem_is_reported_one_per_line(sources, tmp_path):
    edit(sources / "classification.json", lambda c: c[FIRST]["places"].extend(["x", "y"]))
    edit(sources / "classification.json", lambda c: c.update({"999_missing.txt": {}}))
    lines = refused(sources, tmp_path).splitlines()
    assert lines[0].startswith("Nothing written; in ")
    assert lines[1:] == [
        f"classification.json: {FIRST}: no term 'x' in vocabulary 'places'",
        f"classification.json: {FIRST}: no term 'y' in vocabulary 'places'",
        "classification.json: 999_missing.txt: no such document in documents.json",
    ]
