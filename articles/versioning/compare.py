"""Comparing two versions: an HTML-aware word diff, relations added and removed."""

import difflib
import html
import re
from dataclasses import dataclass, field

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from ..media.models import Image
from .history import FIELD_LABELS, TEXT_FIELDS, ArticleState, Names

BLOCK_TAGS = re.compile(r"</?(?:p|h2|h3|li|ul|ol|blockquote)\b[^>]*>|<br\s*/?>", re.IGNORECASE)
PARAGRAPH = "\n"


def words(markup: str | None) -> list[str]:
    """The words of an HTML text, with a paragraph mark between blocks; markup is not a word."""
    text = html.unescape(strip_tags(BLOCK_TAGS.sub(f" {PARAGRAPH} ", markup or "")))
    tokens = []
    for token in re.findall(r"\n|[^\s]+", text):
        if token == PARAGRAPH and (not tokens or tokens[-1] == PARAGRAPH):
            continue
        tokens.append(token)
    while tokens and tokens[-1] == PARAGRAPH:
        tokens.pop()
    return tokens


def _render(tokens, *, marked=False):
    out = []
    for token in tokens:
        if token == PARAGRAPH:
            out.append("¶<br>" if marked else "<br><br>")
        else:
            out.append(escape(token))
    return " ".join(out).replace(" <br>", "<br>").replace("<br> ", "<br>")


def word_diff(old: str | None, new: str | None):
    """HTML showing `new` with deleted words in <del> and inserted words in <ins>."""
    a, b = words(old), words(new)
    out = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(_render(a[i1:i2]))
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{_render(a[i1:i2], marked=True)}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{_render(b[j1:j2], marked=True)}</ins>")
    return mark_safe(" ".join(part for part in out if part))  # every word escaped above


@dataclass
class Row:
    label: str
    old: str = ""
    new: str = ""
    diff: str = ""
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)


def image_name(pk) -> str:
    """A lead image as the history shows it (one query, only when the lead image changed)."""
    if pk is None:
        return "—"
    image = Image.objects.filter(pk=pk).first()
    return f"{image} (#{pk})" if image else f"image #{pk} (deleted)"


def compare(before: ArticleState, after: ArticleState) -> list[Row]:
    """The differences between two states, field by field; unchanged fields are left out."""
    names = Names.for_states([before, after])
    rows = []
    for name, label in FIELD_LABELS.items():
        old, new = before.fields.get(name), after.fields.get(name)
        if old == new:
            continue
        if name in TEXT_FIELDS:
            rows.append(Row(label=label, diff=word_diff(old, new)))
        elif name == "lead_image":
            rows.append(Row(label=label, old=image_name(old), new=image_name(new)))
        else:
            rows.append(Row(label=label, old=str(old or "—"), new=str(new or "—")))
    if before.authors != after.authors:
        rows.append(
            Row(
                label="authors (in order)",
                old=", ".join(names.author(i) for i in before.authors) or "—",
                new=", ".join(names.author(i) for i in after.authors) or "—",
                added=[names.author(i) for i in after.authors if i not in before.authors],
                removed=[names.author(i) for i in before.authors if i not in after.authors],
            )
        )
    for label, old, new, name in (
        ("terms", before.terms, after.terms, names.term),
        ("tags", before.tags, after.tags, names.tag),
    ):
        if set(old) != set(new):
            rows.append(
                Row(
                    label=label,
                    added=[name(i) for i in new if i not in old],
                    removed=[name(i) for i in old if i not in new],
                )
            )
    for pk in sorted(before.updates.keys() | after.updates.keys()):
        old, new = before.updates.get(pk), after.updates.get(pk)
        if old == new:
            continue
        kind = (new or old)["kind"]
        date = (new or old)["published_at"][:10]
        label = f"{kind} of {date}"
        if old is None:
            rows.append(Row(label=f"{label} (added)", diff=word_diff("", new["body"])))
        elif new is None:
            rows.append(Row(label=f"{label} (removed)", diff=word_diff(old["body"], "")))
        else:
            rows.append(Row(label=label, diff=word_diff(old["body"], new["body"])))
    return rows
