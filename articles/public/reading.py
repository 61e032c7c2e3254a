"""Long-form reading aids for an article's page: section ids and a table of contents,
reading time, share links.

Computed when the page is rendered (and so kept in the page cache with it), from the
sanitised body: nothing is stored, so an edited heading simply gets its new id.
"""

import html
import re
from dataclasses import dataclass
from urllib.parse import quote

from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

WORDS_PER_MINUTE = 230
# Fewer sections than this and a table of contents is noise.
TOC_MIN_SECTIONS = 3
# The sanitiser (articles/html.py) lets h2 through with no attribute; the pattern accepts
# attributes anyway so that an id is never doubled.
H2 = re.compile(r"<h2\b[^>]*>(.*?)</h2\s*>", re.IGNORECASE | re.DOTALL)
# Ids the article page uses itself (templates/articles/article_detail.html, base.html): a
# section called "Main" or "Update 1" must not take them.
PAGE_IDS = re.compile(
    r"^(main|top|contents|toc-heading|updates-heading|related-heading|update-\d+)$"
)


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
    sections = []
    taken = set()

    def with_id(match):
        title = " ".join(html.unescape(strip_tags(match.group(1))).split())
        section_id = unique_id(slugify(title) or f"section-{len(sections) + 1}", taken)
        sections.append(Section(id=section_id, title=title))
        return f'<h2 id="{section_id}">{match.group(1)}</h2>'

    # The body was sanitised on save, and the ids are slugs: still safe.
    body = mark_safe(H2.sub(with_id, article.body))
    words = word_count(article.body) + sum(word_count(update.body) for update in updates)
    return Reading(
        body=body, sections=tuple(sections), minutes=max(1, round(words / WORDS_PER_MINUTE))
    )


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
