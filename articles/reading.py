"""An article body's sections (an id and a title for each h2) and its words, worked out
when the article is saved and stored beside the body with the digest of that body.

Reading the body on every page view (its headings' text, a slug each, its words: two
HTML parser passes over the whole body) cost more than the rest of the reading aids;
the page now reads these columns (articles/public/reading.py). They are exact whatever
path the body takes: every save computes them (a ``pre_save`` receiver, after the
sanitiser, so loaddata's raw saves, a restored version and a published staged change
too), and what skips ``save()`` (``QuerySet.update()``, SQL, COPY) leaves a digest that
no longer matches the body, so the page works them out from the body as before
(``stored_reading``). The synthetic-data generator writes them with the same function.
"""

import hashlib
import html
import re
from dataclasses import dataclass

from django.utils.html import strip_tags
from django.utils.text import slugify

# The sanitiser (articles/html.py) lets h2 through with no attribute; the pattern accepts
# attributes anyway so that an id is never doubled.
H2 = re.compile(r"<h2\b[^>]*>(.*?)</h2\s*>", re.IGNORECASE | re.DOTALL)
# Ids the article page uses itself (templates/articles/article_detail.html, base.html): a
# section called "Main" or "Update 1" must not take them.
PAGE_IDS = re.compile(
    r"^(main|top|contents|toc-heading|updates-heading|related-heading|update-\d+)$"
)
# The Article columns set from the body (Article.save() adds them to ``update_fields``
# that name the body).
FIELDS = ("body_section_ids", "body_section_titles", "body_words", "body_digest")
# Part of the digest: change it with body_reading(), and the columns stored by the code
# before are no longer trusted (they are worked out from the body until the next save).
VERSION = "1"


@dataclass(frozen=True)
class BodyReading:
    section_ids: tuple[str, ...]
    section_titles: tuple[str, ...]
    words: int


def body_reading(body: str) -> BodyReading:
    """The sections (one per h2, in order: an id unique on the page, the heading's text)
    and the number of words of an HTML body."""
    ids, titles, taken = [], [], set()
    for match in H2.finditer(body):
        title = " ".join(html.unescape(strip_tags(match.group(1))).split())
        ids.append(unique_id(slugify(title) or f"section-{len(ids) + 1}", taken))
        titles.append(title)
    return BodyReading(tuple(ids), tuple(titles), word_count(body))


def unique_id(candidate, taken):
    """``candidate``, or with -2, -3… when a section or the page has it already: ids stay
    the same from one rendering to the next while the headings do."""
    base = f"{candidate}-section" if PAGE_IDS.match(candidate) else candidate
    section_id, n = base, 1
    while section_id in taken:
        n += 1
        section_id = f"{base}-{n}"
    taken.add(section_id)
    return section_id


def word_count(markup):
    return len(html.unescape(strip_tags(markup)).split())


def digest(body: str) -> str:
    """The body the stored columns were computed from, and by which version of this code."""
    return hashlib.md5(f"{VERSION}:{body}".encode(), usedforsecurity=False).hexdigest()


def columns(body: str) -> dict:
    """The stored columns for ``body``, by attribute name (FIELDS)."""
    reading = body_reading(body)
    return {
        "body_section_ids": list(reading.section_ids),
        "body_section_titles": list(reading.section_titles),
        "body_words": reading.words,
        "body_digest": digest(body),
    }


def store(article) -> None:
    """Set the article's stored columns from its body (called before each save)."""
    for name, value in columns(article.body or "").items():
        setattr(article, name, value)


def stored_reading(article) -> BodyReading:
    """The article's stored columns, when they were computed from the body it has; else
    computed from it now (the body was written by a path that skips ``save()``)."""
    body = article.body or ""
    if article.body_digest == digest(body):
        return BodyReading(
            tuple(article.body_section_ids), tuple(article.body_section_titles), article.body_words
        )
    return body_reading(body)
