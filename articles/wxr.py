"""Reading a WordPress export (WXR 1.2) one element at a time, and its markup as ours.

`read` streams the file with lxml's iterparse: each channel-level author and category and
each item is handed on as plain data, then cleared, so a 50,000-post export never sits in
memory whole. Entities are not resolved, nothing is fetched from the network and huge
trees are refused (the parser's defaults against XML bombs).
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from .html import sanitize_html

WP = "http://wordpress.org/export/"  # followed by the version: 1.0, 1.1, 1.2


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _is_wp(tag) -> bool:
    return isinstance(tag, str) and tag.startswith("{" + WP)


@dataclass
class WxrAuthor:
    login: str
    display_name: str


@dataclass
class WxrCategory:
    slug: str
    name: str
    parent_slug: str


@dataclass
class WxrItem:
    fields: dict = field(default_factory=dict)  # local name -> text, first one wins
    categories: list[tuple[str, str]] = field(default_factory=list)  # (slug, name)
    tags: list[str] = field(default_factory=list)
    comments: int = 0


def _text(element, name: str) -> str:
    for child in element:
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def _item(element) -> WxrItem:
    item = WxrItem()
    for child in element:
        name = _local(child.tag)
        if name == "category":
            domain, label = child.get("domain"), (child.text or "").strip()
            if domain == "category" and label:
                item.categories.append((child.get("nicename") or "", label))
            elif domain == "post_tag" and label:
                item.tags.append(label)
        elif name == "comment" and _is_wp(child.tag):
            item.comments += 1
        elif name:
            namespace = etree.QName(child.tag).namespace or ""
            key = f"excerpt:{name}" if "excerpt" in namespace else name
            item.fields.setdefault(key, child.text or "")
    return item


def read(path) -> Iterator[WxrAuthor | WxrCategory | WxrItem]:
    """The export's authors, categories and items, in file order."""
    context = etree.iterparse(
        str(path),
        events=("end",),
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        remove_blank_text=True,
    )
    for _, element in context:
        name = _local(element.tag)
        parent = element.getparent()
        if parent is None or _local(parent.tag) != "channel":
            continue
        if name == "item":
            yield _item(element)
        elif name == "author" and _is_wp(element.tag):
            yield WxrAuthor(
                login=_text(element, "author_login"),
                display_name=_text(element, "author_display_name"),
            )
        elif name == "category" and _is_wp(element.tag):
            yield WxrCategory(
                slug=_text(element, "category_nicename"),
                name=_text(element, "cat_name"),
                parent_slug=_text(element, "category_parent"),
            )
        else:
            continue
        element.clear()
        while element.getprevious() is not None:
            del parent[0]


# WordPress's own shortcodes for media and embeds: the media they point to is not
# imported, so they are removed (enclosing ones with what they enclose).
SHORTCODES = ("caption", "wp_caption", "gallery", "embed", "audio", "video", "playlist")
_NAMES = "|".join(SHORTCODES)
_ENCLOSING = re.compile(rf"\[({_NAMES})\b[^\]]*\].*?\[/\1\]", re.IGNORECASE | re.DOTALL)
_SINGLE = re.compile(rf"\[/?({_NAMES})\b[^\]]*\]", re.IGNORECASE)
_BLOCK = re.compile(
    r"^\s*<(p|h[1-6]|ul|ol|li|blockquote|div|table|pre|figure|hr|section|dl)\b",
    re.IGNORECASE,
)


def strip_shortcodes(text: str) -> tuple[str, int]:
    text, enclosing = _ENCLOSING.subn("", text)
    text, single = _SINGLE.subn("", text)
    return text, enclosing + single


def autop(text: str) -> list[str]:
    """WordPress's wpautop, in short: blank-line-separated text becomes paragraphs, a lone
    newline inside one a line break; blocks that already are markup are left as they are."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if not block:
            continue
        if _BLOCK.match(block):
            paragraphs.append(block)
        else:
            paragraphs.append("<p>" + block.replace("\n", "<br>\n") + "</p>")
    return paragraphs


def convert(content: str) -> tuple[str, int]:
    """(our sanitised body, how many shortcodes were removed) for a post's content:encoded.

    Each paragraph is sanitised on its own, so a tag left open (broken markup) is closed
    where its paragraph ends instead of swallowing the rest of the post.
    """
    text, removed = strip_shortcodes(content or "")
    return "\n".join(filter(None, map(sanitize_html, autop(text)))), removed
