"""Edit locks for any model: a stale form is refused, saying who saved and when.

An article carries its own `lock_version` (articles/services/editing.py). Every other model
an editor changes (author, update, term, vocabulary, taggit's Tag) is guarded here by a
*row token*: a hash of the row's stored values, put in the form as a hidden field when the
form is opened. Saving locks the row (SELECT … FOR UPDATE), hashes it again and refuses the
save if the two differ. Why a token rather than a counter column on each model:

- it needs no column, so it works for models we do not own (taggit's Tag) and no
  migration on each model;
- it sees every change to the row, by any path (an article form's inline, a merge, a
  script, raw SQL), where a counter moves only when the code that saves remembers to;
- a row changed and changed back compares equal, and then nothing would be lost anyway.

Who and when come from the object's latest version (django-reversion) or admin log entry,
whichever is newer. This module knows nothing of articles; it is generic over models.
"""

import hashlib
import json
from datetime import datetime

import reversion
from django import forms
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import formats, timezone
from reversion.models import Version

TOKEN_FIELD = "row_token"


class StaleObject(Exception):
    """The row changed since the form was opened: by `who` (None: a script, a deleted user
    or not known) at `at` (None: not known). str() says so in words for the editor."""

    def __init__(self, *, obj, who, at: datetime | None):
        self.obj, self.who, self.at = obj, who, at
        name = obj._meta.verbose_name
        when = ""
        if at is not None:
            when = f" at {formats.date_format(timezone.localtime(at), 'DATETIME_FORMAT')}"
        super().__init__(f"{who_name(who)} saved this {name}{when}, after you opened it.")


def who_name(user) -> str:
    if user is None:
        return "Someone (a script or a deleted user)"
    return user.get_full_name() or user.get_username()


def row_token(obj: models.Model) -> str:
    """A hash of the object's concrete field values as held by the instance."""
    values = {
        field.attname: field.value_from_object(obj)
        for field in obj._meta.concrete_fields
        if not getattr(field, "generated", False)
    }
    encoded = json.dumps(values, sort_keys=True, cls=DjangoJSONEncoder, default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()[:32]


def last_change(obj: models.Model):
    """(user or None, datetime or None): the newest version or admin log entry of `obj`."""
    found = []
    version = None
    if reversion.is_registered(type(obj)):
        version = (
            Version.objects.get_for_object(obj)
            .select_related("revision__user")
            .order_by("-revision__date_created")
            .first()
        )
    if version is not None:
        found.append((version.revision.date_created, version.revision.user))
    entry = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )
        .select_related("user")
        .order_by("-action_time")
        .first()
    )
    if entry is not None:
        found.append((entry.action_time, entry.user))
    if not found:
        return None, None
    at, who = max(found, key=lambda pair: pair[0])
    return who, at


@transaction.atomic
def check_unchanged(obj: models.Model, *, opened_token: str) -> models.Model:
    """Lock `obj`'s row until the caller's transaction ends and raise StaleObject unless it
    is still as it was when `opened_token` was taken; return the stored row.

    Call it inside the transaction that saves, so that a concurrent save waits here.
    """
    stored = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    if row_token(stored) != opened_token:
        who, at = last_change(stored)
        raise StaleObject(obj=stored, who=who, at=at)
    return stored


def stale_message(error: StaleObject) -> str:
    """The refusal as the article form words it, for any model."""
    name = error.obj._meta.verbose_name
    return (
        f"Not saved: {error} Your changes are still in the form below. Open the {name} in "
        "a new tab to see their version, copy your changes across there and save."
    )


class LockedFormMixin(forms.ModelForm):
    """A hidden row token (taken when the form is opened) checked when it is submitted.

    Every change form the admin renders carries the token; a POST without it (a script
    posting fields by hand) is not checked, as there is no opened state to compare with.
    The check in clean() runs inside the admin's transaction, with the row locked until the
    save is written, so the refusal is shown beside the editor's input (kept) and no save
    can slip in between the check and the write.
    """

    row_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial.setdefault(TOKEN_FIELD, row_token(self.instance))

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None and cleaned.get(TOKEN_FIELD):
            try:
                check_unchanged(self.instance, opened_token=cleaned[TOKEN_FIELD])
            except StaleObject as error:
                raise forms.ValidationError(stale_message(error), code="stale") from error
        return cleaned


class LockedAdminMixin:
    """A ModelAdmin whose change form carries the row token (LockedFormMixin); the form's
    fieldsets get the hidden field, and save_model checks the lock again before writing."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = kwargs.get("form", self.form)
        if not issubclass(base, LockedFormMixin):
            kwargs["form"] = type(base.__name__, (LockedFormMixin, base), {})
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        return fields if TOKEN_FIELD in fields else [*fields, TOKEN_FIELD]

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            if change and form.cleaned_data.get(TOKEN_FIELD):
                check_unchanged(obj, opened_token=form.cleaned_data[TOKEN_FIELD])
            super().save_model(request, obj, form, change)
