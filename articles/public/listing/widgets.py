"""The listing form's facet widget: checkboxes with counts, and a term finder.

A facet field (a vocabulary, the authors, the tags) shows the values the
facets counted, ticked as the query has them, with ids that stay stable across
requests (``f-places-mali``) so a label, a test, a bookmark or the script that
keeps the focus across an update can point at one.
"""

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class FacetWidget(forms.CheckboxSelectMultiple):
    """One checkbox per facet value (label: name and count); a vocabulary's facet also
    gets a text field of the same name to type any other term into.

    The markup is written here, from the facet's values (which know whether they are
    ticked): no template nodes per option, which cost more than the rest of the page
    once seven facets list twenty values each (docs/benchmarks.md)."""

    def __init__(self, facet, attrs=None):
        super().__init__(attrs, choices=[(value.value, value) for value in facet.values])
        self.facet = facet

    def render(self, name, value, attrs=None, renderer=None):
        facet = self.facet
        parts = ['<ul class="facet-values">\n  ']
        for n, option in enumerate(facet.values):
            if n == facet.top_count:
                parts.append(
                    format_html(
                        '</ul>\n<details class="facet-more" id="more-{}"{}>\n'
                        '  <summary>Show {} more<span class="visually-hidden"> {}</span>'
                        '</summary>\n  <ul class="facet-values">',
                        name,
                        mark_safe(" open") if facet.is_more_open else "",
                        len(facet.more),
                        facet.label.lower(),
                    )
                )
            parts.append(
                format_html(
                    '\n  <li><input type="checkbox" name="{name}" value="{value}" '
                    'id="f-{name}-{value}"{checked}>\n    <label for="f-{name}-{value}">{label} '
                    '<span class="count{added}" aria-hidden="true">{count}</span>'
                    '<span class="visually-hidden">, {description}</span></label></li>\n  ',
                    name=name,
                    value=option.value,
                    checked=mark_safe(" checked") if option.selected else "",
                    label=option.name,
                    added=mark_safe(" count--added") if option.added is not None else "",
                    count=option.count_text,
                    description=option.count_description,
                )
            )
        parts.append("\n</ul>\n</details>\n" if facet.more else "\n</ul>\n")
        if facet.is_vocabulary:
            parts.append(
                format_html(
                    '\n<p class="term-finder"><label for="find-{name}">Other {label}</label>\n'
                    '  <input type="text" name="{name}" id="find-{name}" autocomplete="off" '
                    'data-term-lookup="{lookup}"></p>\n',
                    name=name,
                    label=facet.label.lower(),
                    lookup=f"{reverse('articles:term_lookup')}?vocabulary={name}",
                )
            )
        parts.append("\n")
        # Every part is format_html's, escaped; stripped as Django's form renderer does.
        return mark_safe("".join(parts).strip())
