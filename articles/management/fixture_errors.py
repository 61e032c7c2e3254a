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
