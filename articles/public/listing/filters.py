"""The public listing's filters: one FilterSet drives `/`.

A value that cannot be used (an unknown term, a date that does not exist, a
page past the end) is ignored and reported in ``notices``; the rest of the
filters still apply. Nothing a reader types reaches the database unchecked.
"""

import re
from functools import partial

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Exists, F, OuterRef
from taggit.models import Tag

from taxonomy.index import TermIndex, fold

from ...models import ArticleAuthor, Author, TaggedArticle, Update
from ..text import printable

SEARCH_CONFIG = "english_unaccent"
MAX_QUERY_LENGTH = 200
MAX_VALUES = 20
SLUG_RE = re.compile(r"^[-\w]{1,100}$")

SORT_CHOICES = [("newest", "Newest first"), ("oldest", "Oldest first"), ("relevance", "Relevance")]


def search_query(text):
    return SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)


class SlugListField(forms.Field):
    """Several slugs from repeated parameters (?places=mali&places=gao)."""

    widget = forms.SelectMultiple

    def to_python(self, value):
        if not value:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        return [str(v).strip() for v in values if str(v).strip()][:MAX_VALUES]


class SlugListFilter(django_filters.Filter):
    field_class = SlugListField


class IntegerFilter(django_filters.Filter):
    field_class = forms.IntegerField


class ArticleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_search", label="Search", max_length=MAX_QUERY_LENGTH
    )
    author = SlugListFilter(method="filter_author", label="Authors")
    tag = SlugListFilter(method="filter_tag", label="Tags")
    date_from = django_filters.DateFilter(
        field_name="published_at", lookup_expr="date__gte", label="From"
    )
    date_to = django_filters.DateFilter(
        field_name="published_at", lookup_expr="date__lte", label="To"
    )
    year = IntegerFilter(
        field_name="published_at", lookup_expr="year", min_value=1900, max_value=2100, label="Year"
    )
    month = IntegerFilter(
        field_name="published_at", lookup_expr="month", min_value=1, max_value=12, label="Month"
    )
    has_updates = django_filters.BooleanFilter(
        method="filter_has_updates", widget=forms.CheckboxInput, label="Has updates"
    )
    has_corrections = django_filters.BooleanFilter(
        method="filter_has_corrections", widget=forms.CheckboxInput, label="Has corrections"
    )
    sort = django_filters.ChoiceFilter(
        choices=SORT_CHOICES, method="filter_noop", empty_label=None, label="Sort by"
    )

    #: Parameters that are not filters but are understood (so not reported as unknown).
    OTHER_PARAMETERS = {"page"}

    def __init__(self, *args, term_index=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.term_index = term_index or TermIndex.load()
        self.vocabulary_filters = []
        for vocabulary in self.term_index.vocabularies:
            name = vocabulary.slug
            self.filters[name] = SlugListFilter(
                field_name=name,
                method=partial(self.filter_vocabulary, vocabulary=vocabulary),
                label=vocabulary.name,
            )
            self.filters[name].parent = self
            self.filters[name].model = self.queryset.model
            self.vocabulary_filters.append((name, vocabulary))
        self._notices = {}
        self._resolved = {}
        self.selected = {}  # filter name -> [objects picked]

    # -- the filters -------------------------------------------------------
    def filter_noop(self, queryset, name, value):
        return queryset

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(search_vector=search_query(value))

    def filter_vocabulary(self, queryset, name, value, *, vocabulary):
        terms = []
        for slug in value:
            term = self.term_index.get(vocabulary.slug, slug)
            if term is None:
                # A name typed into the picker: accept a name, alias or near spelling.
                term = self.term_index.find(vocabulary.slug, slug)
                if term is not None and fold(term.name) != fold(slug):
                    self.notice(f"{name}:{slug}", f"Showing {term.name} for “{printable(slug)}”.")
            if term is None:
                self.notice(
                    name, f"No {vocabulary.name.lower()} term “{printable(slug)}”: ignored."
                )
            elif term not in terms:
                terms.append(term)
        self.selected[name] = terms
        if not terms:
            return queryset
        # term_ids holds each article's terms with all their broader terms,
        # so overlap finds articles classified under a term or anything below it.
        return queryset.filter(term_ids__overlap=[term.pk for term in terms])

    def filter_author(self, queryset, name, value):
        authors = self._resolve(name, value, Author.objects)
        self._report_unknown(name, "author", value, {a.slug for a in authors})
        self.selected[name] = authors
        if not authors:
            return queryset
        links = ArticleAuthor.objects.filter(article=OuterRef("pk"), author__in=authors)
        return queryset.filter(Exists(links))

    def filter_tag(self, queryset, name, value):
        tags = self._resolve(name, value, Tag.objects)
        self._report_unknown(name, "tag", value, {t.slug for t in tags})
        self.selected[name] = tags
        if not tags:
            return queryset
        tagged = TaggedArticle.objects.filter(content_object=OuterRef("pk"), tag__in=tags)
        return queryset.filter(Exists(tagged))

    def _resolve(self, name, slugs, manager):
        """Objects for the slugs, looked up once however often the filter runs."""
        key = (name, tuple(slugs))
        if key not in self._resolved:
            valid = [slug for slug in slugs if SLUG_RE.match(slug)]
            self._resolved[key] = list(manager.filter(slug__in=valid)) if valid else []
        return self._resolved[key]

    def filter_has_updates(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Exists(Update.objects.filter(article=OuterRef("pk"))))

    def filter_has_corrections(self, queryset, name, value):
        if not value:
            return queryset
        corrections = Update.objects.filter(article=OuterRef("pk"), kind=Update.Kind.CORRECTION)
        return queryset.filter(Exists(corrections))

    # -- applying them -----------------------------------------------------
    def filter_queryset(self, queryset):
        return self.order(self.filtered(queryset))

    def filtered(self, queryset=None, *, skip=()):
        """The queryset with every valid filter applied except those named in ``skip``."""
        queryset = self.queryset.all() if queryset is None else queryset
        for name, value in self.form.cleaned_data.items():
            if name not in skip:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    @property
    def search_text(self):
        return (self.form.cleaned_data.get("q") or "").strip() if self.is_bound else ""

    @property
    def sort_order(self):
        sort = self.form.cleaned_data.get("sort") or "newest"
        if sort == "relevance" and not self.search_text:
            return "newest"
        return sort

    def order(self, queryset):
        if self.sort_order == "oldest":
            return queryset.order_by("published_at", "id")
        if self.sort_order == "relevance":
            # Rank on title and standfirst (a small stored vector): ranking the
            # full text would read every matching article's whole vector.
            rank = SearchRank(F("search_head"), search_query(self.search_text))
            return queryset.annotate(rank=rank).order_by("-rank", "-published_at", "-id")
        return queryset.order_by("-published_at", "-id")

    # -- what the reader is told -------------------------------------------
    def notice(self, key, message):
        self._notices.setdefault(key, message)

    def _report_unknown(self, name, what, asked, found):
        for slug in asked:
            if slug not in found:
                self.notice(name, f"No {what} “{printable(slug)}”: ignored.")

    @property
    def notices(self):
        self.is_valid()  # validate first
        messages = []
        for name, errors in self.form.errors.items():
            label = self.filters[name].label or name if name in self.filters else name
            raw = printable(self.data.get(name, ""))
            messages.append(f"{label} “{raw}” was ignored: {' '.join(errors)}")
        asked = self.data.get("sort") or "newest"
        if self.sort_order != asked and "sort" not in self.form.errors:
            messages.append("Relevance needs a search: sorted by newest first.")
        unknown = set(self.data) - set(self.filters) - self.OTHER_PARAMETERS
        messages.extend(
            f"Unknown parameter “{printable(p)}” was ignored." for p in sorted(unknown)
        )
        return messages + list(self._notices.values())
