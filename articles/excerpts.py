"""Excerpts: the opening of an article's body as a reader should see it in a list.

The first paragraph that is text (never a heading, a list item or a quotation,
never a dateline line such as "BAMAKO, 12 March 2013"), without a dateline
opening it ("Bamako, Mali – "), as its first whole sentences up to about
``MAX_WORDS``. Cut only when its first sentence alone is longer: at a word
boundary, with one ellipsis and no punctuation before it ("France.…" never
happens: a text that ends on a sentence needs none).
"""

import html
import re
from html.parser import HTMLParser

MAX_WORDS = 45

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?:\d{{1,2}}\s+{_MONTH}(?:,?\s+\d{{4}})?"
    rf"|{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{4}}-\d\d-\d\d)"
)
_PLACE = r"(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})"
_AGENCY = r"(?:\s*\([^()]{1,40}\))"
_DASH = r"\s*[–—-]+\s*"
# "Bamako, Mali – ", "BAMAKO, 12 March (Reuters) — ", "Gao (AFP) - ": a place with a
# comma, a date or an agency, then a dash (a capitalised word and a dash alone could
# be the sentence itself: "Mali – a country…").
DATELINE_OPENING = re.compile(
    rf"^{_PLACE}(?:(?:,\s*{_PLACE})+(?:,?\s*{_DATE})?{_AGENCY}?|,?\s*{_DATE}{_AGENCY}?|{_AGENCY}){_DASH}"
)
# A paragraph that is nothing but a dateline: "BAMAKO, Mali", "Bamako, 15 January 2013".
# A capitalised word alone ("Text.") is no dateline; one in capitals is ("BAMAKO").
DATELINE_LINE = re.compile(
    rf"^(?:{_PLACE}(?:,\s*{_PLACE})+(?:,?\s*{_DATE})?|{_PLACE},?\s*{_DATE}|{_DATE}"
    rf"|[A-Z]{{3,}}(?:\s+[A-Z]{{3,}})*|{_PLACE}{_AGENCY}){_AGENCY}?(?:{_DASH})?$"
)
# Words ending in a full stop that do not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gen", "col", "lt", "maj", "capt", "sgt", "st", "prof",
    "sen", "rep", "gov", "pres", "no", "vs", "etc", "approx", "dept", "jr", "sr", "mt",
}  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?…][\"”’)\]]*\s+")


class _Blocks(HTMLParser):
    """The body's block elements as (tag, text)."""

    BLOCKS = {"p", "h2", "h3", "li", "blockquote"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self._stack, self._text = [], [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self._flush()
            self._stack.append(tag)
        elif tag == "br":
            self._text.append(" ")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self._flush()
            if self._stack:
                self._stack.pop()

    def handle_data(self, data):
        self._text.append(data)

    def _flush(self):
        text = " ".join("".join(self._text).split())
        if text:
            # A text inside a list item or a quotation counts as one, whatever wraps it.
            tag = next((t for t in ("li", "blockquote") if t in self._stack), None)
            self.blocks.append((tag or (self._stack[-1] if self._stack else "p"), text))
        self._text = []

    def close(self):
        super().close()
        self._flush()


def blocks(body):
    """[(tag, text)] of an HTML body, in order: p, h2, h3, li or blockquote."""
    parser = _Blocks()
    parser.feed(body or "")
    parser.close()
    return parser.blocks


def sentences(text):
    """The text's sentences (an abbreviation or an initial does not end one)."""
    found, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.start() + 1]
        word = before.rsplit(None, 1)[-1] if before.strip() else ""
        bare = word.rstrip(".").lower().strip('“"(')
        # The next sentence's first letter (past quotes or a highlight's marker).
        following = next((c for c in text[match.end() : match.end() + 4] if c.isalnum()), "")
        if text[match.start()] == "." and (
            bare in _ABBREVIATIONS or len(bare) == 1 or "." in bare or not following.isupper()
        ):
            continue  # "U.S. officials", "Carter F. Ham", "e.g. Gao"
        found.append(text[start : match.end()].strip())
        start = match.end()
    if text[start:].strip():
        found.append(text[start:].strip())
    return found


def cut(text, max_words):
    """The text cut at a word boundary, ending with one ellipsis and no punctuation
    before it; the text itself when it is short enough."""
    words = text.split()
    if len(words) <= max_words:
        return text
    kept = " ".join(words[:max_words]).rstrip(" ,;:–—-.…")
    return kept + "…"


def strip_dateline(text):
    return DATELINE_OPENING.sub("", text, count=1)


def excerpt(body, *, max_words=MAX_WORDS):
    """The excerpt of an HTML body (see the module docstring); "" when it has no text."""
    for tag, text in blocks(body):
        if tag != "p" or DATELINE_LINE.match(text):
            continue
        text = strip_dateline(html.unescape(text))
        if not text:
            continue
        kept, count = [], 0
        for sentence in sentences(text):
            words = len(sentence.split())
            if kept and count + words > max_words:
                break
            kept.append(sentence)
            count += words
        if count > max_words:
            return cut(kept[0], max_words)
        return " ".join(kept)
    return ""
