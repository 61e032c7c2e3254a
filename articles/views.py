import json

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import BooleanField, Count, Prefetch, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import TruncMonth
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView
from taggit.models import Tag

from taxonomy.index import TermIndex
from taxonomy.models import Term, Vocabulary

from .cache import cache_public_page, cached_for_publication
from .facets import build_facets
from .filters import ArticleFilter, printable
from .models import Article, Author
from .search import SUGGEST_WHEN_FEWER_THAN, snippets, suggest


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


@cache_public_page
class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return (
            Article.objects.published()
            .for_listing()
            .prefetch_related(
                "updates",
                "tags",
                Prefetch("terms", queryset=Term.objects.select_related("vocabulary")),
            )
        )

    def get_context_data(self, **kwargs):
        article = self.object
        return super().get_context_data(
            related=article.related_articles(),
            json_ld=json_ld(self.request, article),
            canonical_url=self.request.build_absolute_uri(article.get_absolute_url()),
            **kwargs,
        )


def json_ld(request, article):
    """schema.org NewsArticle, escaped for a <script type="application/ld+json">."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "datePublished": article.published_at.isoformat(),
        "dateModified": (article.updated_at or article.published_at).isoformat(),
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": request.build_absolute_uri(author.get_absolute_url()),
            }
            for author in article.ordered_authors
        ],
        "about": [{"@type": "Thing", "name": term.name} for term in article.terms.all()],
        "keywords": [tag.name for tag in article.tags.all()],
    }
    if article.standfirst:
        data["description"] = article.standfirst
    corrections = [u for u in article.updates.all() if u.kind == u.Kind.CORRECTION]
    if corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "datePublished": c.published_at.isoformat(),
                "text": c.plain_text,
            }
            for c in corrections
        ]
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_json_script_escapes))


@cache_public_page
class AuthorDetailView(PublishedArticlesMixin, ListView):
    template_name = "articles/author_detail.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return self.published_articles().filter(authors=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


@cache_public_page
class VocabularyListView(ListView):
    template_name = "articles/vocabulary_list.html"
    context_object_name = "vocabularies"
    queryset = Vocabulary.objects.all()


@cache_public_page
class VocabularyDetailView(DetailView):
    """A vocabulary's terms as a tree, each with its number of published articles."""

    template_name = "articles/vocabulary_detail.html"
    context_object_name = "vocabulary"
    slug_url_kwarg = "vocabulary"
    queryset = Vocabulary.objects.all()

    def get_context_data(self, **kwargs):
        from .facets import term_counts

        counts = term_counts(Article.objects.published())
        terms = list(self.object.terms.order_by("name"))
        children = {}
        for term in terms:
            children.setdefault(term.parent_id, []).append(term)

        def walk(parent_id, depth):
            for term in children.get(parent_id, []):
                yield term, depth, counts.get(term.pk, 0)
                yield from walk(term.pk, depth + 1)

        return super().get_context_data(tree=list(walk(None, 0)), **kwargs)


@cache_public_page
class TermDetailView(PublishedArticlesMixin, ListView):
    template_name = "articles/term_detail.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.term = get_object_or_404(
            Term.objects.select_related("vocabulary"),
            vocabulary__slug=self.kwargs["vocabulary"],
            slug=self.kwargs["slug"],
        )
        return self.published_articles().filter(term_ids__contains=[self.term.pk])

    def get_context_data(self, **kwargs):
        index = TermIndex.load()
        term = index.by_id[self.term.pk]
        return super().get_context_data(
            term=self.term,
            breadcrumb=index.ancestors(term),
            children=sorted(
                (t for t in index.by_id.values() if t.parent_id == term.pk),
                key=lambda t: t.name,
            ),
            **kwargs,
        )


@cache_public_page
class TagDetailView(PublishedArticlesMixin, ListView):
    template_name = "articles/tag_detail.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return self.published_articles().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


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
        years = {}
        for row in months:
            years.setdefault(row["month"].year, []).append(row)
        return super().get_context_data(years=sorted(years.items(), reverse=True), **kwargs)


def term_lookup(request):
    """Forgiving term search for the filter form: name, alias or a near spelling."""
    from django.contrib.postgres.search import TrigramWordSimilarity

    text = printable(request.GET.get("q", ""), limit=100).strip()
    vocabulary = request.GET.get("vocabulary", "")
    if len(text) < 2:
        return JsonResponse({"results": []})
    terms = Term.objects.select_related("vocabulary")
    if vocabulary:
        terms = terms.filter(vocabulary__slug=vocabulary)
    alias_match = RawSQL(
        "EXISTS (SELECT 1 FROM unnest(taxonomy_term.aliases) AS a"
        " WHERE strpos(lower(unaccent(a)), lower(unaccent(%s))) > 0)",
        [text],
        output_field=BooleanField(),
    )
    terms = (
        terms.annotate(similarity=TrigramWordSimilarity(text, "name"), alias_match=alias_match)
        .filter(Q(name__unaccent__icontains=text) | Q(similarity__gt=0.4) | Q(alias_match=True))
        .order_by("-similarity", "name")[:10]
    )
    return JsonResponse(
        {
            "results": [
                {
                    "name": term.name,
                    "slug": term.slug,
                    "vocabulary": term.vocabulary.slug,
                    "url": term.get_absolute_url(),
                }
                for term in terms
            ]
        }
    )


def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /preview/", f"Sitemap: {sitemap}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


class ArticlePreviewView(ArticleDetailView):
    """A draft as readers will see it: the public page, for staff who may change articles.

    Any status, any date (an undated draft shows today's date, as if published now);
    never cached, never indexed.
    """

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
        return Article.objects.for_listing().prefetch_related(
            "updates",
            "tags",
            Prefetch("terms", queryset=Term.objects.select_related("vocabulary")),
        )

    def get_context_data(self, **kwargs):
        from django.utils import timezone

        if self.object.published_at is None:
            self.object.published_at = timezone.now()  # shown only, never saved
        return super().get_context_data(is_preview=True, **kwargs)
