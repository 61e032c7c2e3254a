"""History, compare and restore for objects kept as one row per version (terms,
vocabularies, authors): the article's history pages, for any such model.

Generic over models (this app knows nothing of articles): a version is the reversion
Version of the row; its summary names the fields that changed since the one before.
Restoring writes the row back as a new version, after the model's own validation, so a
term is never put under itself or one of its narrower terms (Term.clean), nor under a
broader term that has since been deleted: such a restore is refused with the reason.
"""

from dataclasses import dataclass

import reversion
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core import serializers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from reversion.models import Version

from .versioning import versioned


class RestoreError(Exception):
    """A restore that would break the data; str() is the reason, for the editor."""


@dataclass
class Entry:
    number: int
    version: Version
    fields: dict
    summary: str = ""

    @property
    def revision(self):
        return self.version.revision


def _label(model, name) -> str:
    return str(model._meta.get_field(name).verbose_name)


def history(obj: models.Model) -> list[Entry]:
    """The object's versions, oldest first, numbered from 1, each with what it changed."""
    versions = (
        Version.objects.get_for_object(obj)
        .select_related("revision__user")
        .order_by("revision__date_created", "pk")
    )
    entries, previous = [], None
    for number, version in enumerate(versions, start=1):
        fields = version.field_dict
        if previous is None:
            summary = "First version"
        else:
            changed = [_label(type(obj), k) for k, v in fields.items() if previous.get(k) != v]
            summary = capfirst(", ".join(changed)) or "No change"
        entries.append(Entry(number, version, fields, summary))
        previous = fields
    return entries


def _shown(model, name, value):
    field = model._meta.get_field(name)
    if value is None or value == "" or value == []:
        return "—"
    if field.is_relation:
        found = field.related_model._default_manager.filter(pk=value).first()
        return str(found) if found is not None else f"(deleted, id {value})"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def compare(model, old: dict, new: dict) -> list[dict]:
    """[{label, old, new}] for each field that differs between two versions."""
    return [
        {
            "label": _label(model, k),
            "old": _shown(model, k, old.get(k)),
            "new": _shown(model, k, v),
        }
        for k, v in new.items()
        if old.get(k) != v
    ]


@transaction.atomic
def restore(*, obj: models.Model, version: Version, user) -> models.Model:
    """Write `version` back over `obj` as a new version; RestoreError if it would break
    the data (a related row since deleted, or the model's own validation)."""
    model = type(obj)
    model._default_manager.select_for_update().get(pk=obj.pk)
    restored = next(
        serializers.deserialize(version.format, version.serialized_data, ignorenonexistent=True)
    ).object
    restored._state.adding = False  # the stored row, written back: not a new one
    for field in model._meta.concrete_fields:
        if field.is_relation and field.many_to_one:
            value = getattr(restored, field.attname)
            if (
                value is not None
                and not field.related_model._default_manager.filter(pk=value).exists()
            ):
                raise RestoreError(
                    f"its {field.verbose_name} (id {value}) has since been deleted; "
                    "choose another in the form instead."
                )
    try:
        restored.full_clean()
    except ValidationError as error:
        raise RestoreError(" ".join(error.messages)) from error
    number = next(e.number for e in history(obj) if e.version.pk == version.pk)
    with versioned(user=user, comment=f"Restored version {number}"):
        restored.save()
        reversion.add_to_revision(restored)
    return restored


class HistoryAdminMixin:
    """The history page (newest first), compare and restore for a one-row model's admin.

    Restore needs the change permission on the object (editors for authors, taxonomy
    managers for terms and vocabularies).
    """

    object_history_template = "admin/version_history.html"

    def get_urls(self):
        meta = self.model._meta
        name = f"{meta.app_label}_{meta.model_name}"
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/history/compare/",
                view(self.compare_view),
                name=f"{name}_compare",
            ),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                view(self.restore_view),
                name=f"{name}_restore",
            ),
            *super().get_urls(),
        ]

    def _history_context(self, request, obj, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "object": obj,
            "original": obj,
            "may_restore": self.has_change_permission(request, obj),
            **extra,
        }

    def _object_or_deny(self, request, object_id):
        obj = self.get_object(request, unquote(str(object_id)))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def history_view(self, request, object_id, extra_context=None):
        obj = self._object_or_deny(request, object_id)
        entries = list(reversed(history(obj)))
        context = self._history_context(
            request, obj, title=f"History: {obj}", entries=entries, **(extra_context or {})
        )
        return TemplateResponse(request, self.object_history_template, context)

    def compare_view(self, request, object_id):
        obj = self._object_or_deny(request, object_id)
        entries = {entry.version.pk: entry for entry in history(obj)}
        try:
            first, second = (entries[int(request.GET[key])] for key in ("a", "b"))
        except (KeyError, ValueError):
            self.message_user(request, "Choose two versions to compare.", messages.WARNING)
            return redirect(self._url("history", obj))
        if first.number > second.number:
            first, second = second, first
        context = self._history_context(
            request,
            obj,
            title=f"Version {first.number} → version {second.number}: {obj}",
            first=first,
            second=second,
            rows=compare(self.model, first.fields, second.fields),
        )
        return TemplateResponse(request, "admin/version_compare.html", context)

    def restore_view(self, request, object_id, version_id):
        obj = self._object_or_deny(request, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_for_object(obj), pk=version_id)
        if request.method != "POST":
            return redirect(self._url("history", obj))
        try:
            restore(obj=obj, version=version, user=request.user)
        except RestoreError as error:
            self.message_user(request, f"Not restored: {error}", messages.ERROR)
            return redirect(self._url("history", obj))
        self.message_user(request, f"“{obj}” is back to that version, as a new version.")
        return redirect(self._url("change", obj))

    def _url(self, view, obj):
        meta = self.model._meta
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[obj.pk])
