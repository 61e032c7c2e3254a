"""Authors, updates and article tags, each with an admin of its own."""

from django.contrib import admin

from taxonomy.versioning import VersionedAdminMixin

from .. import versioning
from ..models import Author, TaggedArticle, Update
from .forms import UpdateInlineForm
from .retraction import retract_selected


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
    actions = [retract_selected]

    def record_version(self, obj):
        versioning.capture(obj.article)  # a new version of the article it belongs to


@admin.register(TaggedArticle)
class TaggedArticleAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = ["tag", "content_object"]
    list_select_related = ["tag", "content_object"]
    search_fields = ["tag__name", "content_object__title"]
    autocomplete_fields = ["tag", "content_object"]

    def record_version(self, obj):
        versioning.capture(obj.content_object)
