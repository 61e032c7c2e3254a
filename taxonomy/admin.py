from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.postgres.forms import SimpleArrayField
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Count, Func, IntegerField, OuterRef, Q, Subquery, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from taggit.models import Tag

from . import services
from .history import HistoryAdminMixin
from .locks import LockedAdminMixin
from .models import Term, Vocabulary
from .presence import PresenceAdminMixin
from .sorting import SortName, name_ordering
from .versioning import VersionedAdminMixin

# The term's chain of broader terms as "Africa › Sahel › Mali", one correlated query per row
# of the page (no extra round trip): the changelist sorts by it, which draws the tree.
_TERM_TABLE = connection.ops.quote_name(Term._meta.db_table)
TREE_PATH = RawSQL(
    f"""(
    WITH RECURSIVE chain(id, parent_id, name, depth) AS (
        SELECT t.id, t.parent_id, t.name, 0 FROM {_TERM_TABLE} t
        WHERE t.id = {_TERM_TABLE}.id
        UNION ALL
        SELECT p.id, p.parent_id, p.name, chain.depth + 1
        FROM {_TERM_TABLE} p JOIN chain ON p.id = chain.parent_id
        WHERE chain.depth < 50
    )
    SELECT string_agg(name, ' › ' ORDER BY depth DESC) FROM chain
    )""",
    [],
    output_field=TextField(),
)


class TermAdminForm(forms.ModelForm):
    aliases = SimpleArrayField(
        forms.CharField(max_length=200),
        delimiter="\n",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=Term._meta.get_field("aliases").help_text,
    )

    class Meta:
        model = Term
        fields = ["vocabulary", "name", "slug", "parent", "aliases", "scope_note"]

    def clean_aliases(self):
        return [alias.strip() for alias in self.cleaned_data["aliases"] if alias.strip()]

    def clean_vocabulary(self):
        vocabulary = self.cleaned_data["vocabulary"]
        term = self.instance
        if term.pk is not None and vocabulary.pk != term.vocabulary_id and term.children.exists():
            raise ValidationError(
                "This term has narrower terms; move them elsewhere before moving it to "
                "another vocabulary."
            )
        return vocabulary


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        label="Keep",
        help_text="The others are merged into this one and deleted.",
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = queryset


def merge_page(model_admin, request, queryset, *, form, intro, action):
    return TemplateResponse(
        request,
        "admin/merge_confirmation.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": f"Merge {model_admin.model._meta.verbose_name_plural}",
            "opts": model_admin.model._meta,
            "form": form,
            "objects": queryset,
            "intro": intro,
            "action": action,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        },
    )


def uses_of(obj, admin_site):
    """[(label, [(text, url or None)])]: what links to `obj` through many-to-many fields.

    Found through _meta, because this app does not know what it classifies.
    """
    uses = []
    for relation in obj._meta.related_objects:
        if not relation.many_to_many:
            continue
        model = relation.related_model
        items = []
        for other in model._default_manager.filter(**{relation.field.name: obj}):
            url = None
            if admin_site.is_registered(model):
                try:
                    url = reverse(
                        f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                        args=[other.pk],
                    )
                except NoReverseMatch:
                    url = None
            items.append((str(other), url))
        if items:
            uses.append((model._meta.verbose_name_plural, items))
    return uses


@admin.register(Vocabulary)
class VocabularyAdmin(
    HistoryAdminMixin, PresenceAdminMixin, LockedAdminMixin, VersionedAdminMixin, admin.ModelAdmin
):
    list_display = ["name", "slug", "position", "term_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_terms=Count("terms"))

    @admin.display(description="terms", ordering="n_terms")
    def term_count(self, obj):
        return obj.n_terms


@admin.register(Term)
class TermAdmin(
    HistoryAdminMixin, PresenceAdminMixin, LockedAdminMixin, VersionedAdminMixin, admin.ModelAdmin
):
    form = TermAdminForm
    list_display = ["tree_name", "vocabulary", "broader", "alias_list"]
    list_display_links = ["tree_name"]
    list_filter = ["vocabulary"]
    list_select_related = ["vocabulary"]
    list_per_page = 200
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    actions = ["merge_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(tree_path=TREE_PATH)

    def get_ordering(self, request):
        # An expression, not the annotation's name: the parent field's choices use it too.
        return ["vocabulary__position", SortName(TREE_PATH).asc(), TREE_PATH.asc()]

    def get_search_results(self, request, queryset, search_term):
        """Match aliases too, so that “Keita” finds Ibrahim Boubacar Keïta."""
        base = queryset
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            alias_text = Func(
                "aliases", Value(" "), function="array_to_string", output_field=TextField()
            )
            by_alias = base.alias(alias_text=alias_text).filter(
                Q(alias_text__icontains=search_term.strip())
            )
            queryset = queryset | by_alias
        return queryset, may_have_duplicates

    @admin.display(description="term", ordering="tree_path")
    def tree_name(self, obj):
        depth = (obj.tree_path or "").count(" › ")
        return format_html("{}{}", "\u2003" * depth + ("└ " if depth else ""), obj.name)

    @admin.display(description="broader terms")
    def broader(self, obj):
        path = (obj.tree_path or "").rsplit(" › ", 1)
        return path[0] if len(path) == 2 else "—"

    @admin.display(description="aliases")
    def alias_list(self, obj):
        return ", ".join(obj.aliases) or "—"

    def has_merge_permission(self, request):
        return self.has_change_permission(request) and self.has_delete_permission(request)

    @admin.action(permissions=["merge"], description="Merge selected terms…")
    def merge_selected(self, request, queryset):
        queryset = queryset.select_related("vocabulary")
        if queryset.count() < 2:
            self.message_user(request, "Select at least two terms to merge.", messages.WARNING)
            return None
        form = MergeForm(request.POST if "apply" in request.POST else None, queryset=queryset)
        if not form.is_valid():
            return merge_page(
                self,
                request,
                queryset,
                form=form,
                action="merge_selected",
                intro="Articles classified with the other terms will be classified with the "
                "one you keep; their names become its aliases; their narrower terms move "
                "under it; then they are deleted. All in one step.",
            )
        target = form.cleaned_data["target"]
        merged = []
        for source in queryset.exclude(pk=target.pk):
            try:
                services.term_merge(source=source, target=target)
            except services.MergeError as error:
                self.message_user(request, f"“{source}” not merged: {error}", messages.ERROR)
            else:
                merged.append(f"“{source}”")
        if merged:
            self.message_user(
                request, f"Merged {len(merged)} into “{target}”: {', '.join(merged)}."
            )
        return None

    def delete_view(self, request, object_id, extra_context=None):
        term = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if term is not None:
            extra_context["uses"] = uses_of(term, self.admin_site)
        return super().delete_view(request, object_id, extra_context)


class TagAdminForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name"]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Tag.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).first()
        if clash is not None:
            raise ValidationError(
                f"The tag “{clash.name}” already exists; to combine them, select both in the "
                "list and use “Merge selected tags”."
            )
        return name


def tag_use_count():
    """How many objects use each tag, over every through model (this app knows none by name)."""
    total = Value(0)
    for relation in Tag._meta.related_objects:
        if relation.one_to_many:
            counts = (
                relation.related_model._default_manager.filter(
                    **{relation.field.name: OuterRef("pk")}
                )
                .order_by()
                .values(relation.field.name)
                .annotate(n=Count("*"))
                .values("n")
            )
            total = total + Coalesce(Subquery(counts, output_field=IntegerField()), 0)
    return total


# taggit registers its own admin, which merges row by row inside the view: replaced.
admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(PresenceAdminMixin, LockedAdminMixin, VersionedAdminMixin, admin.ModelAdmin):
    """Free tags: rename in the form (the address follows), merge from the list."""

    form = TagAdminForm
    list_display = ["name", "slug", "use_count"]
    search_fields = ["name"]
    readonly_fields = ["slug"]
    ordering = name_ordering()
    actions = ["merge_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_uses=tag_use_count())

    @admin.display(description="uses", ordering="n_uses")
    def use_count(self, obj):
        return obj.n_uses

    def save_model(self, request, obj, form, change):
        if change:
            services.tag_rename(tag=obj, name=form.cleaned_data["name"])
        else:
            obj.slug = services.free_tag_slug(obj.name)
            obj.save()

    def has_merge_permission(self, request):
        return self.has_change_permission(request) and self.has_delete_permission(request)

    @admin.action(permissions=["merge"], description="Merge selected tags…")
    def merge_selected(self, request, queryset):
        if queryset.count() < 2:
            self.message_user(request, "Select at least two tags to merge.", messages.WARNING)
            return None
        form = MergeForm(request.POST if "apply" in request.POST else None, queryset=queryset)
        if not form.is_valid():
            return merge_page(
                self,
                request,
                queryset,
                form=form,
                action="merge_selected",
                intro="Everything tagged with the other tags will carry the one you keep; "
                "then the others are deleted. All in one step.",
            )
        target = form.cleaned_data["target"]
        sources = list(queryset.exclude(pk=target.pk))
        services.tag_merge(sources=sources, target=target)
        names = ", ".join(f"“{tag}”" for tag in sources)
        self.message_user(request, f"Merged {len(sources)} into “{target}”: {names}.")
        return None
