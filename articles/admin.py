import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from reversion.models import Version

from taxonomy.models import Term, Vocabulary
from taxonomy.versioning import VersionedAdminMixin

from . import services, versioning
from .forms import ArticleAdminForm, ScheduleForm, UpdateInlineForm
from .models import Article, ArticleAuthor, Author, TaggedArticle, Update


class ArticleInlinePermissions:
    """Inlines of an article the user may not edit are shown read-only."""

    def _may_edit_parent(self, request, obj):
        return obj is None or services.can_edit(request.user, obj)

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and self._may_edit_parent(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_edit_parent(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_edit_parent(request, obj)


class ArticleAuthorInline(ArticleInlinePermissions, admin.TabularInline):
    model = ArticleAuthor
    extra = 0
    autocomplete_fields = ["author"]
    fields = ["position", "author"]
    ordering = ["position", "id"]
    verbose_name = "author"
    verbose_name_plural = "Authors (in byline order: lowest position first)"


class UpdateInline(ArticleInlinePermissions, admin.StackedInline):
    model = Update
    form = UpdateInlineForm
    extra = 0
    fields = ["kind", "published_at", "title", "body"]
    ordering = ["published_at", "order", "id"]
    verbose_name_plural = "Updates, corrections and editor’s notes (newest last)"


class StatusFilter(admin.SimpleListFilter):
    """The statuses, with scheduled articles apart from those already live."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("review", "In review"),
            ("scheduled", "Scheduled"),
            ("live", "Published (live)"),
            ("withdrawn", "Withdrawn"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        published = queryset.filter(status=Article.Status.PUBLISHED)
        match self.value():
            case "scheduled":
                return published.filter(published_at__gt=now)
            case "live":
                return published.filter(published_at__lte=now)
            case None:
                return queryset
            case value:
                return queryset.filter(status=value)


class HasCorrectionsFilter(admin.SimpleListFilter):
    title = "corrections"
    parameter_name = "has_corrections"

    def lookups(self, request, model_admin):
        return [("yes", "Has corrections"), ("no", "No corrections")]

    def queryset(self, request, queryset):
        corrections = Update.objects.filter(article=OuterRef("pk"), kind=Update.Kind.CORRECTION)
        if self.value() == "yes":
            return queryset.filter(Exists(corrections))
        if self.value() == "no":
            return queryset.filter(~Exists(corrections))
        return queryset


def vocabulary_filter(vocabulary):
    """A list filter for one vocabulary's terms; a term also finds its narrower terms."""

    class VocabularyTermFilter(admin.SimpleListFilter):
        title = vocabulary.name
        parameter_name = f"term_{vocabulary.slug}"

        def lookups(self, request, model_admin):
            return [(str(t.pk), t.name) for t in vocabulary.terms.all()]

        def queryset(self, request, queryset):
            if not self.value() or not self.value().isdigit():
                return queryset
            ids = Term.descendant_ids([self.value()])
            return queryset.filter(
                Exists(Article.terms.through.objects.filter(article=OuterRef("pk"), term__in=ids))
            )

    return VocabularyTermFilter


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "title",
        "status_label",
        "published_at",
        "byline",
        "update_count",
        "correction_count",
        "modified_at",
        "modified_by",
        "is_live",
    ]
    list_select_related = ["modified_by"]
    list_per_page = 50
    search_fields = ["title", "standfirst", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["terms"]
    readonly_fields = [
        "updated_at",
        "created_at",
        "created_by",
        "modified_at",
        "modified_by",
    ]
    inlines = [ArticleAuthorInline, UpdateInline]
    actions = ["publish_selected", "schedule_selected", "withdraw_selected", "submit_selected"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "body"]}),
        ("Lead image", {"fields": ["lead_image_caption", "lead_image_credit"]}),
        ("Classification", {"fields": ["terms", "tags", "new_tags"]}),
        ("Publishing", {"fields": ["status", "published_at", "updated_at"]}),
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
            ("authors", admin.RelatedOnlyFieldListFilter),
            HasCorrectionsFilter,
            *(
                vocabulary_filter(v)
                for v in Vocabulary.objects.prefetch_related(
                    Prefetch("terms", queryset=Term.objects.order_by("name"))
                )
            ),
        ]

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
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.request_user = request.user
        return form

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_published() else None

    # Views

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST":
            # One version per save, recorded by save_related once the inlines are saved.
            with versioning.versioned(user=request.user):
                return self._changeform_view_checked(request, object_id, form_url, extra_context)
        return self._changeform_view_checked(request, object_id, form_url, extra_context)

    def _changeform_view_checked(self, request, object_id, form_url, extra_context):
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
        services.article_save(article=obj, user=request.user, is_new=not change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Compared with the last version rather than the form: an unchanged save (whatever
        # the browser re-sent) adds nothing to the history.
        versioning.capture(form.instance, unless_unchanged=True)
        request._version_note = form.cleaned_data.get("version_comment", "").strip()

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._comment(request, entry)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._comment(request, entry)
        return entry

    def _comment(self, request, entry):
        if reversion.is_active():
            parts = [getattr(request, "_version_note", ""), entry.get_change_message()]
            reversion.set_comment(" — ".join(p for p in parts if p) or "Saved in the admin")

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "may_restore": request.user.has_perm("articles.restore_article"),
        }
        if request.method == "POST":
            with versioning.versioned(user=request.user):
                return super().changelist_view(request, extra_context)
        return super().changelist_view(request, extra_context)

    # Versions

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:object_id>/history/compare/",
                view(self.compare_view),
                name="articles_article_compare",
            ),
            path(
                "<int:object_id>/history/<int:version_id>/restore/",
                view(self.restore_view),
                name="articles_article_restore",
            ),
            path("recover/", view(self.recover_list_view), name="articles_article_recoverlist"),
            path(
                "recover/<int:version_id>/",
                view(self.recover_view),
                name="articles_article_recover",
            ),
            *super().get_urls(),
        ]

    def _context(self, request, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "may_restore": request.user.has_perm("articles.restore_article"),
            **extra,
        }

    def history_view(self, request, object_id, extra_context=None):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        entries = versioning.history(article.pk)
        entries.reverse()
        return TemplateResponse(
            request,
            "admin/articles/article/history.html",
            self._context(
                request,
                title=f"History: {article}",
                object=article,
                original=article,
                entries=entries,
            ),
        )

    def compare_view(self, request, object_id):
        article = self.get_object(request, str(object_id))
        if article is None or not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        entries = {entry.version.pk: entry for entry in versioning.history(article.pk)}
        try:
            first, second = (entries[int(request.GET[key])] for key in ("a", "b"))
        except (KeyError, ValueError):
            self.message_user(request, "Choose two versions to compare.", messages.WARNING)
            return redirect("admin:articles_article_history", article.pk)
        if first.number > second.number:
            first, second = second, first
        return TemplateResponse(
            request,
            "admin/articles/article/compare.html",
            self._context(
                request,
                title=f"Version {first.number} → version {second.number}: {article}",
                object=article,
                original=article,
                first=first,
                second=second,
                rows=versioning.compare(first.state, second.state),
            ),
        )

    def restore_view(self, request, object_id, version_id):
        version = get_object_or_404(
            Version.objects.get_for_object_reference(Article, object_id), pk=version_id
        )
        return self._restore(
            request, version, reverse("admin:articles_article_history", args=[object_id])
        )

    def recover_list_view(self, request):
        if not request.user.has_perm("articles.view_article"):
            raise PermissionDenied
        deleted = Version.objects.get_deleted(Article).select_related("revision__user")
        return TemplateResponse(
            request,
            "admin/articles/article/recover_list.html",
            self._context(request, title="Recover deleted articles", deleted=deleted),
        )

    def recover_view(self, request, version_id):
        version = get_object_or_404(Version.objects.get_deleted(Article), pk=version_id)
        return self._restore(request, version, reverse("admin:articles_article_recoverlist"))

    def _restore(self, request, version, back):
        if request.method != "POST":
            return redirect(back)
        try:
            article, notes = services.article_restore(version=version, user=request.user)
        except services.WorkflowError as error:
            self.message_user(request, f"Not restored: {error}", messages.ERROR)
            return redirect(back)
        number = versioning.version_number(version)
        self.message_user(request, f"“{article}” is back to version {number}, as a new version.")
        if notes:
            self.message_user(request, "Left out: " + "; ".join(notes) + ".", messages.WARNING)
        return redirect("admin:articles_article_change", article.pk)

    # Columns

    @admin.display(description="status", ordering="status")
    def status_label(self, obj):
        if obj.is_scheduled:
            return format_html("Scheduled for {}", obj.published_at.strftime("%d %b %Y %H:%M"))
        return obj.get_status_display()

    @admin.display(description="authors")
    def byline(self, obj):
        return ", ".join(author.name for author in obj.ordered_authors) or "—"

    @admin.display(description="updates", ordering="n_updates")
    def update_count(self, obj):
        return obj.n_updates

    @admin.display(description="corrections", ordering="n_corrections")
    def correction_count(self, obj):
        return obj.n_corrections

    @admin.display(boolean=True, description="Live")
    def is_live(self, obj):
        return obj.is_published()

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

    @admin.action(permissions=["change"], description="Submit for review")
    def submit_selected(self, request, queryset):
        self._apply(request, queryset, services.article_submit, "Submitted")


@admin.register(Author)
class AuthorAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "affiliation"]
    search_fields = ["name", "affiliation"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Update)
class UpdateAdmin(VersionedAdminMixin, admin.ModelAdmin):
    form = UpdateInlineForm
    list_display = ["__str__", "article", "kind", "published_at"]
    list_filter = ["kind"]
    list_select_related = ["article"]
    search_fields = ["title", "body", "article__title"]
    autocomplete_fields = ["article"]
    fields = ["article", "kind", "published_at", "title", "body"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        versioning.capture(obj.article)  # a new version of the article it belongs to


@admin.register(TaggedArticle)
class TaggedArticleAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = ["tag", "content_object"]
    list_select_related = ["tag", "content_object"]
    search_fields = ["tag__name", "content_object__title"]
    autocomplete_fields = ["tag", "content_object"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        versioning.capture(obj.content_object)
