"""Reading a WordPress export (WXR 1.2) one element at a time, and its markup as ours.

`read` streams the file with lxml's iterparse: each channel-level author and category and
each item is handed on as plain data, then cleared, so a 50,000-post export never sits in
memory whole. Entities are not resolved, nothing is fetched from the network and huge
trees are refused (the parser's defaults against XML bombs).
"""

import html
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
    meta: dict = field(default_factory=dict)  # wp:postmeta key -> value, first one wins


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
        elif name == "postmeta" and _is_wp(child.tag):
            item.meta.setdefault(_text(child, "meta_key"), _text(child, "meta_value"))
            item.fields.setdefault(name, child.text or "")  # as before: digests stay equal
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


# Pictures of the media library in a post's content. `image_for(src)` answers the
# library's (src, alt, width, height) for an <img> whose file was imported, else None.
_CAPTIONED = re.compile(r"\[(wp_caption|caption)\b[^\]]*\](.*?)\[/\1\]", re.IGNORECASE | re.DOTALL)
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_LINKED_IMG = re.compile(r"(?:<a\b[^>]*>\s*)?<img\b[^>]*>\s*(?:</a>)?", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""\s([a-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_STANDALONE = re.compile(
    r"^\s*(?:<p>)?\s*(?:<a\b[^>]*>\s*)?(<img\b[^>]*>)\s*(?:</a>)?\s*(?:</p>)?\s*$"
)


def _attributes(tag: str) -> dict[str, str]:
    return {
        m[1].lower(): html.unescape(m[2] if m[2] is not None else m[3])
        for m in _ATTRIBUTE.finditer(tag)
    }


def _library_img(tag: str, image_for) -> str | None:
    """The <img> as the library's picture (its URL, alt text and size), or None."""
    attributes = _attributes(tag)
    found = image_for(attributes.get("src", ""))
    if found is None:
        return None
    src, alt, width, height = found
    alt = alt or attributes.get("alt", "")
    return (
        f'<img src="{html.escape(src)}" alt="{html.escape(alt)}" '
        f'width="{width}" height="{height}">'
    )


def _figures(text: str, image_for) -> tuple[str, int]:
    """Captioned pictures ([caption]…[/caption]) and pictures standing alone in their
    paragraph become the editor's Figure; other library pictures keep their place."""
    count = 0

    def captioned(match):
        nonlocal count
        inner = match[2]
        image = _IMG.search(inner)
        tag = _library_img(image.group(), image_for) if image else None
        if tag is None:
            return match.group()  # left to strip_shortcodes, as before
        count += 1
        caption = _LINKED_IMG.sub("", inner, count=1).strip()
        caption = f"<figcaption>{caption}</figcaption>" if caption else ""
        return f"\n\n<figure>{tag}{caption}</figure>\n\n"

    def inline(match):
        nonlocal count
        tag = _library_img(match.group(), image_for)
        if tag is not None:
            count += 1
        return tag or match.group()

    text = _CAPTIONED.sub(captioned, text)
    parts = re.split(r"(<figure>.*?</figure>)", text, flags=re.DOTALL)
    text = "".join(p if p.startswith("<figure>") else _IMG.sub(inline, p) for p in parts)
    return text, count


def convert(content: str, image_for=None) -> tuple[str, int, int]:
    """(our sanitised body, shortcodes removed, library pictures placed) for a post's
    content:encoded.

    Each paragraph is sanitised on its own, so a tag left open (broken markup) is closed
    where its paragraph ends instead of swallowing the rest of the post. Pictures whose
    files are in the library (`image_for`) are kept, as figures where they stand alone;
    any other <img> is dropped by the sanitiser (its file is not the library's).
    """
    text, placed = _figures(content or "", image_for) if image_for else (content or "", 0)
    text, removed = strip_shortcodes(text)
    blocks = []
    for block in autop(text):
        alone = _STANDALONE.match(block)
        # A library picture survives the sanitiser; any other is left for it to drop.
        if alone and image_for and sanitize_html(alone[1]):
            block = f"<figure>{alone[1]}</figure>"
        blocks.append(block)
    return "\n".join(filter(None, map(sanitize_html, blocks))), removed, placed
