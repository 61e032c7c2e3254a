"""Turn an admin change page into the POST a browser would send, for tests to edit."""

from django import forms
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper


def _field_data(bound):
    widget = bound.field.widget
    while isinstance(widget, RelatedFieldWidgetWrapper):
        widget = widget.widget
    context = widget.get_context(bound.html_name, bound.value(), bound.build_widget_attrs({}))
    context = context["widget"]
    if "subwidgets" in context and isinstance(widget, forms.MultiWidget):
        return {
            sub["name"]: sub["value"] for sub in context["subwidgets"] if sub["value"] is not None
        }
    if isinstance(widget, forms.CheckboxInput):
        return {bound.html_name: "on"} if context["attrs"].get("checked") else {}
    value = context["value"]
    if value is None:
        return {}
    if isinstance(value, list | tuple):
        return {bound.html_name: [v for v in value if v not in ("", None)]}
    return {bound.html_name: value}


def change_form_data(response):
    """The form and inline formsets of an admin add/change page, as POST data."""
    data = {}
    form = response.context["adminform"].form
    for bound in form:
        data.update(_field_data(bound))
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for bound in formset.management_form:
            data.update(_field_data(bound))
        for subform in formset.forms:
            for bound in subform:
                data.update(_field_data(bound))
    return data
