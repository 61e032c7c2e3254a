"""`/corrections/`: every published correction and retraction, newest first."""

from django.views.generic import ListView

from ...pagecache import tags as page_tags
from ...pagecache.pages import cache_public_page
from ..corrections import published_corrections
from .base import PublishedArticlesMixin


@cache_public_page
class CorrectionListView(PublishedArticlesMixin, ListView):
    """Each entry: its date, its article (a link to the correction on the article's page)
    and its text; a retraction says when and why. Only corrections of live articles
    (``published_corrections``: the publication gate)."""

    template_name = "articles/correction_list.html"
    context_object_name = "corrections"

    def get_queryset(self):
        return published_corrections()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page_tags.add(page_tags.CORRECTIONS)
        page_tags.add(*(page_tags.article(u.article_id) for u in context["object_list"]))
        return context
