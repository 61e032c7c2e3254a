"""An article's whole editable state as plain data, read from the rows or written onto them.

The shape PendingChange.state holds (see its docstring). Writing a state never deletes an
update: updates are the public record (a state lists new ones and edits of existing ones).
"""

from django.utils.dateparse import parse_datetime

from taxonomy.models import Term

from ..media.models import Document
from ..models import Article, ArticleAuthor, ArticleDocument, Author, Update

FIELDS = [
    "title",
    "slug",
    "standfirst",
    "body",
    "lead_image_id",
    "lead_image_caption",
    "lead_image_credit",
    "internal_note",
    "published_at",
    "expires_at",
]
DATE_FIELDS = {"published_at", "expires_at"}
UPDATE_FIELDS = ["kind", "published_at", "title", "body"]


def state_of(article: Article) -> dict:
    """The article's state as stored in the database (its live version)."""
    return {
        "fields": {name: getattr(article, name) for name in FIELDS},
        "terms": sorted(article.terms.values_list("pk", flat=True)),
        "tags": sorted(article.tags.names()),
        "authors": list(
            article.article_authors.order_by("position", "id").values_list("author_id", flat=True)
        ),
        "updates": [
            {"id": u.pk, **{name: getattr(u, name) for name in UPDATE_FIELDS}}
            for u in article.updates.all()
        ],
        "documents": list(
            article.article_documents.order_by("position", "id").values_list(
                "document_id", flat=True
            )
        ),
    }


def _value(name, value):
    return parse_datetime(value) if name in DATE_FIELDS and isinstance(value, str) else value


def fields_of(state: dict) -> dict:
    return {name: _value(name, value) for name, value in state["fields"].items()}


def updates_of(state: dict) -> list[dict]:
    return [
        {name: _value(name, value) for name, value in update.items()}
        for update in state["updates"]
    ]


def write_state(article: Article, state: dict) -> None:
    """Make the article's rows hold `state` (the caller locks the row and records the version).

    The publication date stays once it has passed; terms, tags and authors deleted since the
    state was saved are left out; updates are added or edited, never removed.
    """
    for name, value in fields_of(state).items():
        if name == "published_at" and article.is_publication_date_fixed:
            continue
        setattr(article, name, value)
    article.save()
    article.terms.set(Term.objects.filter(pk__in=state["terms"]))
    article.tags.set(list(state["tags"]))  # taggit makes the tags that do not exist yet
    authors = set(Author.objects.filter(pk__in=state["authors"]).values_list("pk", flat=True))
    article.article_authors.all().delete()
    for position, author_id in enumerate(a for a in state["authors"] if a in authors):
        ArticleAuthor.objects.create(article=article, author_id=author_id, position=position)
    if state.get("documents") is not None:  # states staged before documents had none
        kept = set(Document.objects.filter(pk__in=state["documents"]).values_list("pk", flat=True))
        article.article_documents.all().delete()
        for position, document_id in enumerate(d for d in state["documents"] if d in kept):
            ArticleDocument.objects.create(
                article=article, document_id=document_id, position=position
            )
    existing = {u.pk: u for u in article.updates.all()}
    for data in updates_of(state):
        update = existing.get(data.pop("id", None)) or Update(article=article)
        for name, value in data.items():
            setattr(update, name, value)
        update.save()
