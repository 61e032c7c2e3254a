"""Authors, updates and article tags, each with an admin of its own.

Each refuses a stale save (taxonomy.locks: the row token); an update saved here raises
its article's edit lock too (services.update_save).
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied

from taxonomy.history import HistoryAdminMixin
from taxonomy.locks import TOKEN_FIELD, LockedAdminMixin
from taxonomy.presence import PresenceAdminMixin
from taxonomy.versioning import VersionedAdminMixin

from .. import services, versioning
from ..models import Author, TaggedArticle, Update
from .forms import UpdateAdminForm
from .retraction import retract_selected


@admin.register(Author)
class AuthorAdmin(
    HistoryAdminMixin, PresenceAdminMixin, LockedAdminMixin, VersionedAdminMixin, admin.ModelAdmin
):
    list_display = ["name", "affiliation"]
    search_fields = ["name", "affiliation"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Update)
class UpdateAdmin(PresenceAdminMixin, LockedAdminMixin, VersionedAdminMixin, admin.ModelAdmin):
    form = UpdateAdminForm
    list_display = ["__str__", "article", "kind", "published_at"]
    list_filter = ["kind"]
    list_select_related = ["article"]
    search_fields = ["title", "body", "article__title"]
    autocomplete_fields = ["article"]
    fields = ["article", "kind", "published_at", "title", "body"]
    actions = [retract_selected]

    # An update of an article that has been published is the public record: it is
    # retracted (with a reason readers see), never deleted on its own. (Deleting the whole
    # article stays possible, and the article can be recovered with its updates.)

    def delete_view(self, request, object_id, extra_context=None):
        update = self.get_object(request, unquote(object_id))
        if update is not None and update.article.is_publication_date_fixed:
            raise PermissionDenied("A published update is retracted, not deleted.")
        return super().delete_view(request, object_id, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        update = self.get_object(request, unquote(object_id))
        if update is not None and update.article.is_publication_date_fixed:
            extra_context = {**(extra_context or {}), "show_delete": False}
        return super().change_view(request, object_id, form_url, extra_context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # one by one, where the rule above is applied
        return actions

    def save_model(self, request, obj, form, change):
        services.update_save(
            update=obj,
            user=request.user,
            opened_token=(form.cleaned_data.get(TOKEN_FIELD) or None) if change else None,
        )

    def record_version(self, obj):
        versioning.capture(obj.article)  # a new version of the article it belongs to


@admin.register(TaggedArticle)
class TaggedArticleAdmin(
    PresenceAdminMixin, LockedAdminMixin, VersionedAdminMixin, admin.ModelAdmin
):
    list_display = ["tag", "content_object"]
    list_select_related = ["tag", "content_object"]
    search_fields = ["tag__name", "content_object__title"]
    autocomplete_fields = ["tag", "content_object"]

    def record_version(self, obj):
        versioning.capture(obj.content_object)
