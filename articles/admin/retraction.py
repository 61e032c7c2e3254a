"""Retracting published updates and corrections from the update list: asks for the reason."""

from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse

from .. import services


class RetractForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Readers see it: “Retracted on …: your reason”. The text stays, struck through.",
    )


@admin.action(permissions=["change"], description="Retract (stays on the page, marked)…")
def retract_selected(modeladmin, request, queryset):
    form = RetractForm(request.POST if "apply" in request.POST else None)
    if not form.is_valid():
        return TemplateResponse(
            request,
            "admin/articles/update/retract.html",
            {
                **modeladmin.admin_site.each_context(request),
                "title": "Retract updates and corrections",
                "opts": modeladmin.model._meta,
                "form": form,
                "updates": queryset.select_related("article"),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )
    done, skipped = 0, []
    for update in queryset.select_related("article"):
        try:
            services.update_retract(
                update=update, reason=form.cleaned_data["reason"], user=request.user
            )
        except services.WorkflowError as error:
            skipped.append(f"“{update}”: {error}")
        else:
            done += 1
    modeladmin.message_user(request, f"Retracted {done}.")
    if skipped:
        modeladmin.message_user(request, "Skipped: " + " ".join(skipped), messages.WARNING)
    return None
