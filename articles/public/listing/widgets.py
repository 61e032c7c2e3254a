"""The listing form's facet widget: checkboxes with counts, and a term finder.

A facet field (a vocabulary, the authors, the tags) shows the values the
facets counted; its checkboxes are the form's own (Django's option inputs,
checked from the form's data), with ids that stay stable across requests
(``f-places-mali``) so a label, a test or a bookmark can point at one.
"""

from pathlib import Path

import django.forms
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe


class ListingFormRenderer(DjangoTemplates):
    """Django's form templates, plus the project's templates/ (for the facet widget)."""

    @cached_property
    def engine(self):
        dirs = [d for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
        django_forms = Path(django.forms.__file__).parent / "templates"
        options = {"APP_DIRS": True, "DIRS": [*dirs, django_forms], "OPTIONS": {}}
        return self.backend({**options, "NAME": "listingforms"})


class OptionInput:
    """The bare checkbox of ``django/forms/widgets/input.html``, written in Python.

    The facet template includes each option's ``template_name``; an include takes
    any object with a ``render(context)`` (a template, duck-typed), so the ~100
    checkboxes of a listing are formatted here instead of rendering two templates
    each (about a third of the listing's CPU time). The markup is byte for byte
    the template's (tests/articles/public/test_facet_widget.py compares them).
    """

    def render(self, context):
        option = context["widget"]
        attrs = "".join(
            f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
            for name, value in option["attrs"].items()
            if value is not False
        )
        value = "" if option["value"] is None else f' value="{escape(option["value"])}"'
        kind, name = escape(option["type"]), escape(option["name"])
        return mark_safe(f'<input type="{kind}" name="{name}"{value}{attrs}>\n')


OPTION_INPUT = OptionInput()


class FacetWidget(forms.CheckboxSelectMultiple):
    """One checkbox per facet value (label: name and count); a vocabulary's facet also
    gets a text field of the same name to type any other term into."""

    template_name = "includes/widgets/facet.html"
    option_template_name = "django/forms/widgets/input.html"  # the bare checkbox: label apart

    def __init__(self, facet, attrs=None):
        super().__init__(attrs, choices=[(value.value, value) for value in facet.values])
        self.facet = facet

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["attrs"]["id"] = f"f-{name}-{value}"
        option["template_name"] = OPTION_INPUT
        return option

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.facet.is_vocabulary:
            context["widget"]["finder"] = {
                "id": f"find-{name}",
                "label": f"Other {self.facet.label.lower()}",
                "lookup": f"{reverse('articles:term_lookup')}?vocabulary={name}",
            }
        return context
