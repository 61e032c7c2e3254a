"""The public listing's parameters, declared once: one FilterSet validates `/`.

The FilterSet only validates and cleans (its form gives labels, widgets and
errors); it keeps nothing between calls and filters nothing itself.
``cleaning.listing_query`` turns its cleaned data into the immutable
``ListingQuery``, which does the filtering. Nothing a reader types reaches
the database unchecked.
"""

import django_filters
from django import forms

from ...models import Article
from .widgets import FacetWidget

MAX_QUERY_LENGTH = 200
MAX_VALUES = 20
SEARCH_PLACEHOLDER = "e.g. MINUSMA, “peace agreement”, Keïta -Bamako"
SORT_CHOICES = [("newest", "Newest first"), ("oldest", "Oldest first"), ("relevance", "Relevance")]


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


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Unlabelled, so without an id (False leaves the attribute out; "" would print id="").
HIDDEN = forms.HiddenInput(attrs={"id": False})


class ListingForm(forms.Form):
    """The listing's form: labels as the page shows them (the notices use the filters'
    shorter labels: "Search “…” was ignored")."""

    LABELS = {"q": "Search articles"}

    @property
    def facet_fields(self):
        """The facets with values to show, in the facets' order (the fields' order)."""
        return [
            field
            for field in self
            if isinstance(field.field.widget, FacetWidget) and field.field.widget.facet.values
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        for name, label in self.LABELS.items():
            self.fields[name].label = label


class ArticleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.SearchInput(attrs={"placeholder": SEARCH_PLACEHOLDER}),
    )
    author = SlugListFilter(label="Authors")
    tag = SlugListFilter(label="Tags")
    date_from = django_filters.DateFilter(
        field_name="published_at", lookup_expr="date__gte", label="From", widget=DATE
    )
    date_to = django_filters.DateFilter(
        field_name="published_at", lookup_expr="date__lte", label="To", widget=DATE
    )
    # Year and month come from the archive's links and are kept as hidden fields.
    year = IntegerFilter(
        field_name="published_at",
        lookup_expr="year",
        min_value=1900,
        max_value=2100,
        label="Year",
        widget=HIDDEN,
    )
    month = IntegerFilter(
        field_name="published_at",
        lookup_expr="month",
        min_value=1,
        max_value=12,
        label="Month",
        widget=HIDDEN,
    )
    has_updates = django_filters.BooleanFilter(widget=forms.CheckboxInput, label="Has updates")
    has_corrections = django_filters.BooleanFilter(
        widget=forms.CheckboxInput, label="Has corrections"
    )
    sort = django_filters.ChoiceFilter(
        choices=SORT_CHOICES,
        empty_label=None,
        label="Sort by",
        # The script leaves a default value out of the address, as the server does.
        widget=forms.Select(attrs={"data-default": "newest"}),
    )

    #: Parameters that are not filters but are understood (so not reported as unknown).
    OTHER_PARAMETERS = frozenset({"page"})

    class Meta:
        form = ListingForm

    def __init__(self, data=None, *, vocabularies, facets=(), **kwargs):
        """One more parameter per vocabulary (?places=...), named by its slug; ``facets``
        (to show the form) give their fields checkboxes with the values counted."""
        # It filters nothing (ListingQuery.articles does): a stray ``.qs`` is empty,
        # never a list of unpublished articles.
        super().__init__(data, queryset=Article.objects.none(), **kwargs)
        for vocabulary in vocabularies:
            self.filters[vocabulary.slug] = SlugListFilter(
                field_name=vocabulary.slug, label=vocabulary.name
            )
        for facet in facets:
            self.filters[facet.param].extra["widget"] = FacetWidget(facet)
