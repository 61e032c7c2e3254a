"""The article list's filters."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.db.models import Exists, OuterRef
from django.utils import timezone

from taxonomy.models import Term
from taxonomy.pickers import term_label

from ..models import Article, Update


class StatusFilter(admin.SimpleListFilter):
    """The statuses, with scheduled articles apart from those already live."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("review", "In review"),
            ("scheduled", "Scheduled"),
            ("live", "Published (live)"),
            ("leaving", "Set to leave the site"),
            ("withdrawn", "Withdrawn"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        published = queryset.filter(status=Article.Status.PUBLISHED)
        match self.value():
            case "scheduled":
                return published.filter(published_at__gt=now)
            case "live":
                return published.filter(published_at__lte=now)
            case "leaving":
                return published.filter(expires_at__gt=now)
            case None:
                return queryset
            case value:
                return queryset.filter(status=value)


class HasCorrectionsFilter(admin.SimpleListFilter):
    title = "corrections"
    parameter_name = "has_corrections"

    def lookups(self, request, model_admin):
        return [("yes", "Has corrections"), ("no", "No corrections")]

    def queryset(self, request, queryset):
        corrections = Update.objects.filter(article=OuterRef("pk"), kind=Update.Kind.CORRECTION)
        if self.value() == "yes":
            return queryset.filter(Exists(corrections))
        if self.value() == "no":
            return queryset.filter(~Exists(corrections))
        return queryset


class TermFilter(admin.SimpleListFilter):
    """One term, found by typing (the admin's autocomplete, “Places › Mali › Gao”), instead
    of a list of every term of every vocabulary; a term also finds its narrower terms.

    A value that is not a term's id is ignored (the list is shown whole).
    """

    title = "term"
    parameter_name = "term"
    template = "admin/articles/article/term_filter.html"

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        # The other filters and the search, kept when a term is picked.
        self.kept = [
            (name, value)
            for name, values in request.GET.lists()
            if name not in (self.parameter_name, "p")
            for value in values
        ]
        field = forms.ModelChoiceField(
            queryset=Term.objects.with_paths(),
            required=False,
            widget=AutocompleteSelect(
                Article._meta.get_field("terms"),
                model_admin.admin_site,
                attrs={"id": "term-filter", "data-placeholder": "Type to find a term"},
            ),
        )
        field.label_from_instance = term_label
        self.picker = field.widget.render(self.parameter_name, self.term_id())

    def term_id(self):
        value = self.value() or ""
        return int(value) if value.isdigit() and len(value) < 10 else None

    def has_output(self):
        return True

    def lookups(self, request, model_admin):
        return []

    def queryset(self, request, queryset):
        if self.term_id() is None:
            return queryset
        ids = Term.descendant_ids([self.term_id()])
        return queryset.filter(
            Exists(Article.terms.through.objects.filter(article=OuterRef("pk"), term__in=ids))
        )
