"""The listing form's facet widget: checkboxes with counts, and a term finder.

A facet field (a vocabulary, the authors, the tags) shows the values the
facets counted, ticked as the query has them, with ids that stay stable across
requests (``f-places-mali``) so a label, a test, a bookmark or the script that
keeps the focus across an update can point at one.
"""

from html import escape

from django import forms
from django.urls import reverse
from django.utils.safestring import mark_safe


class FacetWidget(forms.CheckboxSelectMultiple):
    """One checkbox per facet value (label: name and count); a vocabulary's facet also
    gets a text field of the same name to type any other term into.

    The markup is written here, from the facet's values (which know whether they are
    ticked): no template nodes per option, which cost more than the rest of the page
    once seven facets list twenty values each (docs/benchmarks.md). Every value is
    plain text escaped with ``html.escape`` (what ``format_html`` does underneath,
    without its per-argument checks: a thousand arguments a page)."""

    def __init__(self, facet, attrs=None):
        # No choices: the markup comes from the facet, and Django would normalise and
        # copy them for nothing.
        super().__init__(attrs)
        self.facet = facet

    def render(self, name, value, attrs=None, renderer=None):
        facet = self.facet
        param, name = name, escape(name)
        parts = ['<ul class="facet-values">\n  ']
        for n, option in enumerate(facet.values):
            if n == facet.top_count:
                parts.append(
                    f'</ul>\n<details class="facet-more" id="more-{name}"'
                    f"{' open' if facet.is_more_open else ''}>\n"
                    f"  <summary>Show {len(facet.more)} more<span"
                    f' class="visually-hidden"> {escape(facet.label.lower())}</span>'
                    '</summary>\n  <ul class="facet-values">'
                )
            value = escape(option.value)
            parts.append(
                f'\n  <li><input type="checkbox" name="{name}" value="{value}" '
                f'id="f-{name}-{value}"{" checked" if option.selected else ""}>\n'
                f'    <label for="f-{name}-{value}">{escape(option.name)} '
                f'<span class="count{" count--added" if option.added is not None else ""}"'
                f' aria-hidden="true">{escape(option.count_text)}</span>'
                f'<span class="visually-hidden">, {escape(option.count_description)}</span>'
                "</label></li>\n  "
            )
        parts.append("\n</ul>\n</details>\n" if facet.more else "\n</ul>\n")
        if facet.is_vocabulary:
            label = escape(facet.label.lower())
            lookup = escape(f"{reverse('articles:term_lookup')}?vocabulary={param}")
            parts.append(
                f'\n<p class="term-finder"><label for="find-{name}">Other {label}</label>\n'
                f'  <input type="text" name="{name}" id="find-{name}" autocomplete="off" '
                f'data-term-lookup="{lookup}"></p>\n'
            )
        parts.append("\n")
        # Stripped as Django's form renderer does.
        return mark_safe("".join(parts).strip())
