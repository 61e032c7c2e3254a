"""The article list's filters."""

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.utils import timezone

from taxonomy.models import Term

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


def vocabulary_filter(vocabulary):
    """A list filter for one vocabulary's terms; a term also finds its narrower terms."""

    class VocabularyTermFilter(admin.SimpleListFilter):
        title = vocabulary.name
        parameter_name = f"term_{vocabulary.slug}"

        def lookups(self, request, model_admin):
            return [(str(t.pk), t.name) for t in vocabulary.terms.all()]

        def queryset(self, request, queryset):
            if not self.value() or not self.value().isdigit():
                return queryset
            ids = Term.descendant_ids([self.value()])
            return queryset.filter(
                Exists(Article.terms.through.objects.filter(article=OuterRef("pk"), term__in=ids))
            )

    return VocabularyTermFilter
