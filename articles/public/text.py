"""Repeating a reader's input back, safely."""


def printable(value, limit=60):
    """A reader's value, safe to repeat back in a notice."""
    value = "".join(ch for ch in str(value) if ch.isprintable())
    return value if len(value) <= limit else value[: limit - 1] + "…"
