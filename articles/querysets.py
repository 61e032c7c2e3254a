"""The articles' querysets; `ArticleQuerySet.published()` is the single public gate."""

from datetime import datetime

from django.db import models
from django.db.models.expressions import RawSQL
from django.db.models.query import ModelIterable
from django.utils import timezone


class AuthorQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class ArticleQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def published(self):
        """The single public gate: published, its publication time has come, and its time
        to leave the site (expires_at), if any, has not."""
        now = timezone.now()
        return self.filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now),
            status=self.model.Status.PUBLISHED,
            published_at__lte=now,
        )

    def for_listing(self):
        """What a list of articles shows: ordered authors and the lead image with its
        renditions (the thumbnail, a feed's enclosure), in one query.

        The bylines and the lead image's renditions are read with each row (JSON
        aggregates) and put where ``prefetch_related("article_authors__author",
        "lead_image__renditions")`` would have put them: two queries and the prefetch
        machinery's model instances fewer a page.
        """
        listing = (
            self.defer(*LISTING_UNSHOWN)
            .select_related("lead_image")
            .annotate(
                listing_bylines=RawSQL(BYLINES, (), models.Field()),
                listing_renditions=RawSQL(RENDITIONS, (), models.Field()),
            )
            .order_by("-published_at", "-id")
        )
        listing._iterable_class = WithBylines
        return listing


# Columns no list shows; the search vector alone is about 5 kB a row, ten as text.
LISTING_UNSHOWN = (
    "search_vector",
    "search_head",
    "internal_note",
    "term_ids",
    "author_ids",
    "tag_ids",
    "body_section_ids",
    "body_section_titles",
    # The editorial bookkeeping: each timestamp is parsed in Python (Django's loader).
    "created_at",
    "modified_at",
    "created_by",
    "modified_by",
    "assignee",
    "lock_version",
    "lead_image__uploaded_at",
    "lead_image__uploaded_by",
)

# The byline of the outer row (Django's alias of a query's base table is its name), in
# the ArticleAuthor model's order.
BYLINES = """SELECT json_agg(json_build_array(l.id, l.position, a.id, a.name, a.slug)
    ORDER BY l.position, l.id) FROM articles_articleauthor l
    JOIN articles_author a ON a.id = l.author_id WHERE l.article_id = articles_article.id"""


# The renditions of the outer row's lead image (none: NULL), every column of the model.
RENDITIONS = """SELECT json_agg(json_build_array(r.id, r.spec, r.focal_key, r.file, r.width,
    r.height, r.file_size, r.render_ms, r.created_at) ORDER BY r.id)
    FROM media_rendition r WHERE r.image_id = articles_article.lead_image_id"""
RENDITION_FIELDS = ("id", "image_id", "spec", "focal_key", "file", "width", "height")
RENDITION_FIELDS += ("file_size", "render_ms", "created_at")


class WithBylines(ModelIterable):
    """Articles with their ``article_authors`` prefetched from ``listing_bylines``
    (``byline_links``), and their lead image's ``renditions`` from
    ``listing_renditions``."""

    def __iter__(self):
        from .models import ArticleAuthor  # the models import this module

        for article in super().__iter__():
            links = byline_links(article, article.listing_bylines)
            cache = article.__dict__.setdefault("_prefetched_objects_cache", {})
            cache["article_authors"] = evaluated(ArticleAuthor, links)
            lead_image_renditions(article, article.listing_renditions)
            yield article


def lead_image_renditions(article, rows):
    """Put the renditions of ``RENDITIONS``'s rows where ``prefetch_related(
    "lead_image__renditions")`` would have put them (the lead image: select_related)."""
    from .media.models import Rendition

    image = article.lead_image
    if image is None:
        return
    db = image._state.db
    made = []
    for pk, *columns, created_at in rows or ():
        values = (pk, image.pk, *columns, datetime.fromisoformat(created_at))
        rendition = Rendition.from_db(db, RENDITION_FIELDS, values)
        rendition.image = image
        made.append(rendition)
    cache = image.__dict__.setdefault("_prefetched_objects_cache", {})
    cache["renditions"] = evaluated(Rendition, made)


def byline_links(article, rows):
    """The article's ArticleAuthor links, each with its author, from the rows of
    ``BYLINES`` (None: no author); made as the database would load them with only
    these columns (the others are deferred: read on first use, never a silent blank)."""
    from .models import ArticleAuthor, Author

    db = article._state.db
    links = []
    for link_id, position, author_id, name, slug in rows or ():
        link = ArticleAuthor.from_db(db, LINK_FIELDS, (link_id, article.pk, author_id, position))
        link.author = Author.from_db(db, AUTHOR_FIELDS, (author_id, name, slug))
        links.append(link)
    return links


LINK_FIELDS = ("id", "article_id", "author_id", "position")
AUTHOR_FIELDS = ("id", "name", "slug")


def evaluated(model, items):
    """A queryset already evaluated, as prefetch_related() leaves one."""
    queryset = model._default_manager.all()
    queryset._result_cache = items
    queryset._prefetch_done = True
    return queryset


class ArticleAuthorQuerySet(models.QuerySet):
    def get_by_natural_key(self, article_slug, author_slug):
        return self.get(article__slug=article_slug, author__slug=author_slug)


class TaggedArticleQuerySet(models.QuerySet):
    def get_by_natural_key(self, article_slug, tag_name):
        return self.get(content_object__slug=article_slug, tag__name=tag_name)


class UpdateQuerySet(models.QuerySet):
    def get_by_natural_key(self, article_slug, order):
        return self.get(article__slug=article_slug, order=order)
