"""Static pages and redirects: what editors keep of the site's addresses and fixed pages."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import Resolver404, resolve

from ..models import FormerSlug, Page, Redirect
from .forms import rich_text_field


class PageAdminForm(forms.ModelForm):
    body = rich_text_field(required=False, help_text=Page._meta.get_field("body").help_text)

    class Meta:
        model = Page
        fields = ["title", "slug", "body"]

    def clean_slug(self):
        """A page's address is /<slug>/: refused if another page of the site answers there."""
        slug = self.cleaned_data["slug"]
        try:
            match = resolve(f"/{slug}/")
        except Resolver404:
            match = None
        if match is None or match.view_name != "articles:page":
            raise ValidationError(f"/{slug}/ is already an address of the site; choose another.")
        return slug


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    form = PageAdminForm
    list_display = ["title", "slug", "modified_at"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    list_display = ["old_path", "new_path", "note", "created_at"]
    search_fields = ["old_path", "new_path", "note"]
    fields = ["old_path", "new_path", "note"]


@admin.register(FormerSlug)
class FormerSlugAdmin(admin.ModelAdmin):
    """The addresses articles left behind: kept by the database, read-only here."""

    list_display = ["slug", "article_id", "left_at", "removed_at"]
    search_fields = ["slug"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
