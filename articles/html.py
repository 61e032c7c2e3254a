"""The one allow-list of HTML that article and update bodies may hold.

Whatever a browser, a script or an import sends, only this markup reaches the
database: the tags the public templates style, links with safe schemes, no
attributes that run code or change presentation.
"""

import re

import nh3
from django.core.files.storage import default_storage

ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "ul",
    "ol",
    "li",
    "a",
    "strong",
    "em",
    "b",
    "i",
    "blockquote",
    "br",
    # A library picture in the body (the editor's Figure): exactly
    # <figure><img src="(library URL)" alt width height><figcaption>…</figcaption></figure>.
    "figure",
    "img",
    "figcaption",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "width", "height"}}
# The library's files only: originals and renditions (articles/media/).
LIBRARY_FOLDERS = ("images/", "renditions/")
# An <img> left without a src (its URL was not the library's) goes, whole.
_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


# Markup an HTML parser reads as "the rest is not text": a comment or a bogus comment
# (<!--, <![CDATA[, <!DOCTYPE, <?, </ followed by no letter) or an element whose content
# is raw text (<script>, <style>, <textarea>...). Closed, the sanitiser drops it (a
# closed <script> with its content); left open, it would swallow the rest of the body.
_SWALLOWING = re.compile(
    r"<(?:(!--)|[!?]|/(?![a-z])|"
    r"(script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext)(?![\w-]))",
    re.IGNORECASE,
)


def _keep_the_text_after(value: str) -> str:
    """``value`` with each "<" that would swallow the text after it written as "&lt;"."""
    lower = value.lower()

    def defuse(match):
        comment, element = match.group(1), match.group(2)
        if comment:
            closed = "-->" in lower[match.end() :]
        elif element:
            name = element.lower()
            closed = name != "plaintext" and f"</{name}" in lower[match.end() :]
        else:
            closed = False
        return match.group() if closed else "&lt;" + match.group()[1:]

    return _SWALLOWING.sub(defuse, value)


def _library_images_only(tag: str, attribute: str, value: str) -> str | None:
    """nh3's attribute filter: an image's src must be a file of the media library; its
    width and height are numbers."""
    if tag != "img":
        return value
    if attribute == "src":
        prefixes = [default_storage.url(folder) for folder in LIBRARY_FOLDERS]
        is_library = any(value.startswith(p) for p in prefixes) and ".." not in value
        return value if is_library else None
    if attribute in {"width", "height"}:
        return value if value.isdigit() and len(value) <= 5 else None
    return value


def sanitize_html(value: str) -> str:
    """``value`` with nothing but the allowed markup; text is never lost, only markup."""
    if not value:
        return value
    cleaned = nh3.clean(
        _keep_the_text_after(value),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_library_images_only,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return _IMG_WITHOUT_SRC.sub("", cleaned)
