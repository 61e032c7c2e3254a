"""The article form's inlines: its authors in byline order, its updates."""

from django.contrib import admin

from .. import services
from ..models import ArticleAuthor, ArticleDocument, Update
from .forms import UpdateInlineForm


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


class ArticleDocumentInline(ArticleInlinePermissions, admin.TabularInline):
    model = ArticleDocument
    extra = 0
    autocomplete_fields = ["document"]
    fields = ["position", "document"]
    ordering = ["position", "id"]
    verbose_name_plural = "Documents (listed on the page, lowest position first)"
