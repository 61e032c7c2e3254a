"""The article page's data in one statement: the article, its byline, terms (with their
vocabularies), tags, updates, documents and its lead image's renditions as JSON
aggregates of the same row (the lead image itself: the caller's select_related).

Five prefetch queries (and the ORM's machinery for each) cost more than the page's
rendering; here each related list is one ``json_agg`` subquery of the article's row,
unpacked into model instances put where the prefetches would have put them
(``article.updates.all()``, ``article.tags.all()``…), so templates, page-cache tags and
``related_articles()`` read them unchanged. Each author, term and tag also gets ``url``
(one ``reverse()`` per kind of address and request, not one per link), and so does each
related article (``with_addresses()``).
"""

from datetime import datetime
from urllib.parse import quote

from django.db.models import BigIntegerField, Field
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS
from taggit.models import Tag

from taxonomy.models import Term, Vocabulary

from ..listing_index.store import generation_sql
from ..media.models import Document
from ..models import ArticleAuthor, ArticleDocument, Update
from ..querysets import BYLINES, RENDITIONS, byline_links, evaluated, lead_image_renditions

# Columns the page never shows: the search columns are the largest of the row.
UNSHOWN = ("search_vector", "search_head", "internal_note")
RELATED_FIELDS = ("id", "slug", "title", "published_at")

# Each subquery refers to the outer row by its table name, which Django uses as the
# alias of a query's base table. Orders: the byline's, the vocabulary then name (the
# Term model's), tags by id (as the prefetch read them), the updates' (the Update model's).
AGGREGATES = {
    "page_authors": BYLINES,  # the lists' (querysets.py)
    "page_renditions": RENDITIONS,  # the lead image's (querysets.py), as the lists read them
    "page_terms": """SELECT json_agg(json_build_array(t.id, t.name, t.slug, t.parent_id,
        v.id, v.name, v.slug, v.position) ORDER BY v.position, t.name)
        FROM articles_article_terms at JOIN taxonomy_term t ON t.id = at.term_id
        JOIN taxonomy_vocabulary v ON v.id = t.vocabulary_id
        WHERE at.article_id = articles_article.id""",
    "page_tags": """SELECT json_agg(json_build_array(g.id, g.name, g.slug) ORDER BY g.id)
        FROM articles_taggedarticle ta JOIN taggit_tag g ON g.id = ta.tag_id
        WHERE ta.content_object_id = articles_article.id""",
    "page_updates": """SELECT json_agg(json_build_array(u.id, u.kind, u.published_at, u.title,
        u.body, u."order", u.retracted_at, u.retraction_reason)
        ORDER BY u.published_at, u."order", u.id)
        FROM articles_update u WHERE u.article_id = articles_article.id""",
    # The ArticleDocument model's order.
    "page_documents": """SELECT json_agg(json_build_array(l.id, l.position, d.id, d.file,
        d.title, d.file_size, d.content_type) ORDER BY l.position, l.id)
        FROM articles_articledocument l JOIN media_document d ON d.id = l.document_id
        WHERE l.article_id = articles_article.id""",
}


def article_page_queryset(articles):
    """``articles`` (a queryset of Article) with what the page shows, in one statement."""
    return articles.defer(*UNSHOWN).annotate(
        # Read with the article: the related articles' index needs no query of its own.
        listing_generation=RawSQL(generation_sql(), (), BigIntegerField()),
        # A plain Field: psycopg has decoded the JSON already (JSONField would again).
        **{name: RawSQL(sql, (), Field()) for name, sql in AGGREGATES.items()},
    )


def unpack(article):
    """Put the aggregates where prefetch_related() would have put them."""
    urls = Addresses()
    vocabularies = {}
    terms, tags, updates, documents = [], [], [], []
    authors = byline_links(article, article.page_authors)
    for link in authors:
        link.author.url = urls.of("articles:author", slug=link.author.slug)
    for term_id, name, slug, parent_id, vid, vname, vslug, vposition in article.page_terms or ():
        vocabulary = vocabularies.get(vid)
        if vocabulary is None:
            vocabulary = vocabularies[vid] = Vocabulary(
                id=vid, name=vname, slug=vslug, position=vposition
            )
        term = Term(id=term_id, name=name, slug=slug, parent_id=parent_id, vocabulary=vocabulary)
        term.url = urls.of("articles:term", vocabulary=vslug, slug=slug)
        terms.append(term)
    for tag_id, name, slug in article.page_tags or ():
        tag = Tag(id=tag_id, name=name, slug=slug)
        tag.url = urls.of("articles:tag", slug=slug)
        tags.append(tag)
    for row in article.page_updates or ():
        uid, kind, published_at, title, body, order, retracted_at, reason = row
        updates.append(
            Update(
                id=uid,
                article_id=article.pk,
                kind=kind,
                published_at=datetime.fromisoformat(published_at),
                title=title,
                body=body,
                order=order,
                retracted_at=retracted_at and datetime.fromisoformat(retracted_at),
                retraction_reason=reason,
            )
        )
    for link_id, position, document_id, file, title, file_size, content_type in (
        article.page_documents or ()
    ):
        link = ArticleDocument(
            id=link_id, article_id=article.pk, document_id=document_id, position=position
        )
        link.document = Document(
            id=document_id,
            file=file,
            title=title,
            file_size=file_size,
            content_type=content_type,
        )
        documents.append(link)
    if "lead_image" in article._state.fields_cache:  # read with it (select_related)
        lead_image_renditions(article, article.page_renditions)
    cache = getattr(article, "_prefetched_objects_cache", None)
    if cache is None:
        cache = article._prefetched_objects_cache = {}
    cache.update(
        article_authors=evaluated(ArticleAuthor, authors),
        terms=evaluated(Term, terms),
        tags=evaluated(Tag, tags),
        updates=evaluated(Update, updates),
        article_documents=evaluated(ArticleDocument, documents),
    )
    return article


def with_addresses(articles):
    """``articles``, each with ``url``, its address (one reverse() for all of them)."""
    urls = Addresses()
    for item in articles:
        item.url = urls.of("articles:detail", slug=item.slug)
    return articles


class Addresses:
    """reverse() once per URL name; each slug is put in the address as reverse() would
    quote it (the patterns take slugs, which need no other check)."""

    PLACEHOLDER = "00placeholder00"

    def __init__(self):
        self.templates = {}

    def of(self, name, **kwargs):
        key = (name, *kwargs)
        template = self.templates.get(key)
        if template is None:
            template = self.templates[key] = reverse(
                name, kwargs={k: f"{self.PLACEHOLDER}{k}" for k in kwargs}
            )
        for k, v in kwargs.items():
            template = template.replace(
                f"{self.PLACEHOLDER}{k}", quote(v, safe=RFC3986_SUBDELIMS + "/~:@")
            )
        return template
