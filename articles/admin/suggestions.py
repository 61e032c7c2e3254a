"""Term suggestions on the article form: the terms whose names or aliases occur in the
title, standfirst or body, offered under the terms field, one click to add each.

The matching and the order are taxonomy's (taxonomy/suggestions.py); this module is the
form's side: the panel under the terms picker (TermSuggestionsSelect), and the endpoint
it asks as the editor types (``suggest_terms_view``, POST, JSON). Nothing is saved
here: static/articles/term-suggestions.js puts a chosen term into the terms field, and
the editor's own save keeps it.
"""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.db import DataError, transaction
from django.http import JsonResponse
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from taxonomy.suggestions import Suggestion, suggest_terms

from ..models.articles import SEARCH_CONFIG

# The texts suggestions are read from, most important first (the ranking's order).
TEXTS = [("title", "the title"), ("standfirst", "the standfirst"), ("body", "the body")]
SUGGESTIONS_SHOWN = 12


class TermIdsField(forms.Field):
    """Term ids posted as repeated values (``chosen=3&chosen=7``)."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"invalid": "“chosen” must list term ids (whole numbers)."}

    def to_python(self, value):
        try:
            return {int(v) for v in value or ()}
        except (TypeError, ValueError) as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error


class SuggestionRequestForm(forms.Form):
    """What the form sends: its texts as they are now, and the terms it has already."""

    title = forms.CharField(required=False, strip=False, max_length=1_000)
    standfirst = forms.CharField(required=False, strip=False, max_length=10_000)
    body = forms.CharField(required=False, strip=False, max_length=500_000)
    chosen = TermIdsField(required=False)


def reason(suggestion: Suggestion) -> str:
    """Why a term is suggested: “in the title, 3× in the body”."""
    places = []
    for (_, where), count in zip(TEXTS, suggestion.counts, strict=True):
        if count:
            places.append(f"{count}× in {where}" if count > 1 else f"in {where}")
    return ", ".join(places)


def as_json(suggestion: Suggestion) -> dict:
    return {
        "id": suggestion.term_id,
        "name": suggestion.name,
        "vocabulary": suggestion.vocabulary,
        "path": suggestion.path,
        "label": suggestion.label,
        "counts": dict(zip([name for name, _ in TEXTS], suggestion.counts, strict=True)),
        "matched": list(suggestion.matched),
        "reason": reason(suggestion),
    }


def _error(message, status):
    return JsonResponse({"error": message}, status=status)


class TermSuggestionsSelect(AutocompleteSelectMultiple):
    """The terms picker, with the suggestions panel under it (filled by its script)."""

    template = "admin/articles/article/term_suggestions.html"

    def render(self, name, value, attrs=None, renderer=None):
        picker = super().render(name, value, attrs, renderer)
        panel = render_to_string(
            self.template,
            {
                "for_id": (attrs or {}).get("id") or f"id_{name}",
                "url": reverse(f"{self.admin_site.name}:articles_article_suggest_terms"),
            },
        )
        return picker + panel

    @property
    def media(self):
        return super().media + forms.Media(
            js=["articles/term-suggestions.js"],
            css={"screen": ["articles/term-suggestions.css"]},
        )


class TermSuggestionsMixin:
    """The article admin's terms field with suggestions, and their endpoint."""

    def get_urls(self):
        return [
            path(
                "suggest-terms/",
                self.admin_site.admin_view(require_POST(self.suggest_terms_view)),
                name="articles_article_suggest_terms",
            ),
            *super().get_urls(),
        ]

    def terms_widget(self, db_field):
        return TermSuggestionsSelect(db_field, self.admin_site)

    def suggest_terms_view(self, request):
        """The terms found in the posted texts, best first, as JSON.

        For whoever may write or edit articles (the staff login and the CSRF token are
        the admin's). A refusal or bad input is answered with ``{"error": ...}``.
        """
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            return _error("You may not write or edit articles.", 403)
        form = SuggestionRequestForm(request.POST)
        if not form.is_valid():
            first = next(iter(form.errors.items()))
            return _error(f"{first[0]}: {' '.join(first[1])}", 400)
        data = form.cleaned_data
        try:
            with transaction.atomic():  # a refused text leaves the request's transaction usable
                found = suggest_terms(
                    [data[name] for name, _ in TEXTS],
                    config=SEARCH_CONFIG,
                    exclude=data["chosen"],
                    limit=SUGGESTIONS_SHOWN,
                )
        except DataError as error:  # PostgreSQL refused the text (a tsvector too large)
            return _error(f"This text cannot be read for suggestions: {error}", 400)
        return JsonResponse({"suggestions": [as_json(s) for s in found]})
