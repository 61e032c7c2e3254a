from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from taxonomy.models import Term, Vocabulary

from .models import Article, Author


class PublishedArticlesMixin:
    """Every public view starts from Article.objects.published()."""

    paginate_by = 20

    def published_articles(self):
        return Article.objects.published().for_listing()


class ArticleListView(PublishedArticlesMixin, ListView):
    template_name = "articles/article_list.html"
    context_object_name = "articles"

    def get_queryset(self):
        return self.published_articles()


class ArticleDetailView(PublishedArticlesMixin, DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return self.published_articles().prefetch_related(
            "updates",
            "tags",
            Prefetch("terms", queryset=Term.objects.select_related("vocabulary")),
        )


class AuthorDetailView(PublishedArticlesMixin, ListView):
    template_name = "articles/author_detail.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return self.published_articles().filter(authors=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


class VocabularyDetailView(DetailView):
    template_name = "articles/vocabulary_detail.html"
    context_object_name = "vocabulary"
    slug_url_kwarg = "vocabulary"

    def get_queryset(self):
        return Vocabulary.objects.prefetch_related(
            Prefetch("terms", queryset=Term.objects.order_by("name"))
        )


class TermDetailView(PublishedArticlesMixin, ListView):
    template_name = "articles/term_detail.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.term = get_object_or_404(
            Term.objects.select_related("vocabulary", "parent"),
            vocabulary__slug=self.kwargs["vocabulary"],
            slug=self.kwargs["slug"],
        )
        term_ids = Term.descendant_ids([self.term.pk])
        return self.published_articles().filter(terms__in=term_ids).distinct()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            term=self.term, children=self.term.children.order_by("name"), **kwargs
        )


class TagDetailView(PublishedArticlesMixin, ListView):
    template_name = "articles/tag_detail.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return self.published_articles().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class ArticlePreviewView(DetailView):
    """A draft as readers will see it: the public template, for staff who may change articles.

    Any status, any date; never cached, never indexed.
    """

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def dispatch(self, request, *args, **kwargs):
        from django.contrib.auth.views import redirect_to_login
        from django.core.exceptions import PermissionDenied
        from django.utils.cache import patch_cache_control

        user = request.user
        if not (user.is_authenticated and user.is_staff):
            return redirect_to_login(request.get_full_path(), "admin:login")
        if not user.has_perm("articles.change_article"):
            raise PermissionDenied
        response = super().dispatch(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def get_queryset(self):
        from django.db.models import Prefetch

        from taxonomy.models import Term

        return Article.objects.for_listing().prefetch_related(
            "updates",
            "tags",
            Prefetch("terms", queryset=Term.objects.select_related("vocabulary")),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(is_preview=True, **kwargs)
