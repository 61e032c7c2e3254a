"""Versions of articles, kept by django-reversion: what is kept, and how it is read and compared.

An article's version is one reversion Version of the Article row (its fields and its terms)
plus, in the same revision, one Version per author link (with its position), per tag link
and per update. Fields that only machines change (the edit lock, the search columns, the
timestamps the revision itself records) are not kept, so two saves of the same content
compare equal.

The one way to make a versioned change in code::

    from articles.versioning import capture, versioned

    with versioned(user=request_user_or_None, comment="Why this change"):
        ...change the article, its authors, tags, updates...
        capture(article)

The services in articles/services.py (publish, schedule, withdraw, restore, …) and the
admin do exactly this; `capture` records the final state once, whatever saved it.
"""

import difflib
import html
import json
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from reversion.models import Version
from taggit.models import Tag

from taxonomy.models import Term

from .models import Article, ArticleAuthor, Author, TaggedArticle, Update

# Not kept: what machines derive or stamp (the edit lock, search and facet columns,
# modified_at/by, which the revision records anyway, the "Updated" date from the updates),
# and the tags, which are kept as TaggedArticle rows (taggit's through model).
NOT_VERSIONED = [
    "modified_by",
    "tags",
    *(
        f.name
        for f in Article._meta.local_fields
        if not f.editable and f.name not in ("id", "created_at")
    ),
]
FOLLOW = ["article_authors", "tagged_items", "updates"]


def register():
    """Called once from ArticlesConfig.ready()."""
    reversion.register(Article, exclude=NOT_VERSIONED, follow=FOLLOW)
    reversion.register(ArticleAuthor)
    reversion.register(TaggedArticle)
    reversion.register(Update)
    reversion.register(Author)


@contextmanager
def versioned(*, user=None, comment: str = ""):
    """A revision block: every capture() inside it becomes one version, saved at the end.

    Nested blocks join the outermost one (one admin action → one revision).
    """
    with reversion.create_revision(manage_manually=True):
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        if comment:
            reversion.set_comment(comment)
        yield


def capture(article: Article, *, unless_unchanged: bool = False) -> None:
    """Record the article's state now (fields, terms, author links, tag links, updates).

    With `unless_unchanged`, nothing is recorded when the state equals the last version's.
    """
    if unless_unchanged and current_state(article) == latest_state(article.pk):
        return
    # The links first, explicitly: links captured earlier in the same block are recorded
    # again as they are now, and their names (object_repr) come without a query each.
    for related in (
        *article.article_authors.select_related("author"),
        *article.tagged_items.select_related("tag", "content_object"),
        *article.updates.all(),
    ):
        reversion.add_to_revision(related)
    reversion.add_to_revision(article)


# Reading versions, without a query per version


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


# Comparing two versions


BLOCK_TAGS = re.compile(r"</?(?:p|h2|h3|li|ul|ol|blockquote)\b[^>]*>|<br\s*/?>", re.IGNORECASE)
PARAGRAPH = "\n"


def words(markup: str | None) -> list[str]:
    """The words of an HTML text, with a paragraph mark between blocks; markup is not a word."""
    text = html.unescape(strip_tags(BLOCK_TAGS.sub(f" {PARAGRAPH} ", markup or "")))
    tokens = []
    for token in re.findall(r"\n|[^\s]+", text):
        if token == PARAGRAPH and (not tokens or tokens[-1] == PARAGRAPH):
            continue
        tokens.append(token)
    while tokens and tokens[-1] == PARAGRAPH:
        tokens.pop()
    return tokens


def _render(tokens, *, marked=False):
    out = []
    for token in tokens:
        if token == PARAGRAPH:
            out.append("¶<br>" if marked else "<br><br>")
        else:
            out.append(escape(token))
    return " ".join(out).replace(" <br>", "<br>").replace("<br> ", "<br>")


def word_diff(old: str | None, new: str | None):
    """HTML showing `new` with deleted words in <del> and inserted words in <ins>."""
    a, b = words(old), words(new)
    out = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(_render(a[i1:i2]))
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{_render(a[i1:i2], marked=True)}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{_render(b[j1:j2], marked=True)}</ins>")
    return mark_safe(" ".join(part for part in out if part))  # every word escaped above


@dataclass
class Row:
    label: str
    old: str = ""
    new: str = ""
    diff: str = ""
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)


def compare(before: ArticleState, after: ArticleState) -> list[Row]:
    """The differences between two states, field by field; unchanged fields are left out."""
    names = Names.for_states([before, after])
    rows = []
    for name, label in FIELD_LABELS.items():
        old, new = before.fields.get(name), after.fields.get(name)
        if old == new:
            continue
        if name in TEXT_FIELDS:
            rows.append(Row(label=label, diff=word_diff(old, new)))
        else:
            rows.append(Row(label=label, old=str(old or "—"), new=str(new or "—")))
    if before.authors != after.authors:
        rows.append(
            Row(
                label="authors (in order)",
                old=", ".join(names.author(i) for i in before.authors) or "—",
                new=", ".join(names.author(i) for i in after.authors) or "—",
                added=[names.author(i) for i in after.authors if i not in before.authors],
                removed=[names.author(i) for i in before.authors if i not in after.authors],
            )
        )
    for label, old, new, name in (
        ("terms", before.terms, after.terms, names.term),
        ("tags", before.tags, after.tags, names.tag),
    ):
        if set(old) != set(new):
            rows.append(
                Row(
                    label=label,
                    added=[name(i) for i in new if i not in old],
                    removed=[name(i) for i in old if i not in new],
                )
            )
    for pk in sorted(before.updates.keys() | after.updates.keys()):
        old, new = before.updates.get(pk), after.updates.get(pk)
        if old == new:
            continue
        kind = (new or old)["kind"]
        date = (new or old)["published_at"][:10]
        label = f"{kind} of {date}"
        if old is None:
            rows.append(Row(label=f"{label} (added)", diff=word_diff("", new["body"])))
        elif new is None:
            rows.append(Row(label=f"{label} (removed)", diff=word_diff(old["body"], "")))
        else:
            rows.append(Row(label=label, diff=word_diff(old["body"], new["body"])))
    return rows


def version_number(version: Version) -> int:
    return (
        Version.objects.get_for_object_reference(Article, version.object_id)
        .filter(pk__lte=version.pk)
        .count()
    )
