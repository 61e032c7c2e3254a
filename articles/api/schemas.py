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
    lead_image: None = Field(
        None,
        description="The lead image's renditions, once the media library exists: "
        "always null until then.",
    )


class ArticleDetail(ArticleSummary):
    body: str = Field(description="Sanitised HTML.")
    lead_image_caption: str
    lead_image_credit: str


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
