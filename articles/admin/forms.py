from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminSplitDateTime, AutocompleteSelectMultiple
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget
from taggit.models import Tag
from taggit.utils import parse_tags

from taxonomy.locks import LockedFormMixin, StaleObject, stale_message

from .. import services
from ..models import Article, Update
from .dates import zone_note

# The editor offers exactly the markup the public templates style; articles/html.py is
# what the server keeps, applied on every save of a body (articles/models/receivers.py).
EDITOR_EXTENSIONS = {
    "Paragraph": True,
    "Heading": {"levels": [2, 3]},
    "Bold": True,
    "Italic": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    # A library picture with its caption; the sanitiser keeps only the library's URLs.
    "Figure": True,
    "Caption": True,
    "Image": True,
}


def rich_text_field(**kwargs):
    return ProseEditorFormField(
        config={"extensions": EDITOR_EXTENSIONS},
        widget=AdminProseEditorWidget,
        **kwargs,
    )


class ArticleAdminForm(forms.ModelForm):
    """The article form: it validates the shape of the input; the rules are the services'.

    Built per request with the editor bound (`user`, see ArticleAdmin.get_form). Its clean()
    asks services.article_check_save whether the save may happen (edit lock, workflow move,
    dates) so that a refusal is shown here, with the editor's input kept;
    services.article_save checks again when it writes.
    """

    body = rich_text_field(required=False, help_text=Article._meta.get_field("body").help_text)
    tags = forms.ModelMultipleChoiceField(
        queryset=Tag.objects.all(),
        required=False,
        widget=AutocompleteSelectMultiple(Article._meta.get_field("tags"), admin.site),
        help_text="Free keywords readers can browse by. Type to find existing ones.",
    )
    new_tags = forms.CharField(
        required=False,
        label="New tags",
        help_text="Keywords not in the list yet, separated by commas.",
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput)
    version_comment = forms.CharField(
        required=False,
        max_length=300,
        label="Note for the history",
        help_text="Optional: why you made this change. Shown in the article's history.",
    )

    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "standfirst",
            "body",
            "lead_image",
            "lead_image_caption",
            "lead_image_credit",
            "terms",
            "tags",
            "status",
            "assignee",
            "published_at",
            "expires_at",
            "internal_note",
        ]
        widgets = {"published_at": AdminSplitDateTime, "expires_at": AdminSplitDateTime}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.initial.setdefault("lock_version", self.instance.lock_version)
        for name in ("published_at", "expires_at"):
            if name in self.fields:
                field = self.fields[name]
                field.help_text = f"{field.help_text} {zone_note()}".strip()
        if "status" in self.fields:
            # Offer only the moves this user may make; the service checks them anyway.
            allowed = services.allowed_statuses(user=user, article=self.instance)
            self.fields["status"].widget.choices = [
                (value, label) for value, label in Article.Status.choices if value in allowed
            ]

    def clean(self):
        cleaned = super().clean()
        if "tags" in self.fields:
            cleaned["tags"] = [
                *cleaned.get("tags", []),
                *parse_tags(cleaned.get("new_tags", "")),
            ]
        if any(name in self.errors for name in ("lock_version", "status", "published_at")):
            return cleaned  # the input is malformed: nothing to ask the rules yet
        has_date = "published_at" in self.fields
        if "lead_image" in self.fields:
            # The rules read the image the editor chose (the instance gets it only after
            # clean(), in _post_clean).
            self.instance.lead_image = cleaned.get("lead_image")
        try:
            published_at = services.article_check_save(
                article=self.instance,
                user=self.user,
                opened_version=cleaned["lock_version"],
                status=cleaned.get("status", self.instance.status),
                published_at=cleaned.get("published_at")
                if has_date
                else self.instance.published_at,
            )
        except services.StaleEdit as error:
            raise forms.ValidationError(
                f"Not saved: {error} Your changes are still in the form below. Open the "
                "article in a new tab to see their version, copy your changes across there "
                "and save.",
                code="stale",
            ) from error
        except services.WorkflowError as error:
            self.add_error(error.field if error.field in self.fields else None, str(error))
        else:
            if has_date:
                cleaned["published_at"] = published_at
        return cleaned


class UpdateInlineForm(forms.ModelForm):
    body = rich_text_field(help_text=Update._meta.get_field("body").help_text)

    class Meta:
        model = Update
        fields = ["kind", "published_at", "title", "body"]
        widgets = {"published_at": AdminSplitDateTime}


class UpdateAdminForm(LockedFormMixin, UpdateInlineForm):
    """An update on its own page: its row token is checked with its article locked first
    (services.update_check_save), the order the article's own save locks them in."""

    class Meta(UpdateInlineForm.Meta):
        fields = ["article", *UpdateInlineForm.Meta.fields]

    def clean(self):
        cleaned = super(LockedFormMixin, self).clean()
        if not cleaned.get("row_token"):
            return cleaned  # posted without the token, not by the admin's form: unchecked
        try:
            services.update_check_save(update=self.instance, opened_token=cleaned["row_token"])
        except StaleObject as error:
            raise forms.ValidationError(stale_message(error), code="stale") from error
        return cleaned


class ScheduleForm(forms.Form):
    publish_at = forms.SplitDateTimeField(
        widget=AdminSplitDateTime,
        label="Publish at",
        help_text="The articles go live at this moment; readers see this date.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["publish_at"]
        field.help_text = f"{field.help_text} {zone_note()}"

    def clean_publish_at(self):
        value = self.cleaned_data["publish_at"]
        try:
            services.check_schedule_at(value)
        except services.WorkflowError as error:
            raise forms.ValidationError(str(error)) from error
        return value
