"""The taxonomy admin's forms."""

from django import forms
from django.contrib.postgres.forms import SimpleArrayField
from django.core.exceptions import ValidationError
from taggit.models import Tag

from .models import Term
from .pickers import ParentSelect, term_label


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "parent" not in self.fields:
            return  # shown read-only
        parent = self.fields["parent"]
        parent.queryset = Term.objects.with_paths()
        parent.label_from_instance = term_label
        # The admin's autocomplete (autocomplete_fields), wrapped with its add and change
        # links: the picker inside is replaced, the links kept.
        wrapper = parent.widget
        autocomplete = getattr(wrapper, "widget", wrapper)
        picker = ParentSelect(
            autocomplete.field, autocomplete.admin_site, term_pk=self.instance.pk
        )
        picker.choices = parent.choices
        if autocomplete is wrapper:
            parent.widget = picker
        else:
            wrapper.widget = picker

    def clean_aliases(self):
        return [alias.strip() for alias in self.cleaned_data["aliases"] if alias.strip()]

    def clean_vocabulary(self):
        vocabulary = self.cleaned_data["vocabulary"]
        term = self.instance
        if term.pk is not None and vocabulary.pk != term.vocabulary_id and term.children.exists():
            raise ValidationError(
                "This term has narrower terms; move them elsewhere before moving it to "
                "another vocabulary."
            )
        return vocabulary


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        label="Keep",
        help_text="The others are merged into this one and deleted.",
    )

    def __init__(self, *args, queryset, label=str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = queryset
        self.fields["target"].label_from_instance = label


class TagAdminForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name"]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Tag.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).first()
        if clash is not None:
            raise ValidationError(
                f"The tag “{clash.name}” already exists; to combine them, select both in the "
                "list and use “Merge selected tags”."
            )
        return name
