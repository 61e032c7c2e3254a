"""Reading versions, without a query per version: states, history and summaries."""

import json
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from reversion.models import Version
from taggit.models import Tag

from taxonomy.models import Term

from ..models import Article, ArticleAuthor, Author, TaggedArticle, Update
from .fields import NOT_VERSIONED


@dataclass
class ArticleState:
    fields: dict
    terms: list = field(default_factory=list)
    authors: list = field(default_factory=list)  # author ids in byline order
    tags: list = field(default_factory=list)
    updates: dict = field(default_factory=dict)  # update id → fields


@dataclass
class Entry:
    number: int
    version: Version
    state: ArticleState
    summary: str = ""

    @property
    def revision(self):
        return self.version.revision


def _data(version):
    return json.loads(version.serialized_data)[0]["fields"]


def _content_types():
    models = (Article, ArticleAuthor, TaggedArticle, Update)
    return {model: ContentType.objects.get_for_model(model) for model in models}


def _fields(objects, names=None):
    return {
        item["pk"]: item["fields"]
        for item in json.loads(serializers.serialize("json", objects, fields=names))
    }


def current_state(article: Article) -> ArticleState:
    """The article as it is in the database, in the form versions are read in."""
    names = [
        f.name
        for f in (*Article._meta.local_fields, *Article._meta.local_many_to_many)
        if f.name not in NOT_VERSIONED
    ]
    fields = _fields([Article.objects.get(pk=article.pk)], names)[article.pk]
    links = article.article_authors.all()
    return ArticleState(
        fields=fields,
        terms=sorted(fields.pop("terms", [])),
        authors=[link.author_id for link in sorted(links, key=lambda x: (x.position, x.pk))],
        tags=sorted(article.tagged_items.values_list("tag_id", flat=True)),
        updates=_fields(article.updates.all()),
    )


def latest_state(article_id) -> ArticleState | None:
    version = Version.objects.get_for_object_reference(Article, article_id).order_by("-pk").first()
    if version is None:
        return None
    types = _content_types()
    related = Version.objects.filter(
        revision_id=version.revision_id,
        content_type__in=[types[ArticleAuthor], types[TaggedArticle], types[Update]],
    )
    return _state(version, related, article_id, types)


def _state(version, related, article_id, types) -> ArticleState:
    fields = _data(version)
    state = ArticleState(fields=fields, terms=sorted(fields.pop("terms", [])))
    links = []
    for other in related:
        data = _data(other)
        if other.content_type_id == types[ArticleAuthor].pk:
            if str(data["article"]) == str(article_id):
                links.append((data["position"], int(other.object_id), data["author"]))
        elif other.content_type_id == types[TaggedArticle].pk:
            if str(data["content_object"]) == str(article_id):
                state.tags.append(data["tag"])
        elif str(data["article"]) == str(article_id):
            state.updates[int(other.object_id)] = data
    state.authors = [author for _, _, author in sorted(links)]
    state.tags.sort()
    return state


def history(article_id) -> list["Entry"]:
    """Every version of an article, oldest first, numbered from 1, with a summary of what changed.

    A fixed number of queries whatever the number of versions.
    """
    types = _content_types()
    versions = list(
        Version.objects.get_for_object_reference(Article, article_id)
        .select_related("revision", "revision__user")
        .order_by("pk")
    )
    related = Version.objects.filter(
        revision__in={v.revision_id for v in versions},
        content_type__in=[types[ArticleAuthor], types[TaggedArticle], types[Update]],
    ).only("revision_id", "content_type_id", "object_id", "serialized_data")
    by_revision = {}
    for version in related:
        by_revision.setdefault(version.revision_id, []).append(version)

    entries = [
        Entry(
            number=number,
            version=version,
            state=_state(version, by_revision.get(version.revision_id, []), article_id, types),
        )
        for number, version in enumerate(versions, start=1)
    ]

    names = Names.for_states([e.state for e in entries])
    previous = None
    for entry in entries:
        entry.summary = summarise(previous, entry.state, names)
        previous = entry.state
    return entries


class Names:
    """Display names for the terms, tags and authors that versions refer to (3 queries)."""

    def __init__(self, terms, tags, authors):
        self.terms, self.tags, self.authors = terms, tags, authors

    @classmethod
    def for_states(cls, states):
        term_ids = {i for s in states for i in s.terms}
        tag_ids = {i for s in states for i in s.tags}
        author_ids = {i for s in states for i in s.authors}
        return cls(
            dict(Term.objects.filter(pk__in=term_ids).values_list("pk", "name")),
            dict(Tag.objects.filter(pk__in=tag_ids).values_list("pk", "name")),
            dict(Author.objects.filter(pk__in=author_ids).values_list("pk", "name")),
        )

    def term(self, pk):
        return self.terms.get(pk, f"term #{pk} (deleted)")

    def tag(self, pk):
        return self.tags.get(pk, f"tag #{pk} (deleted)")

    def author(self, pk):
        return self.authors.get(pk, f"author #{pk} (deleted)")


FIELD_LABELS = {
    "title": "title",
    "slug": "slug",
    "standfirst": "standfirst",
    "body": "body",
    "lead_image": "lead image",
    "lead_image_caption": "caption",
    "lead_image_credit": "credit",
    "status": "status",
    "published_at": "publication date",
    "internal_note": "internal note",
}
TEXT_FIELDS = {"title", "standfirst", "body", "lead_image_caption", "internal_note"}


def summarise(before, after, names) -> str:
    if before is None:
        return "First version"
    parts = [
        FIELD_LABELS[name]
        for name in FIELD_LABELS
        if before.fields.get(name) != after.fields.get(name)
    ]
    if before.fields.get("status") != after.fields.get("status"):
        parts.remove("status")
        parts.append(f"status {before.fields.get('status')} → {after.fields.get('status')}")
    for label, old, new, name in (
        ("term", before.terms, after.terms, names.term),
        ("tag", before.tags, after.tags, names.tag),
    ):
        parts += [f"+{label} {name(i)}" for i in new if i not in old]
        parts += [f"−{label} {name(i)}" for i in old if i not in new]
    if before.authors != after.authors:
        if sorted(before.authors) == sorted(after.authors):
            parts.append("author order")
        else:
            parts += [
                f"+author {names.author(i)}" for i in after.authors if i not in before.authors
            ]
            parts += [
                f"−author {names.author(i)}" for i in before.authors if i not in after.authors
            ]
    added = after.updates.keys() - before.updates.keys()
    removed = before.updates.keys() - after.updates.keys()
    edited = [
        pk
        for pk in after.updates.keys() & before.updates.keys()
        if after.updates[pk] != before.updates[pk]
    ]
    for count, verb in ((len(added), "added"), (len(removed), "removed"), (len(edited), "edited")):
        if count:
            parts.append(f"{count} update{'s' if count > 1 else ''} {verb}")
    return ", ".join(parts) if parts else "No changes"


def version_number(version: Version) -> int:
    return (
        Version.objects.get_for_object_reference(Article, version.object_id)
        .filter(pk__lte=version.pk)
        .count()
    )
