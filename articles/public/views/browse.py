"""Browsing: authors, vocabularies and their terms, tags, the archive."""

from django.db.models import BigIntegerField, Count
from django.db.models.expressions import RawSQL
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView

from taxonomy.index import TermIndex
from taxonomy.models import Term, Vocabulary

from ...listing_index.store import current_index, generation_sql
from ...models import Article
from ...pagecache import tags as page_tags
from ...pagecache.pages import cache_public_page
from ..listing.facets import term_counts
from ..visible import published_authors, published_tags
from .addresses import term_moved
from .base import PublishedArticlesMixin


@cache_public_page
class AuthorDetailView(PublishedArticlesMixin, ListView):
    template_name = "articles/author_detail.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.author = get_object_or_404(published_authors(), slug=self.kwargs["slug"])
        return self.articles_holding("authors", self.author.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(author=self.author, **kwargs)
        page_tags.add(page_tags.author(self.author.pk), page_tags.name("author", self.author.pk))
        page_tags.add_articles(context["object_list"])
        return context


@cache_public_page
class VocabularyListView(ListView):
    template_name = "articles/vocabulary_list.html"
    context_object_name = "vocabularies"
    queryset = Vocabulary.objects.all()

    def get_context_data(self, **kwargs):
        page_tags.add(page_tags.VOCABULARIES)
        return super().get_context_data(**kwargs)


@cache_public_page
class VocabularyDetailView(DetailView):
    """A vocabulary's terms as a tree, each with its number of published articles."""

    template_name = "articles/vocabulary_detail.html"
    context_object_name = "vocabulary"
    slug_url_kwarg = "vocabulary"
    queryset = Vocabulary.objects.all()

    def get_context_data(self, **kwargs):
        counts = term_counts(Article.objects.published())
        tree = self.object.terms.tree()
        rows = [(term, depth, counts.get(term.pk, 0)) for term, depth in tree.walk()]
        vocabulary = self.object.pk
        page_tags.add(page_tags.vocabulary(vocabulary), page_tags.name("vocabulary", vocabulary))
        return super().get_context_data(tree=rows, **kwargs)


@cache_public_page
class TermDetailView(PublishedArticlesMixin, ListView):
    template_name = "articles/term_detail.html"
    context_object_name = "articles"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # A merged term: 301 to the kept term's page (or Http404 again).
            return term_moved(request, **kwargs, url_name="articles:term")

    def get_queryset(self):
        self.term = get_object_or_404(
            # Read with the term: the listing index needs no query of its own.
            Term.objects.select_related("vocabulary").annotate(
                listing_generation=RawSQL(generation_sql(), (), BigIntegerField())
            ),
            vocabulary__slug=self.kwargs["vocabulary"],
            slug=self.kwargs["slug"],
        )
        self.index = current_index(generation=self.term.listing_generation)
        return self.articles_holding("terms", self.term.pk, index=self.index)

    def get_context_data(self, **kwargs):
        index = self.index.term_index  # the listing index's: no query
        if self.term.pk not in index.by_id:  # a term made since the index was read
            index = TermIndex.load()
        term = index.by_id[self.term.pk]
        context = super().get_context_data(
            term=self.term,
            breadcrumb=index.ancestors(term),
            children=index.tree.children(term),
            **kwargs,
        )
        # Its broader and narrower terms' changes bump term:<this one> (stale.term_tags).
        page_tags.add(page_tags.term(term.pk), page_tags.name("vocabulary", term.vocabulary_id))
        page_tags.add_articles(context["object_list"])
        return context


@cache_public_page
class TagDetailView(PublishedArticlesMixin, ListView):
    template_name = "articles/tag_detail.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.tag = get_object_or_404(published_tags(), slug=self.kwargs["slug"])
        return self.articles_holding("tags", self.tag.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(tag=self.tag, **kwargs)
        page_tags.add(page_tags.tag(self.tag.pk), page_tags.name("tag", self.tag.pk))
        page_tags.add_articles(context["object_list"])
        return context


@cache_public_page
class ArchiveView(TemplateView):
    """Years and months with their number of published articles."""

    template_name = "articles/archive.html"

    def get_context_data(self, **kwargs):
        months = (
            Article.objects.published()
            .annotate(month=TruncMonth("published_at"))
            .values("month")
            .annotate(count=Count("id"))
            .order_by("-month")
        )
        page_tags.add(page_tags.ARCHIVE)
        years = {}
        for row in months:
            years.setdefault(row["month"].year, []).append(row)
        return super().get_context_data(years=sorted(years.items(), reverse=True), **kwargs)
