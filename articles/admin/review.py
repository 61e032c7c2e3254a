"""Review in the article admin: the assignee, "Return to the author" with a reason, and
the list's "assigned to me" filter. Notifications are the services' (services/notify.py)."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from .. import services


def staff_users():
    return get_user_model().objects.filter(is_staff=True, is_active=True).order_by("username")


def assignee_field():
    return forms.ModelChoiceField(
        queryset=staff_users(),
        required=False,
        label="Reviewer",
        empty_label="Reviewer: any editor",
        help_text="For “Submit for review”.",
    )


class ArticleActionForm(ActionForm):
    """The list's action bar, with the reviewer "Submit for review" asks (optional)."""

    assignee = assignee_field()


class AssigneeForm(forms.Form):
    """The action bar's reviewer alone, as the submit action reads it."""

    assignee = assignee_field()


class ReturnForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="The author reads it in the email and in the article's history.",
    )


class PeopleFilter(admin.SimpleListFilter):
    title = "people"
    parameter_name = "whose"

    def lookups(self, request, model_admin):
        return [("assigned", "Assigned to me"), ("mine", "Created by me")]

    def queryset(self, request, queryset):
        match self.value():
            case "assigned":
                return queryset.filter(assignee=request.user)
            case "mine":
                return queryset.filter(created_by=request.user)
        return queryset


class ReviewMixin:
    action_form = ArticleActionForm

    def get_urls(self):
        return [
            path(
                "<int:object_id>/return/",
                self.admin_site.admin_view(self.return_view),
                name="articles_article_return",
            ),
            *super().get_urls(),
        ]

    def return_view(self, request, object_id):
        """Return an article in review to its author, with the reason asked on this page."""
        article = self.get_object(request, unquote(str(object_id)))
        if article is None:
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        if not request.user.has_perm("articles.publish_article"):
            raise PermissionDenied
        form = ReturnForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            try:
                services.article_return(
                    article=article, user=request.user, reason=form.cleaned_data["reason"]
                )
            except services.WorkflowError as error:
                form.add_error(None, str(error))
            else:
                self.message_user(request, f"Returned “{article}” to its author as a draft.")
                return redirect(reverse("admin:articles_article_change", args=[article.pk]))
        return TemplateResponse(
            request,
            "admin/articles/article/return.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Return “{article}” to its author",
                "opts": self.model._meta,
                "original": article,
                "form": form,
            },
        )

    def submit_selected(self, request, queryset):
        form = AssigneeForm(request.POST)
        if not form.is_valid():
            self.message_user(
                request, "Not submitted: choose a reviewer from the list.", messages.ERROR
            )
            return
        assignee = form.cleaned_data["assignee"]
        self._apply(request, queryset, services.article_submit, "Submitted", assignee=assignee)

    submit_selected = admin.action(permissions=["change"], description="Submit for review")(
        submit_selected
    )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["may_return"] = (
            obj is not None
            and obj.status == obj.Status.IN_REVIEW
            and request.user.has_perm("articles.publish_article")
        )
        return super().render_change_form(request, context, add, change, form_url, obj)
