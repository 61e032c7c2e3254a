"""Opaque cursors: the position after the last item of a page, not a page number.

A cursor holds the sort it was made for and the last item's sort key (for articles:
rank when ranked, publication time in microseconds and id; for authors and tags: the
slug). The next page starts strictly after that key, so articles published meanwhile
never shift or repeat the pages a client is walking through.
"""

import base64
import binascii
import json

from .errors import ApiError


def encode(sort: str, key: list) -> str:
    text = json.dumps([sort, key], separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode(cursor: str, sort: str, *, shape: tuple[type, ...]) -> list:
    """The key of a cursor this API gave for ``sort``; 400 for anything else.

    ``shape``: the types of the key's parts (int, float, str).
    """
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        made_for, key = json.loads(raw)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise ApiError("cursor", "is not a cursor this API gave: use a page's “next”.") from None
    if made_for != sort:
        raise ApiError("cursor", f"was made for the sort “{made_for}”, not “{sort}”.")
    if not isinstance(key, list) or len(key) != len(shape):
        raise ApiError("cursor", "is not a cursor this API gave: use a page's “next”.")
    for value, kind in zip(key, shape, strict=True):
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            continue
        if type(value) is not kind:
            raise ApiError("cursor", "is not a cursor this API gave: use a page's “next”.")
    return key
