"""What the API answers, declared once: these schemas make the OpenAPI document.

Built from plain dicts (``serialise.py``), never from lazy model attributes, so what
an answer reads from the database is exactly what the views fetched. Plain Pydantic
models, not ninja's ``Schema``: that one wraps every object to read model attributes,
which dicts do not need (a fifth of the listing's Python time).
"""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel as Schema
from pydantic import Field


class ParameterError(Schema):
    parameter: str | None = Field(
        description="The query parameter at fault, when the message is about one alone."
    )
    message: str


class Error(Schema):
    detail: str = Field(description="What went wrong, for a person to read.")
    errors: list[ParameterError] = Field(
        default_factory=list, description="One entry per parameter that could not be used."
    )


class Link(Schema):
    slug: str
    name: str
    url: str = Field(description="The reader's page on the site.")


class VocabularyLink(Schema):
    slug: str
    name: str


class TermLink(Schema):
    slug: str
    name: str
    vocabulary: VocabularyLink
    path: str = Field(description="The term after its broader terms: “Africa › Sahel › Mali”.")
    broader: list[str] = Field(description="The broader terms' slugs, the top-level one first.")


class UpdateOut(Schema):
    kind: Literal["update", "correction", "note"]
    published_at: datetime
    title: str
    body: str = Field(description="Sanitised HTML.")
    retracted_at: datetime | None = Field(
        description="Set when the update was retracted; it stays in the public record."
    )
    retraction_reason: str


class FocalPoint(Schema):
    x: float = Field(ge=0, le=1, description="From 0 (left) to 1 (right).")
    y: float = Field(ge=0, le=1, description="From 0 (top) to 1 (bottom).")


class RenditionOut(Schema):
    spec: str = Field(description="“w960.webp”: the width and format; “social.jpeg”.")
    purpose: Literal["width", "social", "thumbnail"] = Field(
        description="width: the picture at its own shape, for a srcset; social: the "
        "1200×630 card (og:image); thumbnail: the listing's 320×200 crop. The crops are "
        "cut around the focal point."
    )
    format: Literal["avif", "webp", "jpeg"]
    content_type: str
    width: int = Field(description="The file's width in pixels (never upscaled).")
    height: int
    url: str = Field(
        description="Redirects (302) to the file, which is made on the first request: "
        "follow redirects. The address changes when the file would (a new focal point)."
    )


class SourceOut(Schema):
    format: Literal["avif", "webp", "jpeg"]
    content_type: str = Field(description="A <source>'s type.")
    srcset: str = Field(description="“url 480w, url 960w, …”: a srcset as it is.")


class LeadImage(Schema):
    alt: str = Field(description="The alt attribute: empty for a decorative picture.")
    is_decorative: bool
    caption: str = Field(description="The article's own caption, else the image's.")
    credit: str = Field(description="The article's own credit, else the image's.")
    width: int = Field(description="The original's width in pixels.")
    height: int
    focal_point: FocalPoint
    original_url: str = Field(
        description="The original (re-encoded on upload, without camera or location data)."
    )
    renditions: list[RenditionOut] = Field(
        description="Every rendition the site makes: widths in each format, the social "
        "card, the thumbnail."
    )
    sources: list[SourceOut] = Field(
        description="One srcset per format, the best first, as the site's <picture>: "
        "the last (JPEG) is the fallback <img>."
    )


class DocumentOut(Schema):
    title: str
    type: str = Field(description="What readers see: “PDF”.")
    content_type: str
    size: int = Field(description="Bytes.")
    url: str = Field(description="The file.")


class ArticleSummary(Schema):
    id: int
    slug: str
    title: str
    standfirst: str
    url: str = Field(description="The article's page on the site.")
    api_url: str
    published_at: datetime
    updated_at: datetime | None = Field(description="The latest update's or correction's date.")
    authors: list[Link] = Field(description="In byline order.")
    terms: list[TermLink] = Field(description="By vocabulary (in the site's order), then name.")
    tags: list[Link]
    updates: list[UpdateOut] = Field(description="Updates, corrections and editor's notes.")
    lead_image: LeadImage | None = Field(description="Null when the article has none.")


class ArticleDetail(ArticleSummary):
    body: str = Field(description="Sanitised HTML.")
    lead_image_caption: str = Field(
        description="Shown under the lead image: the article's own, else the image's "
        "(an article may have a caption without an image)."
    )
    lead_image_credit: str = Field(description="As the caption: the article's, else the image's.")
    documents: list[DocumentOut] = Field(description="Attached files, in the page's order.")


class ArticlePage(Schema):
    count: int = Field(description="How many articles match, on every page.")
    next: str | None = Field(description="The cursor of the next page; null on the last.")
    results: list[ArticleSummary]


class AuthorOut(Schema):
    slug: str
    name: str
    affiliation: str
    bio: str
    url: str
    articles: int = Field(description="Published articles with this author in the byline.")
    articles_url: str = Field(description="Those articles, in this API.")


class AuthorPage(Schema):
    next: str | None
    results: list[AuthorOut]


class TagOut(Schema):
    slug: str
    name: str
    url: str
    articles: int
    articles_url: str


class TagPage(Schema):
    next: str | None
    results: list[TagOut]


class VocabularyOut(Schema):
    slug: str
    name: str
    description: str
    url: str
    api_url: str
    parameter: str = Field(description="The listing's parameter for its terms (its slug).")


class TermOut(Schema):
    slug: str
    name: str
    parent: str | None = Field(description="The broader term's slug; null at the top.")
    depth: int = Field(description="0 at the top of the tree.")
    path: str
    aliases: list[str]
    scope_note: str
    url: str
    articles: int = Field(description="Published articles under this term or a narrower one.")
    articles_url: str


class VocabularyTree(VocabularyOut):
    terms: list[TermOut] = Field(
        description="Every term, depth first (each parent before its narrower terms, "
        "siblings by name): a tree read top to bottom."
    )
