"""Long-form reading aids for an article's page: section ids and a table of contents,
reading time, share links.

The body's sections and words are stored with the article when it is saved
(articles/reading.py, exact whatever path the body took): here the ids are put on the
headings of the sanitised body, and the updates' words are added (they are few and
short).
"""

from dataclasses import dataclass
from urllib.parse import quote

from django.utils.safestring import SafeString, mark_safe

from ..reading import H2, stored_reading, word_count

WORDS_PER_MINUTE = 230
# Fewer sections than this and a table of contents is noise.
TOC_MIN_SECTIONS = 3


@dataclass(frozen=True)
class Section:
    id: str
    title: str


@dataclass(frozen=True)
class Reading:
    body: SafeString
    sections: tuple[Section, ...]
    minutes: int

    @property
    def has_toc(self):
        return len(self.sections) >= TOC_MIN_SECTIONS


def reading_of(article, updates) -> Reading:
    """The body with an id on each h2, its sections, and the minutes it takes to read
    the body and ``updates``."""
    stored = stored_reading(article)
    ids = iter(stored.section_ids)

    def with_id(match):
        return f'<h2 id="{next(ids)}">{match.group(1)}</h2>'

    # The body was sanitised on save, and the ids are slugs: still safe.
    body = mark_safe(H2.sub(with_id, article.body))
    words = stored.words + sum(word_count(update.body) for update in updates)
    return Reading(
        body=body,
        sections=tuple(map(Section, stored.section_ids, stored.section_titles)),
        minutes=max(1, round(words / WORDS_PER_MINUTE)),
    )


def share_links(*, url, title):
    """[(label, href)]: plain links to each service's own share page, no script of theirs.
    Values are URL-encoded here (as ``urlencode`` would: each value quoted once, spaces
    as "+" except in the mailto: link); the template escapes the href as an attribute."""
    title_q, url_q = quote(title, safe=""), quote(url, safe="")
    title_plus, url_plus = title_q.replace("%20", "+"), url_q.replace("%20", "+")
    return [
        ("Email", f"mailto:?subject={title_q}&body={url_q}"),
        ("X", f"https://x.com/intent/post?text={title_plus}&url={url_plus}"),
        ("LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?url={url_plus}"),
        ("Bluesky", f"https://bsky.app/intent/compose?text={title_plus}+{url_plus}"),
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={url_plus}"),
    ]
