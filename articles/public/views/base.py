"""What every public list shares: the publication gate and forgiving pagination."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator

from ...models import Article
from ..text import printable


class CountedPaginator(Paginator):
    def __init__(self, *args, count, **kwargs):
        super().__init__(*args, **kwargs)
        self.count = count  # shadows the cached_property that would run COUNT(*)


class PublishedArticlesMixin:
    """Every public view starts from Article.objects.published()."""

    paginate_by = 20

    def published_articles(self):
        return Article.objects.published().for_listing()

    def paginate_queryset(self, queryset, page_size):
        """A bad or out-of-range page shows page 1 or the last page, with a notice."""
        paginator = self.get_paginator(queryset, page_size)
        raw = self.request.GET.get("page") or 1
        try:
            page = paginator.page(raw)
        except PageNotAnInteger:
            self.page_notice = f"Page “{printable(raw)}” is not a page number: showing page 1."
            page = paginator.page(1)
        except EmptyPage:
            last = paginator.num_pages
            self.page_notice = f"There is no page {printable(raw)}: showing page {last}."
            page = paginator.page(last)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_notice"] = getattr(self, "page_notice", None)
        return context
