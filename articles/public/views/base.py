"""What every public list shares: the publication gate, forgiving pagination with its
navigation, and addresses without empty or default-valued parameters."""

from django.shortcuts import redirect

from ...listing_index.store import current_index
from ...models import Article
from ..listing.address import clean_address
from ..listing.indexed import IndexedResults
from ..listing.pages import nearest_page, pagination, parse_page


class PublishedArticlesMixin:
    """Every public view starts from Article.objects.published()."""

    paginate_by = 20

    def get(self, request, *args, **kwargs):
        """``?page=1`` or ``?page=`` answer 302 to the address without it."""
        if (clean := clean_address(request.path, request.GET)) is not None:
            return redirect(clean)
        return super().get(request, *args, **kwargs)

    def published_articles(self):
        return Article.objects.published().for_listing()

    def articles_holding(self, postings_name, key, *, index=None):
        """The published articles of a term (with its narrower ones), an author or a
        tag, newest first, from the listing index (``index``, when the view has it):
        only the page's are read."""
        index = index or current_index()
        return IndexedResults.holding(postings_name, key, self.published_articles(), index=index)

    def get_context_data(self, **kwargs):
        """Pages as ListView's, but a bad or missing page shows page 1 or the last page,
        with ``page_notice`` saying so."""
        queryset = kwargs.pop("object_list", self.object_list)
        number, notice = parse_page(self.request.GET.get("page"))
        paginator = self.get_paginator(queryset, self.paginate_by)
        page, missing = nearest_page(paginator, number)
        return super().get_context_data(
            object_list=page.object_list,
            paginator=paginator,
            page_obj=page,
            is_paginated=page.has_other_pages(),
            pagination=pagination(page, path=self.request.path, data=self.request.GET),
            page_notice=notice or missing,
            **kwargs,
        )

    def get_paginate_by(self, queryset):
        return None  # paginated above: ListView's own pagination is off
