"""The article admin: the form, the list, the workflow actions."""

import json
from functools import partialmethod

from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import unquote
from django.db.models import Count, Prefetch, Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import mark_safe

from taxonomy.models import Term
from taxonomy.pickers import term_label
from taxonomy.presence import PresenceAdminMixin

from .. import services, versioning
from ..html import sanitize_html
from ..models import Article, ArticleAuthor, Update
from .columns import COLUMNS, ArticleColumnsMixin
from .comments import CommentsMixin
from .filters import HasCorrectionsFilter, StatusFilter, TermFilter
from .forms import ArticleAdminForm, ScheduleForm
from .history import ArticleHistoryMixin
from .inlines import ArticleAuthorInline, ArticleDocumentInline, UpdateInline
from .review import PeopleFilter, ReviewMixin
from .staged import PendingChangesFilter, StagedChangesMixin
from .suggestions import TermSuggestionsMixin


@admin.register(Article)
class ArticleAdmin(
    ArticleColumnsMixin,
    PresenceAdminMixin,
    ReviewMixin,
    CommentsMixin,
    StagedChangesMixin,
    ArticleHistoryMixin,
    TermSuggestionsMixin,
    admin.ModelAdmin,
):
    form = ArticleAdminForm
    list_display = COLUMNS
    list_select_related = ["modified_by"]
    list_per_page = 50
    search_fields = ["title", "standfirst", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["terms", "lead_image"]
    readonly_fields = [
        "updated_at",
        "created_at",
        "created_by",
        "modified_at",
        "modified_by",
    ]
    inlines = [ArticleAuthorInline, UpdateInline, ArticleDocumentInline]
    actions = [
        "publish_selected",
        "schedule_selected",
        "withdraw_selected",
        "submit_selected",
        "publish_changes_selected",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "body"]}),
        ("Lead image", {"fields": ["lead_image", "lead_image_caption", "lead_image_credit"]}),
        ("Classification", {"fields": ["terms", "tags", "new_tags"]}),
        (
            "Publishing",
            {"fields": ["status", "assignee", "published_at", "expires_at", "updated_at"]},
        ),
        ("History", {"fields": ["version_comment"]}),
        (
            "Newsroom only",
            {
                "fields": [
                    "internal_note",
                    "created_at",
                    "created_by",
                    "modified_at",
                    "modified_by",
                ]
            },
        ),
    ]

    class Media:
        # The presence script (PresenceAdminMixin.Media, which this one shadows); the term
        # filter's picker: the admin's autocomplete, in the order it needs (select2
        # before jquery.init.js, which takes jQuery away from the page), then the filter's
        # script and the list's stylesheet.
        js = [
            *PresenceAdminMixin.Media.js,
            "admin/js/vendor/jquery/jquery.min.js",
            "admin/js/vendor/select2/select2.full.min.js",
            "admin/js/jquery.init.js",
            "admin/js/autocomplete.js",
            "articles/admin-term-filter.js",
        ]
        css = {
            **PresenceAdminMixin.Media.css,
            "screen": [
                "admin/css/vendor/select2/select2.min.css",
                "admin/css/autocomplete.css",
                "articles/admin-article-list.css",
            ],
        }

    # Queries and permissions

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_updates=Count("updates", filter=~Q(updates__kind=Update.Kind.CORRECTION)),
                n_corrections=Count("updates", filter=Q(updates__kind=Update.Kind.CORRECTION)),
            )
            .prefetch_related(
                Prefetch(
                    "article_authors",
                    queryset=ArticleAuthor.objects.select_related("author").order_by("position"),
                )
            )
        )

    def get_list_filter(self, request):
        return [
            StatusFilter,
            PeopleFilter,
            PendingChangesFilter,
            ("authors", admin.RelatedOnlyFieldListFilter),
            HasCorrectionsFilter,
            TermFilter,
        ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "terms":
            # The picker reads "Places › Mali › Gao", the chosen terms too (one query);
            # the terms found in the text are offered under it (suggestions.py).
            kwargs["queryset"] = Term.objects.with_paths()
            kwargs["widget"] = self.terms_widget(db_field)
            field = super().formfield_for_manytomany(db_field, request, **kwargs)
            field.label_from_instance = term_label
            return field
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or services.can_edit(request.user, obj)

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_article")

    def has_withdraw_permission(self, request):
        return request.user.has_perm("articles.withdraw_article")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        may_schedule = request.user.has_perm("articles.publish_article")
        if not may_schedule or (obj is not None and obj.is_publication_date_fixed):
            fields.append("published_at")
        if self.is_view_only(request, obj):
            fields.append("rendered_body")
        return fields

    def get_fieldsets(self, request, obj=None):
        """No assignee on a published article's form: it is reviewed already (and its
        staged changes keep the text only). Read-only, the body reads as readers see it."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.status == Article.Status.PUBLISHED:
            fieldsets = [
                (name, {**options, "fields": [f for f in options["fields"] if f != "assignee"]})
                for name, options in fieldsets
            ]
        if not self.is_view_only(request, obj):
            return fieldsets
        return [
            (name, {**options, "fields": [
                "rendered_body" if f == "body" else f for f in options["fields"]
            ]})
            for name, options in fieldsets
        ]  # fmt: skip

    def is_view_only(self, request, obj):
        return obj is not None and not self.has_change_permission(request, obj)

    @admin.display(description="body")
    def rendered_body(self, obj):
        # Sanitised again on the way out: the stored body already was, when it was saved.
        return mark_safe(sanitize_html(obj.body))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        # A class of this request's own (modelform_factory made a new one already), with
        # the editor bound to __init__: nothing is set on a class other requests share.
        return type(
            form.__name__, (form,), {"__init__": partialmethod(form.__init__, user=request.user)}
        )

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_published() else None

    # Views

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id is not None:
            obj = self.get_object(request, unquote(object_id))
            if obj is not None and not self.has_change_permission(request, obj):
                self.message_user(
                    request,
                    "Not saved: you can edit only your own drafts and articles in review. "
                    "Ask an editor to make this change.",
                    messages.ERROR,
                )
                return redirect(request.path)
        extra_context = extra_context or {}
        if object_id is not None:
            extra_context["preview_url"] = reverse("articles:preview", args=[object_id])
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        """Nothing here: save_related saves the article and its inlines in one service call."""

    def save_related(self, request, form, formsets, change):
        if change and self.is_staged(form.instance):
            self.save_staged(request, form, formsets)  # readers keep the published version
            return

        def save_inlines(article):
            super(ArticleAdmin, self).save_related(request, form, formsets, change)
            message = self.construct_change_message(request, form, formsets, not change)
            return LogEntry(change_message=json.dumps(message)).get_change_message()

        # The lock, the rules, the dates, the stamps and one version (none if nothing
        # changed, compared with the last version): all in the service.
        services.article_save(
            article=form.instance,
            user=request.user,
            opened_version=form.cleaned_data["lock_version"],
            note=form.cleaned_data.get("version_comment", ""),
            save_related=save_inlines,
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "may_restore": request.user.has_perm("articles.restore_article"),
        }
        if request.method == "POST":
            # One revision per action, whatever number of articles it changes.
            with versioning.versioned(user=request.user):
                return super().changelist_view(request, extra_context)
        return super().changelist_view(request, extra_context)

    # Actions

    def _apply(self, request, queryset, service, done, **kwargs):
        changed, skipped = 0, []
        for article in queryset:
            try:
                service(article=article, user=request.user, **kwargs)
            except services.WorkflowError as error:
                skipped.append(f"“{article.title}”: {error}")
            else:
                changed += 1
        self.message_user(request, f"{done} {changed} article{'s' if changed != 1 else ''}.")
        if skipped:
            self.message_user(
                request,
                f"Skipped {len(skipped)}: " + " ".join(skipped),
                messages.WARNING,
            )

    @admin.action(permissions=["publish"], description="Publish now")
    def publish_selected(self, request, queryset):
        self._apply(request, queryset, services.article_publish, "Published")

    @admin.action(permissions=["publish"], description="Schedule for publication…")
    def schedule_selected(self, request, queryset):
        form = ScheduleForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            at = form.cleaned_data["publish_at"]
            self._apply(request, queryset, services.article_schedule, "Scheduled", at=at)
            return None
        return TemplateResponse(
            request,
            "admin/articles/article/schedule.html",
            {
                **self.admin_site.each_context(request),
                "title": "Schedule articles",
                "opts": self.model._meta,
                "form": form,
                "articles": queryset,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "media": self.media + form.media,
            },
        )

    @admin.action(permissions=["withdraw"], description="Withdraw from the site")
    def withdraw_selected(self, request, queryset):
        self._apply(request, queryset, services.article_withdraw, "Withdrew")
