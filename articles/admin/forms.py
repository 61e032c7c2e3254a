from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminSplitDateTime, AutocompleteSelectMultiple
from django.utils import formats, timezone
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget
from taggit.models import Tag
from taggit.utils import parse_tags

from ..html import sanitize_html
from ..models import Article, Update
from ..services import WorkflowError, check_transition

# The editor offers exactly the markup the public templates style (see articles/html.py,
# which the server applies whatever the browser sends).
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
}


def rich_text_field(**kwargs):
    return ProseEditorFormField(
        config={"extensions": EDITOR_EXTENSIONS},
        sanitize=sanitize_html,
        widget=AdminProseEditorWidget,
        **kwargs,
    )


def _who(user):
    if user is None:
        return "someone (a script or a deleted user)"
    return user.get_full_name() or user.get_username()


class ArticleAdminForm(forms.ModelForm):
    """The article form: the workflow rules and the edit lock, checked on the server.

    `request_user` is set on the class by ArticleAdmin.get_form.
    """

    request_user = None

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
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
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
            "lead_image_caption",
            "lead_image_credit",
            "terms",
            "tags",
            "status",
            "published_at",
            "internal_note",
        ]
        widgets = {"published_at": AdminSplitDateTime}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("lock_version", self.instance.lock_version)
        self._stored_status = self.instance.status
        if "status" in self.fields and self.request_user is not None:
            # Offer only the moves this user may make; the server checks them anyway.
            self.fields["status"].widget.choices = [
                (value, label)
                for value, label in Article.Status.choices
                if self._may_move_to(value)
            ]

    def _may_move_to(self, status):
        probe = Article(status=self._stored_status)
        try:
            check_transition(user=self.request_user, article=probe, status=status)
        except WorkflowError:
            return False
        return True

    def clean_status(self):
        status = self.cleaned_data["status"]
        probe = Article(status=self._stored_status)
        try:
            check_transition(user=self.request_user, article=probe, status=status)
        except WorkflowError as error:
            raise forms.ValidationError(str(error)) from error
        return status

    def clean_published_at(self):
        published_at = self.cleaned_data.get("published_at")
        if (
            published_at is not None
            and published_at > timezone.now()
            and self.request_user is not None
            and not self.request_user.has_perm("articles.publish_article")
        ):
            raise forms.ValidationError("Only editors can schedule an article.")
        return published_at

    def clean(self):
        cleaned = super().clean()
        if "tags" in self.fields:
            cleaned["tags"] = [
                *cleaned.get("tags", []),
                *parse_tags(cleaned.get("new_tags", "")),
            ]
        if cleaned.get("status") == Article.Status.PUBLISHED:
            # Publishing without a date publishes now (a date that has passed is kept).
            if "published_at" in self.fields and cleaned.get("published_at") is None:
                cleaned["published_at"] = timezone.now()
            elif self.instance.published_at is None:
                self.instance.published_at = timezone.now()
        self._check_lock(cleaned.get("lock_version"))
        return cleaned

    def _check_lock(self, opened_at):
        """Refuse the save if someone saved the article since this form was opened.

        The row is locked until the admin's transaction ends, so a concurrent save
        waits here and then sees the new number.
        """
        if self.instance.pk is None:
            return
        current = (
            Article.objects.select_for_update(of=("self",))
            .select_related("modified_by")
            .only("lock_version", "modified_at", "modified_by")
            .get(pk=self.instance.pk)
        )
        if opened_at is not None and opened_at == current.lock_version:
            return
        when = formats.date_format(timezone.localtime(current.modified_at), "DATETIME_FORMAT")
        raise forms.ValidationError(
            f"Not saved: {_who(current.modified_by)} saved this article at {when}, after "
            "you opened it. Your changes are still in the form below. Open the article in "
            "a new tab to see their version, copy your changes across there and save.",
            code="stale",
        )


class UpdateInlineForm(forms.ModelForm):
    body = rich_text_field(help_text=Update._meta.get_field("body").help_text)

    class Meta:
        model = Update
        fields = ["kind", "published_at", "title", "body"]
        widgets = {"published_at": AdminSplitDateTime}


class ScheduleForm(forms.Form):
    publish_at = forms.SplitDateTimeField(
        widget=AdminSplitDateTime,
        label="Publish at",
        help_text="The articles go live at this moment; readers see this date.",
    )

    def clean_publish_at(self):
        value = self.cleaned_data["publish_at"]
        if value <= timezone.now():
            raise forms.ValidationError("Choose a moment in the future.")
        return value
