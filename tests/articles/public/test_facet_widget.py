"""The facet widget's checkboxes, written in Python, are Django's input template's markup."""

import pytest
from django.forms.renderers import DjangoTemplates

from articles.public.listing.facets import Facet, FacetValue
from articles.public.listing.widgets import FacetWidget


def facet(*values):
    return Facet(
        param="places",
        label="Places",
        values=[
            FacetValue(name=name, param="places", value=value, count=3, selected=False)
            for name, value in values
        ],
        is_vocabulary=True,
    )


@pytest.mark.parametrize("checked", [[], ["gao"], ["gao", 'x"><script>']])
def test_the_checkboxes_are_the_markup_of_djangos_input_template(checked):
    widget = FacetWidget(facet(("Gao", "gao"), ("Mali", "mali"), ("Odd", 'x"><script>')))
    context = widget.get_context("places", checked, {"class": "facet", "data-x": True})
    django_input = DjangoTemplates().get_template("django/forms/widgets/input.html")
    options = [option for _, group, _ in context["widget"]["optgroups"] for option in group]
    assert len(options) == 3
    for option in options:
        ours = option["template_name"].render({"widget": option})
        assert ours == django_input.render({"widget": option})
        assert ("checked" in ours) == (option["value"] in checked)
    assert "<script>" not in "".join(o["template_name"].render({"widget": o}) for o in options)
