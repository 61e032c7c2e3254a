"""Staged changes in the article admin: a published article's form edits its pending change.

Saving the form of a published (live or scheduled) article stages the change
(services.article_stage_changes): readers keep the published version. The form then shows
the pending state, with a banner; "Publish changes" (a button, a list action) and
"Discard changes" (a confirmation page) call their services. In that mode the inlines are
not bound to the rows: they show the state's authors and updates as initial data, and an
update already published keeps its id (a hidden field) so it is edited, never deleted.
"""

import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.widgets import AdminSplitDateTime
from django.db.models import Exists, OuterRef
from django.forms.models import BaseInlineFormSet
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from taggit.models import Tag

from .. import services, versioning
from ..models import Article, PendingChange
from .forms import ArticleAdminForm, UpdateInlineForm
from .inlines import ArticleAuthorInline, ArticleDocumentInline, UpdateInline

BANNER = "Live, with unpublished changes — readers still see the published version."


class StagedArticleForm(ArticleAdminForm):
    publish_changes_at = forms.SplitDateTimeField(
        required=False,
        widget=AdminSplitDateTime,
        label="Publish these changes at",
        help_text="Optional: the changes go live by themselves at this moment. Empty: they "
        "wait until an editor publishes them.",
    )

    def clean_publish_changes_at(self):
        value = self.cleaned_data.get("publish_changes_at")
        if value is not None:
            try:
                services.check_schedule_at(value)
            except services.WorkflowError as error:
                raise forms.ValidationError(str(error)) from error
        return value


class StagedUpdateForm(UpdateInlineForm):
    update_id = forms.IntegerField(required=False, widget=forms.HiddenInput)


class StagedUpdateFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        for form in self.forms:
            data = getattr(form, "cleaned_data", {})
            if data.get("DELETE") and data.get("update_id"):
                raise forms.ValidationError(
                    "A published update or correction cannot be deleted: it is part of the "
                    "public record. Retract it instead (the Updates list, action “Retract”)."
                )


class StagedAuthorInline(ArticleAuthorInline):
    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def get_extra(self, request, obj=None, **kwargs):
        return len(staged_state(obj)["authors"]) if obj else 0


class StagedDocumentInline(ArticleDocumentInline):
    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def get_extra(self, request, obj=None, **kwargs):
        return len(staged_documents(obj)) if obj else 0


class StagedUpdateInline(UpdateInline):
    form = StagedUpdateForm
    formset = StagedUpdateFormSet
    fields = [*UpdateInline.fields, "update_id"]

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def get_extra(self, request, obj=None, **kwargs):
        return len(staged_state(obj)["updates"]) if obj else 0


def staged_state(article: Article) -> dict:
    """What the form of a published article shows: its pending change, or else its rows."""
    pending = PendingChange.objects.filter(article=article).first()
    return pending.state if pending else services.state_of(article)


def staged_documents(article: Article) -> list[int]:
    """The documents the form shows (a change staged before documents existed: the rows')."""
    documents = staged_state(article).get("documents")
    return services.state_of(article)["documents"] if documents is None else documents


class PendingChangesFilter(admin.SimpleListFilter):
    title = "unpublished changes"
    parameter_name = "pending"

    def lookups(self, request, model_admin):
        return [("yes", "Live, with unpublished changes"), ("no", "No unpublished changes")]

    def queryset(self, request, queryset):
        pending = Exists(PendingChange.objects.filter(article=OuterRef("pk")))
        if self.value() == "yes":
            return queryset.filter(pending)
        if self.value() == "no":
            return queryset.filter(~pending)
        return queryset


class StagedChangesMixin:
    """For ArticleAdmin (which calls save_staged from save_related when is_staged)."""

    def is_staged(self, obj) -> bool:
        if obj is None or obj.pk is None:
            return False
        stored = Article.objects.only("status").get(pk=obj.pk)
        return services.is_staged_save(user=None, article=stored)

    def get_queryset(self, request):
        pending = Exists(PendingChange.objects.filter(article=OuterRef("pk")))
        return super().get_queryset(request).annotate(has_pending_changes=pending)

    def get_inlines(self, request, obj):
        inlines = super().get_inlines(request, obj)
        if not self.is_staged(obj):
            return inlines
        swap = {
            ArticleAuthorInline: StagedAuthorInline,
            UpdateInline: StagedUpdateInline,
            ArticleDocumentInline: StagedDocumentInline,
        }
        return [swap.get(inline, inline) for inline in inlines]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self.is_staged(obj) or not request.user.has_perm("articles.publish_article"):
            return fieldsets
        return [
            (name, {**options, "fields": [*options["fields"], "publish_changes_at"]})
            if name == "Publishing"
            else (name, options)
            for name, options in fieldsets
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if not self.is_staged(obj):
            return super().get_form(request, obj, change=change, **kwargs)
        state = staged_state(obj)
        tags = {t.name: t.pk for t in Tag.objects.filter(name__in=state["tags"])}
        initial = {
            **services.state.fields_of(state),
            "terms": state["terms"],
            "tags": list(tags.values()),
            "new_tags": ", ".join(n for n in state["tags"] if n not in tags),
        }
        form = super().get_form(request, obj, change=change, form=StagedArticleForm, **kwargs)

        def __init__(self, *args, **kw):
            form.__init__(self, *args, **{"initial": initial, **kw})

        return type(form.__name__, (form,), {"__init__": __init__})

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if request.method != "POST" and isinstance(inline, StagedAuthorInline):
            kwargs["initial"] = [
                {"author": a, "position": n} for n, a in enumerate(staged_state(obj)["authors"])
            ]
        elif request.method != "POST" and isinstance(inline, StagedDocumentInline):
            documents = staged_documents(obj)
            kwargs["initial"] = [{"document": d, "position": n} for n, d in enumerate(documents)]
        elif request.method != "POST" and isinstance(inline, StagedUpdateInline):
            kwargs["initial"] = [
                {**u, "update_id": u.pop("id")}
                for u in services.state.updates_of(staged_state(obj))
            ]
        return kwargs

    def save_staged(self, request, form, formsets):
        """Stage the form's state; then publish, schedule or withdraw as the editor asked."""
        article, data = form.instance, form.cleaned_data
        state = {
            "fields": {name: getattr(article, name) for name in services.state.FIELDS},
            "terms": [term.pk for term in data.get("terms", [])],
            "tags": sorted({getattr(tag, "name", tag) for tag in data.get("tags", [])}),
            "authors": [],
            "updates": [],
            "documents": [],
        }
        for formset in formsets:
            # Nothing is saved from them; the admin's change message reads these.
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            rows = [f.cleaned_data for f in formset.forms if getattr(f, "cleaned_data", None)]
            rows = [row for row in rows if not row.get("DELETE")]
            if isinstance(formset, StagedUpdateFormSet):
                state["updates"] = [
                    {"id": row.get("update_id"), **{n: row[n] for n in UpdateInline.fields}}
                    for row in rows
                ]
            elif formset.model is ArticleAuthorInline.model:
                authors = sorted((row["position"], row["author"].pk) for row in rows)
                state["authors"] = [pk for _, pk in authors]
            elif formset.model is ArticleDocumentInline.model:
                documents = sorted((row["position"], row["document"].pk) for row in rows)
                state["documents"] = [pk for _, pk in documents]
        message = self.construct_change_message(request, form, formsets, False)
        words = (
            LogEntry(change_message=json.dumps(message)).get_change_message() if message else ""
        )
        note = " — ".join(p for p in (data.get("version_comment", "").strip(), words) if p)
        # "Publish changes" stages and publishes as one version (the later comment wins).
        with versioning.versioned(user=request.user):
            services.article_stage_changes(
                article=article,
                user=request.user,
                state=state,
                opened_version=data["lock_version"],
                note=note,
            )
            self._after_staging(request, article, data, note)

    def _after_staging(self, request, article, data, note):
        try:
            if "_publish_changes" in request.POST:
                services.article_publish_changes(
                    article=article,
                    user=request.user,
                    comment=f"{note} — published at once" if note else "",
                )
                self.message_user(request, "The changes are published: readers see them now.")
            elif data.get("publish_changes_at"):
                at = data["publish_changes_at"]
                services.article_schedule_changes(article=article, at=at, user=request.user)
                self.message_user(request, f"The changes go live at {at:%d %B %Y %H:%M}.")
            else:
                self.message_user(
                    request,
                    "Saved as unpublished changes: readers still see the published version. "
                    "“Publish changes” makes them live.",
                )
            if data.get("status") == Article.Status.WITHDRAWN:
                services.article_withdraw(article=article, user=request.user)
        except services.WorkflowError as error:
            self.message_user(request, f"Saved, not published: {error}", messages.WARNING)

    # The list action, the discard page

    @admin.action(permissions=["publish"], description="Publish their unpublished changes")
    def publish_changes_selected(self, request, queryset):
        self._apply(
            request, queryset, services.article_publish_changes, "Published the changes of"
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:object_id>/discard-changes/",
                view(self.discard_changes_view),
                name="articles_article_discard_changes",
            ),
            *super().get_urls(),
        ]

    def discard_changes_view(self, request, object_id):
        article = get_object_or_404(Article, pk=object_id)
        if not self.has_change_permission(request, article):
            return redirect("admin:articles_article_change", article.pk)
        if request.method == "POST":
            try:
                services.article_discard_changes(article=article, user=request.user)
            except services.WorkflowError as error:
                self.message_user(request, f"Nothing discarded: {error}", messages.ERROR)
            else:
                self.message_user(request, "The unpublished changes are discarded.")
            return redirect("admin:articles_article_change", article.pk)
        return TemplateResponse(
            request,
            "admin/articles/article/discard_changes.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": f"Discard the unpublished changes to “{article}”?",
                "object": article,
                "original": article,
            },
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        if object_id is not None and PendingChange.objects.filter(article_id=object_id).exists():
            extra_context["pending_banner"] = BANNER
        if object_id is not None:
            extra_context["may_publish_changes"] = request.user.has_perm(
                "articles.publish_article"
            )
        return super().changeform_view(request, object_id, form_url, extra_context)
