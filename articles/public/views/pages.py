"""Static pages (About, Methodology, Corrections policy, Contact) and the page of feeds."""

from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, TemplateView

from ...models import Page
from ...pagecache import tags as page_tags
from ...pagecache.pages import cache_public_page


@cache_public_page
class PageView(DetailView):
    """``/<slug>/``: a static page edited in the admin (its body sanitised on save)."""

    template_name = "articles/page_detail.html"
    context_object_name = "page"

    def get_object(self, queryset=None):
        page = get_object_or_404(Page, slug=self.kwargs["slug"])
        page_tags.add(page_tags.page(page.pk))
        return page


@cache_public_page
class FeedListView(TemplateView):
    """`/feeds/`: what the menu's "Feeds" opens: the feeds, explained, instead of raw XML."""

    template_name = "articles/feed_list.html"
