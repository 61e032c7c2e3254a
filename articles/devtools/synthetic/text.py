"""Titles, standfirsts and bodies in the same HTML as the seed articles.

Bodies mix real sentences from the seed fixture with sentences that name the
article's own terms, in ``<p>``, ``<h2>`` and ``<ul>``: the same markup, length
and vocabulary as the articles editors write, so that full-text search, headline
snippets and page weight behave as they will in production.
"""

import html
import json
import re
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.html import strip_tags

from . import words

_SENTENCE_END = re.compile(r"(?<=[.!?”])\s+(?=[A-Z“‘(])")
_PARAGRAPH = re.compile(r"<(p|li)>(.*?)</\1>", re.S)


@cache
def seed_sentences() -> tuple[str, ...]:
    """Real sentences (plain text, 6 to 45 words) from the bodies of the seed fixture."""
    path = Path(settings.FIXTURE_DIRS[0]) / "seed_documents.json"
    objects = json.loads(path.read_text(encoding="utf-8"))
    sentences = []
    for obj in objects:
        if obj["model"] != "articles.article":
            continue
        for _tag, inner in _PARAGRAPH.findall(obj["fields"]["body"]):
            text = " ".join(html.unescape(strip_tags(inner)).split())
            for sentence in _SENTENCE_END.split(text):
                if 6 <= len(sentence.split()) <= 45:
                    sentences.append(sentence)
    return tuple(sentences)


@cache
def seed_sentences_without(word: str) -> tuple[str, ...]:
    """The seed sentences that do not name ``word`` (any case): for articles that must not."""
    pattern = re.compile(rf"\b{re.escape(word)}\b", re.I)
    return tuple(s for s in seed_sentences() if not pattern.search(s))


def _slots(rng, names):
    """Fill the template slots from the article's own term names."""
    topic = rng.choice(names["topics"])
    return {
        "place": rng.choice(names["places"]),
        "org": rng.choice(names["organisations"]),
        "person": rng.choice(names["people"]),
        "topic": topic,
        "topic_lc": topic[0].lower() + topic[1:] if not topic[:2].isupper() else topic,
        "operation": rng.choice(names["operations"]),
        "weekday": rng.choice(words.WEEKDAYS),
        "month": rng.choice(words.MONTHS),
        "verb": rng.choice(words.VERBS),
        "number": rng.randrange(20, 900),
        "small": rng.randrange(2, 12),
    }


def _sentence(rng, names, pool):
    if rng.random() < 0.3:
        return rng.choice(words.TEMPLATES).format(**_slots(rng, names))
    return rng.choice(pool)


def title(rng, names) -> str:
    text = rng.choice(words.TITLE_TEMPLATES).format(**_slots(rng, names))
    return text[0].upper() + text[1:]


def standfirst(rng, names) -> str:
    return rng.choice(words.TEMPLATES).format(**_slots(rng, names))


def body(rng, names, *, target_words: int, pool: tuple[str, ...]) -> str:
    """About ``target_words`` words of HTML: paragraphs, a few h2 headings, maybe a list.

    ``pool``: the real sentences to draw from (``seed_sentences()`` or a part of it).
    """
    esc = html.escape
    parts = []
    count = 0
    headings = rng.sample(words.HEADINGS, 3)
    has_list = rng.random() < 0.4
    while count < target_words:
        if parts and headings and rng.random() < 0.25:
            parts.append(f"<h2>{esc(headings.pop(), quote=False)}</h2>")
        if has_list and len(parts) > 3:
            has_list = False
            items = [_sentence(rng, names, pool) for _ in range(rng.randrange(3, 6))]
            count += sum(len(item.split()) for item in items)
            parts.append(
                "<ul>" + "".join(f"<li>{esc(i, quote=False)}</li>" for i in items) + "</ul>"
            )
            continue
        sentences = [_sentence(rng, names, pool) for _ in range(rng.randrange(2, 6))]
        count += sum(len(s.split()) for s in sentences)
        parts.append(f"<p>{esc(' '.join(sentences), quote=False)}</p>")
    return "\n".join(parts)


def update_body(rng, names, *, kind: str, pool: tuple[str, ...]) -> str:
    if kind == "correction":
        lead = (
            f"An earlier version of this article misstated the role of "
            f"{rng.choice(names['organisations'])} in {rng.choice(names['places'])}."
        )
    else:
        lead = rng.choice(words.TEMPLATES).format(**_slots(rng, names))
    text = " ".join([lead, rng.choice(pool)])
    return f"<p>{html.escape(text, quote=False)}</p>"
