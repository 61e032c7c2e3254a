"""Term pickers that say which term they offer: “Places › Mali › Gao”, not “Gao”.

The admin's autocomplete answers ``str(obj)``; LabelledAutocompleteJsonView (served at
the admin's own autocomplete address, config/urls.py) asks the model admin for
``autocomplete_label(obj)`` first, so that one model admin decides how its objects read
in every picker. The parent picker of a term (ParentSelect) also tells the server which
term it is for and which vocabulary the form has chosen, so that it offers only that
vocabulary's terms, never the term itself or one of its narrower terms.
"""

from django import forms
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelect

from .tree import vocabulary_label


def term_label(term):
    """ "Places › Mali › Gao": the vocabulary, then the term's path (``tree_path`` when
    the queryset annotated it, else the name); reads ``term.vocabulary``."""
    path = getattr(term, "tree_path", None) or term.name
    return vocabulary_label(term.vocabulary.name, path)


class LabelledAutocompleteJsonView(AutocompleteJsonView):
    def serialize_result(self, obj, to_field_name):
        label = getattr(self.model_admin, "autocomplete_label", None)
        result = super().serialize_result(obj, to_field_name)
        if label is not None:
            result["text"] = label(obj)
        return result


class ParentSelect(AutocompleteSelect):
    """The autocomplete for a term's broader term: sends the term edited and the chosen
    vocabulary with each search (taxonomy/static/taxonomy/js/parent-picker.js)."""

    def __init__(self, field, admin_site, *, term_pk=None, vocabulary_field="id_vocabulary"):
        super().__init__(field, admin_site)
        self.term_pk = term_pk
        self.vocabulary_field = vocabulary_field

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        # Not "admin-autocomplete": parent-picker.js starts this one, with its own data.
        attrs["class"] = attrs["class"].replace("admin-autocomplete", "term-parent-autocomplete")
        attrs["data-for-term"] = "" if self.term_pk is None else str(self.term_pk)
        attrs["data-vocabulary-field"] = self.vocabulary_field
        return attrs

    @property
    def media(self):
        # Named with what it needs before it, so that the merge of the media keeps the
        # order (jquery.init.js defines django.jQuery, with select2 already on it).
        after = [
            "admin/js/vendor/jquery/jquery.min.js",
            "admin/js/vendor/select2/select2.full.min.js",
            "admin/js/jquery.init.js",
            "taxonomy/js/parent-picker.js",
        ]
        return super().media + forms.Media(js=after)
