"""RSS 2.0 and Atom feeds: all articles, and each term, author and tag.

What is HTML where: readers decode an RSS description (the channel's and each item's)
and an Atom summary (type="html") as HTML, so the plain text sent there (a standfirst,
a term's, author's or tag's name) is HTML-escaped first: markup typed into it shows as
typed, never runs. Titles, names and the Atom subtitle are text fields, sent as they are
(the XML writer escapes them once, for XML).

Valid Atom (RFC 4287) and RSS 2.0: entry ids (and RSS guids) are tag: URIs made of
``settings.FEED_TAG_AUTHORITY`` and the article's id, so they never change with its
slug, title or address; the feed names the site as its author (entries name their
bylines too); each entry's categories are its terms and tags. Readers who open the
menu's "Feeds" get ``/feeds/``, a page that explains them, not the XML.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.syndication.views import Feed
from django.db.models import BigIntegerField, TextField
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape

from taxonomy.models import Term

from ..media.renditions import renditions
from ..models import Article
from ..pagecache import tags as page_tags
from .corrections import published_corrections
from .views.addresses import term_moved
from .visible import published_authors, published_tags

FEED_LENGTH = 30

# An item's categories: its terms (in vocabulary order, then by name), then its tags,
# as names read with the article's row. Prefetching them made three hundred model
# instances a feed, most of its time. Refers to the outer row by its table name, the
# alias Django gives a query's base table; "C": Python's order of names, by code point.
CATEGORIES = RawSQL(
    """ARRAY(SELECT t.name FROM articles_article_terms at
        JOIN taxonomy_term t ON t.id = at.term_id
        JOIN taxonomy_vocabulary v ON v.id = t.vocabulary_id
        WHERE at.article_id = articles_article.id ORDER BY v.position, t.name COLLATE "C")
    || ARRAY(SELECT g.name FROM articles_taggedarticle ta JOIN taggit_tag g ON g.id = ta.tag_id
        WHERE ta.content_object_id = articles_article.id ORDER BY g.id)""",
    (),
    output_field=ArrayField(TextField()),
)
# Whose names those are, for the page cache's tags.
CATEGORY_TERMS = RawSQL(
    "ARRAY(SELECT at.term_id FROM articles_article_terms at"
    " WHERE at.article_id = articles_article.id)",
    (),
    output_field=ArrayField(BigIntegerField()),
)
CATEGORY_TAGS = RawSQL(
    "ARRAY(SELECT ta.tag_id FROM articles_taggedarticle ta"
    " WHERE ta.content_object_id = articles_article.id)",
    (),
    output_field=ArrayField(BigIntegerField()),
)


def tag_uri(kind: str, pk) -> str:
    """``tag:saheldesk.example,2026:article:5`` (RFC 4151): stable whatever the address."""
    return f"tag:{settings.FEED_TAG_AUTHORITY}:{kind}:{pk}"


class ArticleFeed(Feed):
    feed_type = Rss201rev2Feed
    title = settings.SITE_NAME
    author_name = settings.SITE_NAME  # the feed's author: every entry has one (RFC 4287 4.1.1)

    def about(self, obj=None):
        """What the feed is about, as plain text."""
        return "Analysis of security, peacekeeping and policy in Mali and the Sahel."

    def description(self, obj=None):
        return escape(self.about(obj))

    def link(self, obj=None):
        return obj.get_absolute_url() if obj is not None else "/"

    def articles(self, obj):
        return (
            Article.objects.published()
            .for_listing()
            .annotate(
                categories=CATEGORIES, category_terms=CATEGORY_TERMS, category_tags=CATEGORY_TAGS
            )
        )

    def items(self, obj=None):
        items = list(self.articles(obj)[:FEED_LENGTH])
        page_tags.add(*self.cache_tags(obj))
        page_tags.add_articles(items)
        # The names its categories show: a renamed term or tag makes it stale.
        page_tags.add(
            *{page_tags.name("term", pk) for item in items for pk in item.category_terms},
            *{page_tags.name("tag", pk) for item in items for pk in item.category_tags},
        )
        return items

    def cache_tags(self, obj):
        """What the feed lists, for the page cache (pagecache/tags.py)."""
        return [page_tags.FEED]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return escape(item.summary)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at or item.published_at

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.ordered_authors) or None

    def item_enclosures(self, item):
        """The lead image, 960 pixels wide (a JPEG every reader shows)."""
        if item.lead_image is None:
            return []
        picture = renditions(item.lead_image, ["w960.jpeg"])["w960.jpeg"]
        return [Enclosure(picture.url, str(picture.file_size), "image/jpeg")]

    def get_feed(self, obj, request):
        """The feed, its enclosures' URLs made absolute (local media URLs are paths)."""
        feed = super().get_feed(obj, request)
        for item in feed.items:
            for enclosure in item["enclosures"]:
                enclosure.url = request.build_absolute_uri(enclosure.url)
        return feed

    def item_guid(self, item):
        return tag_uri("article", item.pk)

    item_guid_is_permalink = False

    def item_categories(self, item):
        return item.categories


class AtomMixin:
    feed_type = Atom1Feed

    def subtitle(self, obj=None):
        return self.about(obj)  # a text construct: not escaped for HTML


class AtomArticleFeed(AtomMixin, ArticleFeed):
    pass


class TermFeed(ArticleFeed):
    url_name = "articles:term_rss"

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except Http404:
            # A merged term's feed: 301 to the kept term's (or Http404 again).
            return term_moved(request, **kwargs, url_name=self.url_name)

    def get_object(self, request, vocabulary, slug):
        return get_object_or_404(
            Term.objects.select_related("vocabulary"), vocabulary__slug=vocabulary, slug=slug
        )

    def title(self, obj):
        return f"Sahel Desk: {obj.name}"

    def about(self, obj):
        return f"Articles about {obj.name} ({obj.vocabulary.name.lower()})."

    def articles(self, obj):
        return super().articles(obj).filter(term_ids__contains=[obj.pk])

    def cache_tags(self, obj):
        return [page_tags.term(obj.pk), page_tags.name("vocabulary", obj.vocabulary_id)]


class AtomTermFeed(AtomMixin, TermFeed):
    url_name = "articles:term_atom"


class AuthorFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(published_authors(), slug=slug)

    def title(self, obj):
        return f"Sahel Desk: {obj.name}"

    def about(self, obj):
        return f"Articles by {obj.name}."

    def articles(self, obj):
        return super().articles(obj).filter(authors=obj)

    def cache_tags(self, obj):
        return [page_tags.author(obj.pk), page_tags.name("author", obj.pk)]


class AtomAuthorFeed(AtomMixin, AuthorFeed):
    pass


class TagFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(published_tags(), slug=slug)

    def title(self, obj):
        return f"Sahel Desk: tagged “{obj.name}”"

    def about(self, obj):
        return f"Articles tagged “{obj.name}”."

    def link(self, obj=None):
        return reverse("articles:tag", kwargs={"slug": obj.slug})

    def articles(self, obj):
        return super().articles(obj).filter(tags=obj)

    def cache_tags(self, obj):
        return [page_tags.tag(obj.pk), page_tags.name("tag", obj.pk)]


class AtomTagFeed(AtomMixin, TagFeed):
    pass


class CorrectionFeed(ArticleFeed):
    """Every published correction and retraction (``/corrections/``), newest first."""

    title = f"{settings.SITE_NAME}: corrections"

    def about(self, obj=None):
        return "Corrections and retractions of our articles, newest first."

    def link(self, obj=None):
        return reverse("articles:corrections")

    def items(self, obj=None):
        items = list(published_corrections()[:FEED_LENGTH])
        page_tags.add(page_tags.CORRECTIONS, *(page_tags.article(u.article_id) for u in items))
        return items

    def item_title(self, item):
        kind = "Retraction" if item.is_retracted else item.get_kind_display()
        return f"{kind}: {item.article.title}"

    def item_link(self, item):
        return f"{item.article.get_absolute_url()}#update-{item.order}"

    def item_description(self, item):
        if item.is_retracted:
            text = (
                f"Retracted on {item.retracted_at:%-d %B %Y}: {item.retraction_reason} "
                f"(It read: {item.plain_text})"
            )
        else:
            text = item.plain_text
        return escape(text)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.listed_at

    def item_author_name(self, item):
        return None  # the feed's author: the newsroom corrects

    def item_enclosures(self, item):
        return []  # a correction has no picture of its own (an article's is its lead image)

    def item_guid(self, item):
        return tag_uri("correction", item.pk)

    def item_categories(self, item):
        return ["Retraction" if item.is_retracted else item.get_kind_display()]


class AtomCorrectionFeed(AtomMixin, CorrectionFeed):
    pass
