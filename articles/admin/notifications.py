"""Each person's notification preference, edited by that person ("Notifications" in the
admin's top bar, /admin/notifications/); the outbox, read-only, for superusers."""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from .. import services
from ..models import NotificationPreference, OutboxMessage


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ["is_email_enabled"]


def preference_view(request, admin_site):
    """The signed-in person's own preference; nobody edits another's here."""
    preference = NotificationPreference.objects.filter(user=request.user).first()
    form = PreferenceForm(
        request.POST if request.method == "POST" else None,
        instance=preference or NotificationPreference(user=request.user),
    )
    if form.is_valid():
        services.notification_preference_set(
            user=request.user, is_email_enabled=form.cleaned_data["is_email_enabled"]
        )
        messages.success(request, "Your notification preference is saved.")
        return redirect("admin:notification_preferences")
    return TemplateResponse(
        request,
        "admin/notification_preferences.html",
        {
            **admin_site.each_context(request),
            "title": "Your notifications",
            "form": form,
            "email": request.user.email,
        },
    )


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipient", "event", "due_at", "attempts", "sent_at", "dropped_at"]
    list_filter = ["event", ("sent_at", admin.EmptyFieldListFilter), "dropped_at"]
    list_select_related = ["recipient"]
    search_fields = ["subject", "recipient__email"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
