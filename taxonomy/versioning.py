"""Admin support for django-reversion, shared by the apps whose models are versioned."""

import reversion
from django.contrib.admin.models import LogEntry


class VersionedAdminMixin:
    """Every write through this admin (form, delete, action) is one revision, with the user
    and the admin's change message as its comment."""

    def _versioned(self, request, view, *args, **kwargs):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return view(request, *args, **kwargs)
        with reversion.create_revision():
            if request.user.is_authenticated:
                reversion.set_user(request.user)
            return view(request, *args, **kwargs)

    def changeform_view(self, request, *args, **kwargs):
        return self._versioned(request, super().changeform_view, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):
        return self._versioned(request, super().changelist_view, *args, **kwargs)

    def delete_view(self, request, *args, **kwargs):
        return self._versioned(request, super().delete_view, *args, **kwargs)

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
