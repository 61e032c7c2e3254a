"""The one allow-list of HTML that article and update bodies may hold.

Whatever a browser, a script or an import sends, only this markup reaches the
database: the tags the public templates style, links with safe schemes, no
attributes that run code or change presentation.
"""

import re

import nh3

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
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
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


def sanitize_html(value: str) -> str:
    """``value`` with nothing but the allowed markup; text is never lost, only markup."""
    if not value:
        return value
    return nh3.clean(
        _keep_the_text_after(value),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
