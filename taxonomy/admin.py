from django import forms
from django.contrib import admin
from django.contrib.postgres.forms import SimpleArrayField
from django.db.models import Func, Q, TextField, Value

from .models import Term, Vocabulary


class TermAdminForm(forms.ModelForm):
    aliases = SimpleArrayField(
        forms.CharField(max_length=200),
        delimiter="\n",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=Term._meta.get_field("aliases").help_text,
    )

    class Meta:
        model = Term
        fields = ["vocabulary", "name", "slug", "parent", "aliases", "scope_note"]

    def clean_aliases(self):
        return [alias.strip() for alias in self.cleaned_data["aliases"] if alias.strip()]


@admin.register(Vocabulary)
class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    form = TermAdminForm
    list_display = ["name", "vocabulary", "parent"]
    list_filter = ["vocabulary"]
    list_select_related = ["vocabulary", "parent"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]

    def get_search_results(self, request, queryset, search_term):
        """Match aliases too, so that “Keita” finds Ibrahim Boubacar Keïta."""
        base = queryset
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            alias_text = Func(
                "aliases", Value(" "), function="array_to_string", output_field=TextField()
            )
            by_alias = base.alias(alias_text=alias_text).filter(
                Q(alias_text__icontains=search_term.strip())
            )
            queryset = queryset | by_alias
        return queryset, may_have_duplicates
