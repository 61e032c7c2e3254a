"""The listing's cleaned request: one immutable value that every later step reads.

``cleaning.listing_query`` builds a ``ListingQuery`` from ``request.GET``; the
results (``articles``), the facets, the chips and the pages are then functions
of it. Nothing is resolved twice: terms, authors and tags are held as objects,
and "every filter except this one" is another ``ListingQuery`` (``without``).
"""

from dataclasses import dataclass, field, replace
from datetime import date

from django.contrib.postgres.search import SearchRank
from django.db.models import Exists, F, OuterRef
from taggit.models import Tag

from taxonomy.index import TermIndex
from taxonomy.models import Term, Vocabulary

from ...models import ArticleAuthor, Author, TaggedArticle, Update
from .fulltext import search_query


@dataclass(frozen=True)
class Picked:
    """The terms picked in one vocabulary (several are OR-ed)."""

    vocabulary: Vocabulary
    terms: tuple[Term, ...] = ()

    @property
    def param(self):
        return self.vocabulary.slug


@dataclass(frozen=True)
class ListingQuery:
    """What the reader asked for, cleaned, with what was ignored and why."""

    vocabularies: tuple[Picked, ...] = ()  # one per vocabulary, in the index's order
    authors: tuple[Author, ...] = ()
    tags: tuple[Tag, ...] = ()
    text: str = ""
    date_from: date | None = None
    date_to: date | None = None
    year: int | None = None
    month: int | None = None
    has_updates: bool = False
    has_corrections: bool = False
    sort: str = "newest"  # what is applied: relevance only with a search
    page: int = 1
    notices: tuple[str, ...] = ()
    #: The request's parameters as given (key, values), for the chips' addresses.
    params: tuple[tuple[str, tuple[str, ...]], ...] = ()
    term_index: TermIndex | None = field(default=None, compare=False, repr=False, hash=False)

    # -- what is picked ----------------------------------------------------
    def picked(self, param):
        """The objects picked for a parameter (a vocabulary's slug, "author" or "tag")."""
        if param == "author":
            return self.authors
        if param == "tag":
            return self.tags
        return next((p.terms for p in self.vocabularies if p.param == param), ())

    def without(self, param):
        """The same query with one multi-valued filter dropped (for its facet)."""
        if param == "author":
            return replace(self, authors=())
        if param == "tag":
            return replace(self, tags=())
        return replace(
            self,
            vocabularies=tuple(
                Picked(p.vocabulary) if p.param == param else p for p in self.vocabularies
            ),
        )

    @property
    def filter_key(self):
        """A canonical text of the filters (not sort nor page): the facets' cache key."""
        parts = [
            f"q={self.text}",
            *(f"{p.param}={sorted(t.pk for t in p.terms)}" for p in self.vocabularies),
            f"author={sorted(a.pk for a in self.authors)}",
            f"tag={sorted(t.pk for t in self.tags)}",
            f"dates={self.date_from}..{self.date_to}",
            f"year={self.year}&month={self.month}",
            f"updates={self.has_updates}&corrections={self.has_corrections}",
        ]
        return "&".join(parts)

    # -- the results -------------------------------------------------------
    def articles(self, queryset):
        """The queryset filtered and ordered as asked."""
        return self.ordered(self.filtered(queryset))

    def filtered(self, queryset):
        if self.text:
            queryset = queryset.filter(search_vector=search_query(self.text))
        if self.authors:
            links = ArticleAuthor.objects.filter(article=OuterRef("pk"), author__in=self.authors)
            queryset = queryset.filter(Exists(links))
        if self.tags:
            tagged = TaggedArticle.objects.filter(content_object=OuterRef("pk"), tag__in=self.tags)
            queryset = queryset.filter(Exists(tagged))
        if self.date_from:
            queryset = queryset.filter(published_at__date__gte=self.date_from)
        if self.date_to:
            queryset = queryset.filter(published_at__date__lte=self.date_to)
        if self.year:
            queryset = queryset.filter(published_at__year=self.year)
        if self.month:
            queryset = queryset.filter(published_at__month=self.month)
        if self.has_updates:
            queryset = queryset.filter(Exists(Update.objects.filter(article=OuterRef("pk"))))
        if self.has_corrections:
            corrections = Update.objects.filter(
                article=OuterRef("pk"), kind=Update.Kind.CORRECTION
            )
            queryset = queryset.filter(Exists(corrections))
        for picked in self.vocabularies:
            if picked.terms:
                # term_ids holds each article's terms with all their broader terms,
                # so overlap finds articles classified under a term or anything below it.
                queryset = queryset.filter(term_ids__overlap=[term.pk for term in picked.terms])
        return queryset

    def ordered(self, queryset):
        if self.sort == "oldest":
            return queryset.order_by("published_at", "id")
        if self.sort == "relevance":
            # Rank on title and standfirst (a small stored vector): ranking the
            # full text would read every matching article's whole vector.
            rank = SearchRank(F("search_head"), search_query(self.text))
            return queryset.annotate(rank=rank).order_by("-rank", "-published_at", "-id")
        return queryset.order_by("-published_at", "-id")
