"""`/`: the listing, one request read top-down.

request.GET (an address with empty or default-valued parameters is first
redirected to one without them) → ``listing_query`` (the one immutable ListingQuery) → its facets
and count → its page of articles → snippets, suggestion and chips → template.
Filters, counts, facets and the page's ids come from the process's listing
index (``articles.listing_index``); only the page's articles, the search's
matching ids and the ranked candidates of a relevance order are read from PostgreSQL.
"""

from django.shortcuts import redirect, render
from django.views import View

from ...listing_index.store import current_index
from ...models import Article
from ...pagecache import tags as page_tags
from ...pagecache.pages import cache_public_page, cached_for_publication
from ..listing.address import clean_address
from ..listing.chips import chips_for
from ..listing.cleaning import listing_form, listing_query
from ..listing.indexed import IndexedListing
from ..listing.pages import CountedPaginator, nearest_page, pagination
from ..listing.search import SUGGEST_WHEN_FEWER_THAN, suggest
from ..listing.snippets import snippets
from .base import PublishedArticlesMixin


@cache_public_page
class ArticleListView(PublishedArticlesMixin, View):
    """`/`: the filtered listing with facets, chips, search snippets and suggestions."""

    template_name = "articles/article_list.html"

    def get(self, request):
        if (clean := clean_address(request.path, request.GET)) is not None:
            return redirect(clean)  # a form sent without JavaScript: its empty fields
        page_tags.add(page_tags.LISTING)  # every filter and search variant
        published = self.published_articles()
        index = current_index()
        query = listing_query(request.GET, term_index=index.term_index)
        listing = IndexedListing.of(query, index)
        # The facets count the results too: the paginator is told the count.
        total, facets = cached_for_publication(f"facets:{query.filter_key}", listing.facets)
        # Relevance: PostgreSQL ranks a bounded set of candidates (listing/ranking.py).
        results = listing.results(published)
        paginator = CountedPaginator(results, self.paginate_by, count=total)
        page, page_notice = nearest_page(paginator, query.page)
        articles = list(page.object_list)
        suggestion = None
        if query.text:
            typos = total < SUGGEST_WHEN_FEWER_THAN
            suggestion = suggest(query.text, Article.objects.published(), correct_typos=typos)
        context = {
            "query": query,
            "articles": articles,
            "total": total,
            "paginator": paginator,
            "page_obj": page,
            "is_paginated": page.has_other_pages(),
            "pagination": pagination(page, path=request.path, data=request.GET, sort=query.sort),
            "search_text": query.text,
            "snippets": snippets(articles, query.text),
            "suggestion": suggestion,
            "facets": facets,
            "has_additions": any(facet.has_additions for facet in facets),
            "chips": chips_for(query),
            "notices": [*query.notices, *filter(None, [page_notice])],
            "page_notice": page_notice,
            "form": listing_form(query, facets),
        }
        return render(request, self.template_name, context)
