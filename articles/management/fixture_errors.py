"""One readable line for a fixture that does not load: which file, which object, why.

Django's loaddata reports a bad fixture as a traceback whose last line may be empty
(malformed JSON), name no object, or carry a whole failing row. ``fixture_problem``
turns the error into ``<file>: object <n> (<model>): <reason>``. Reusable by any
loaddata override (ours is articles/management/commands/loaddata.py).
"""

import json
import re
from pathlib import Path

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.base import CommandError
from django.core.management.commands import loaddata
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError

#: What a fixture can fail with; anything else is a bug and keeps its traceback.
FIXTURE_ERRORS = (
    DeserializationError,
    DatabaseError,
    ValueError,
    ValidationError,
    ObjectDoesNotExist,
)

_FILE = re.compile(r"^Problem installing fixture '(?P<file>[^']+)': ", re.DOTALL)
_OBJECT = re.compile(r"^Could not load (?P<model>[\w.]+)\(pk=[^)]*\): ")
_NO_RELATED = re.compile(r"^(?P<model>\w+) has no (?P<field>\w+)\.$")


def fixture_problem(error: BaseException, *, object_number: int | None, labels) -> str:
    """``error`` (raised by loaddata) as one line.

    ``object_number`` is the position in its file of the object being loaded when it
    failed (1-based), if known; ``labels`` the fixture labels asked for, named when the
    error does not say which file (a reference resolved after every file was read).
    """
    message = str(error)
    found = _FILE.match(message)
    where = found["file"] if found else ", ".join(map(str, labels))
    message = message[found.end() :] if found else message
    if not message.strip() and error.__cause__ is not None:  # malformed JSON
        message = f"not valid JSON: {error.__cause__}"
        object_number = None
    message = message.removeprefix("Error deserializing object: ")
    model = None
    if object_match := _OBJECT.match(message):
        model, message = object_match["model"], message[object_match.end() :]
    reason = message.strip().splitlines()[0].strip() if message.strip() else type(error).__name__
    record = _record(where, object_number)
    if record is not None:
        model = model or record.get("model")
        if (missing := _NO_RELATED.match(reason)) and missing["field"] in record.get("fields", {}):
            value = record["fields"][missing["field"]]
            reason = f"its {missing['field']} {value!r} does not exist"
    if object_number is None:
        return f"{where}: {reason}"
    return f"{where}: object {object_number}{f' ({model})' if model else ''}: {reason}"


def _record(file: str, number: int | None) -> dict | None:
    """The fixture's object at that position, when the file is readable JSON."""
    if number is None or not file.endswith(".json"):
        return None
    try:
        records = json.loads(Path(file).read_text())
        return records[number - 1] if isinstance(records[number - 1], dict) else None
    except (OSError, ValueError, IndexError, KeyError, TypeError):
        return None


class ReadableErrorsCommand(loaddata.Command):
    """Django's loaddata, with one readable line (file, object, why) instead of a traceback.

    Nothing changes when it fails: Django loads every fixture in one transaction.
    """

    def handle(self, *fixture_labels, **options):
        self._saved, self._saving = None, False
        try:
            return super().handle(*fixture_labels, **options)
        except FIXTURE_ERRORS as error:
            # An error while saving is that object's; one while reading, the next one's.
            number = None if self._saved is None else self._saved + (0 if self._saving else 1)
            problem = fixture_problem(error, object_number=number, labels=fixture_labels)
            raise CommandError(f"Nothing loaded. {problem}") from None

    def load_label(self, fixture_label):
        self._saved = 0
        super().load_label(fixture_label)
        self._saved = None  # every file read: a later error is not one file's

    def save_obj(self, obj):
        self._saved += 1
        self._saving = True  # left True if the save raises: handle() reads it
        saved = super().save_obj(obj)
        self._saving = False
        return saved
