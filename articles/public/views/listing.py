"""`/`: the listing."""

from django.urls import reverse
from django_filters.views import FilterView

from taxonomy.index import TermIndex

from ...models import Article
from ...pagecache.pages import cache_public_page, cached_for_publication
from ..listing.facets import build_facets
from ..listing.filters import ArticleFilter
from ..listing.search import SUGGEST_WHEN_FEWER_THAN, snippets, suggest
from .base import CountedPaginator, PublishedArticlesMixin


@cache_public_page
class ArticleListView(PublishedArticlesMixin, FilterView):
    """`/`: the filtered listing with facets, chips, search snippets and suggestions."""

    filterset_class = ArticleFilter
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    strict = False  # an invalid filter is ignored (with a notice), not the whole page

    def get_queryset(self):
        return self.published_articles()

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["data"] = self.request.GET  # always bound: no parameters is a valid state
        kwargs["term_index"] = self.term_index = TermIndex.load()
        return kwargs

    def get_paginator(self, queryset, per_page, **kwargs):
        # The facet query already counted the results: don't count them twice.
        return CountedPaginator(queryset, per_page, count=self.total, **kwargs)

    def get_context_data(self, **kwargs):
        filterset = self.filterset
        self.total, facets = cached_for_publication(
            f"facets:{self.filter_state()}", lambda: build_facets(filterset)
        )
        context = super().get_context_data(**kwargs)
        text = filterset.search_text
        page_articles = list(context["articles"])
        total = self.total
        context.update(
            articles=page_articles,
            total=total,
            search_text=text,
            snippets=snippets(page_articles, text),
            suggestion=(
                suggest(
                    text,
                    Article.objects.published(),
                    correct_typos=total < SUGGEST_WHEN_FEWER_THAN,
                )
                if text
                else None
            ),
            facets=facets,
            chips=self.chips(filterset),
            notices=[*filterset.notices, *filter(None, [context.get("page_notice")])],
            sort=filterset.sort_order,
            sort_choices=filterset.filters["sort"].extra["choices"],
        )
        return context

    def filter_state(self):
        """The query string without what does not change the result set (page, sort)."""
        params = self.request.GET.copy()
        for name in ("page", "sort"):
            params.pop(name, None)
        return "&".join(
            f"{key}={value}" for key in sorted(params) for value in sorted(params.getlist(key))
        )

    def chips(self, filterset):
        """The active filters, each with the address of this page without it."""
        params = self.request.GET
        chips = []

        def without(key, value=None):
            query = params.copy()
            query.pop("page", None)
            for name in list(query):  # the form's empty fields add nothing to keep
                kept = [v for v in query.getlist(name) if v.strip()]
                if kept:
                    query.setlist(name, kept)
                else:
                    query.pop(name)
            if value is None:
                query.pop(key, None)
            else:
                query.setlist(key, [v for v in query.getlist(key) if v != value])
            encoded = query.urlencode()
            return f"?{encoded}" if encoded else reverse("articles:list")

        if filterset.search_text:
            chips.append((f"Search: {filterset.search_text}", without("q")))
        for name, vocabulary in filterset.vocabulary_filters:
            for term in filterset.selected.get(name, []):
                chips.append((f"{vocabulary.name}: {term.name}", without(name, term.slug)))
        for author in filterset.selected.get("author", []):
            chips.append((f"Author: {author.name}", without("author", author.slug)))
        for tag in filterset.selected.get("tag", []):
            chips.append((f"Tag: {tag.name}", without("tag", tag.slug)))
        data = filterset.form.cleaned_data
        labels = {
            "date_from": "From",
            "date_to": "To",
            "year": "Year",
            "month": "Month",
        }
        for key, label in labels.items():
            if data.get(key):
                chips.append((f"{label}: {data[key]}", without(key)))
        if data.get("has_updates"):
            chips.append(("Has updates", without("has_updates")))
        if data.get("has_corrections"):
            chips.append(("Has corrections", without("has_corrections")))
        return chips
