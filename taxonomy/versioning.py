"""Revisions (django-reversion): the one way to open one, and its admin mixin.

`versioned()` is the only place a revision is opened, here and in the apps that use this
one (articles.versioning re-exports it). Revisions are managed manually: a block records
exactly what its code adds with reversion.add_to_revision(), whatever else it saves.
"""

from contextlib import contextmanager

import reversion
from django.contrib.admin.models import LogEntry


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
