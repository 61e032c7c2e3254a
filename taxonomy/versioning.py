"""Revisions (django-reversion): the one way to open one, and its admin mixin.

`versioned()` is the only place a revision is opened, here and in the apps that use this
one (articles.versioning re-exports it). Revisions are managed manually: a block records
exactly what its code adds with reversion.add_to_revision(), whatever else it saves.
"""

from contextlib import contextmanager

import reversion
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import router
from django.utils import timezone
from django.utils.encoding import force_str
from reversion.models import Revision, Version


@contextmanager
def versioned(*, user=None, comment: str = ""):
    """A revision block: what is added to it inside is saved as one revision at the end.

    Nested blocks join the outermost one (one admin action → one revision); a block to
    which nothing was added saves nothing.
    """
    with reversion.create_revision(manage_manually=True):
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        if comment:
            reversion.set_comment(comment)
        yield


def record_in_bulk(objects, *, comment: str, user=None) -> Revision | None:
    """One revision holding a version of each of `objects`, written in two statements.

    For writes of thousands of rows (import_skos): reversion's add_to_revision copies
    the revision's versions at each call, which grows with the square of their number
    (20 s of a 50,000-term import). The versions are what it would have written: each
    object serialised alone, in the format the models are registered with (taxonomy/apps.py
    registers them with reversion's defaults: JSON, every field).
    """
    objects = [obj for obj in objects if obj.pk is not None]
    if not objects:
        return None
    for model in {type(obj) for obj in objects}:
        if not reversion.is_registered(model):
            raise reversion.RegistrationError(f"{model.__name__} is not versioned")
    revision = Revision.objects.create(
        date_created=timezone.now(),
        comment=comment,
        user=user if user is not None and user.is_authenticated else None,
    )
    content_types = ContentType.objects.get_for_models(*{type(obj) for obj in objects})
    Version.objects.bulk_create(
        (
            Version(
                revision=revision,
                content_type=content_types[type(obj)],
                object_id=force_str(obj.pk),
                db=router.db_for_write(type(obj), instance=obj),
                format="json",
                serialized_data=serializers.serialize("json", (obj,)),
                object_repr=force_str(obj),
            )
            for obj in objects
        ),
        batch_size=2000,
    )
    return revision


class VersionedAdminMixin:
    """Every write through this admin (form, delete, action) is one revision, with the user
    and the admin's change message as its comment."""

    def _versioned(self, request, view, *args, **kwargs):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return view(request, *args, **kwargs)
        with versioned(user=request.user):
            return view(request, *args, **kwargs)

    def changeform_view(self, request, *args, **kwargs):
        return self._versioned(request, super().changeform_view, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):
        return self._versioned(request, super().changelist_view, *args, **kwargs)

    def delete_view(self, request, *args, **kwargs):
        return self._versioned(request, super().delete_view, *args, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self.record_version(form.instance)

    def record_version(self, obj):
        """Add the object saved by the form to the revision (override to record more)."""
        if reversion.is_registered(type(obj)):
            reversion.add_to_revision(obj)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        _comment(entry)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        _comment(entry)
        return entry


def _comment(entry):
    if reversion.is_active() and isinstance(entry, LogEntry):
        reversion.set_comment(entry.get_change_message() or "Saved in the admin")
