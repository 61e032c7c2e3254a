"""The library's upload forms: each file is checked here (validation.py), so a refusal
shows on the form; the admin then stores what was checked (services.py)."""

from django import forms
from django.urls import reverse
from django.utils.html import format_html

from .models import Document, Image
from .validation import UploadRefused, clean_document, clean_image, read_upload

ACCEPT = "image/jpeg,image/png,image/webp,image/avif"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several files from one <input type=file multiple> (Django's documented pattern)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleImageField, self).clean(f, initial) for f in files if f] or (
            super().clean(None, initial)
        )


def _already_there(model, existing) -> str:
    url = reverse(f"admin:media_{model._meta.model_name}_change", args=[existing.pk])
    return format_html(
        'This file is in the library already: <a href="{}">{}</a>. Use that one.', url, existing
    )


class DecorativeHasNoAltText:
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_decorative") and cleaned.get("alt_text", "").strip():
            self.add_error(
                "alt_text",
                "A decorative picture has no alt text (screen readers skip it): clear the "
                "alt text, or untick “decorative”.",
            )
        return cleaned


class ImageAddForm(DecorativeHasNoAltText, forms.ModelForm):
    upload = forms.FileField(
        label="Picture",
        help_text="JPEG, PNG, WebP or AVIF. Camera and location data are removed.",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    class Meta:
        model = Image
        fields = ["upload", "title", "alt_text", "is_decorative", "caption", "credit"]

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        try:
            clean = clean_image(read_upload(upload))
        except UploadRefused as refusal:
            raise forms.ValidationError(str(refusal), code="refused") from None
        existing = Image.objects.filter(content_hash=clean.content_hash).first()
        if existing is not None:
            raise forms.ValidationError(_already_there(Image, existing), code="duplicate")
        return upload


class ImageChangeForm(DecorativeHasNoAltText, forms.ModelForm):
    class Meta:
        model = Image
        fields = [
            "title",
            "alt_text",
            "is_decorative",
            "caption",
            "credit",
            "focal_x",
            "focal_y",
        ]
        widgets = {
            "focal_x": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
            "focal_y": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
        }


class ImageBatchForm(forms.Form):
    files = MultipleImageField(
        label="Pictures",
        help_text="Choose several at once. Each is checked on its own; add alt text after.",
    )
    credit = forms.CharField(
        max_length=200, required=False, help_text="Optional: the same credit for all of them."
    )


class DocumentAddForm(forms.ModelForm):
    upload = forms.FileField(label="File", help_text="PDF.")
    title = forms.CharField(
        max_length=255, required=False, help_text="The name readers see. Empty: the file's name."
    )

    class Meta:
        model = Document
        fields = ["upload", "title"]

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        try:
            clean = clean_document(read_upload(upload))
        except UploadRefused as refusal:
            raise forms.ValidationError(str(refusal), code="refused") from None
        existing = Document.objects.filter(content_hash=clean.content_hash).first()
        if existing is not None:
            raise forms.ValidationError(_already_there(Document, existing), code="duplicate")
        return upload
