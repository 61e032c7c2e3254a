"""The listing form's facet widget: checkboxes with counts, and a term finder.

A facet field (a vocabulary, the authors, the tags) shows the values the
facets counted, ticked as the query has them, with ids that stay stable across
requests (``f-places-mali``) so a label, a test, a bookmark or the script that
keeps the focus across an update can point at one.
"""

from pathlib import Path

import django.forms
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.urls import reverse
from django.utils.functional import cached_property


class ListingFormRenderer(DjangoTemplates):
    """Django's form templates, plus the project's templates/ (for the facet widget)."""

    @cached_property
    def engine(self):
        dirs = [d for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
        django_forms = Path(django.forms.__file__).parent / "templates"
        options = {"APP_DIRS": True, "DIRS": [*dirs, django_forms], "OPTIONS": {}}
        return self.backend({**options, "NAME": "listingforms"})


class FacetWidget(forms.CheckboxSelectMultiple):
    """One checkbox per facet value (label: name and count); a vocabulary's facet also
    gets a text field of the same name to type any other term into.

    The template renders every checkbox in one loop from the facet's values (which
    know whether they are ticked): no per-option template or context, which cost more
    than the rest of the page once a facet lists twenty values."""

    template_name = "includes/widgets/facet.html"

    def __init__(self, facet, attrs=None):
        super().__init__(attrs, choices=[(value.value, value) for value in facet.values])
        self.facet = facet

    def get_context(self, name, value, attrs):
        widget = {"name": name, "facet": self.facet, "more_id": f"more-{name}"}
        if self.facet.is_vocabulary:
            widget["finder"] = {
                "id": f"find-{name}",
                "label": f"Other {self.facet.label.lower()}",
                "lookup": f"{reverse('articles:term_lookup')}?vocabulary={name}",
            }
        return {"widget": widget}
