from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import Count, Func, IntegerField, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from taggit.models import Tag

from . import services
from .forms import MergeForm, TagAdminForm, TermAdminForm
from .history import HistoryAdminMixin
from .locks import LockedAdminMixin
from .models import TREE_PATH, Term, Vocabulary
from .pickers import term_label
from .presence import PresenceAdminMixin
from .sorting import SortName, fold, name_ordering
from .versioning import VersionedAdminMixin


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


def with_use_counts(queryset):
    """(the queryset annotated, a label for its rows): "Places › Mali — 3 articles", what
    links to each row through each many-to-many field, counted in the same query (this
    app knows none of them by name)."""
    relations = [r for r in queryset.model._meta.related_objects if r.many_to_many]
    counts = {}
    for n, relation in enumerate(relations):
        to_this = relation.field.m2m_reverse_field_name()
        links = (
            relation.through._default_manager.filter(**{to_this: OuterRef("pk")})
            .order_by()
            .values(to_this)
            .annotate(n=Count("*"))
            .values("n")
        )
        counts[f"n_uses_{n}"] = Coalesce(Subquery(links, output_field=IntegerField()), 0)

    def label(obj):
        uses = []
        for n, relation in enumerate(relations):
            count, meta = getattr(obj, f"n_uses_{n}"), relation.related_model._meta
            uses.append(f"{count} {meta.verbose_name if count == 1 else meta.verbose_name_plural}")
        return f"{term_label(obj)} — {', '.join(uses) or 'not used'}"

    return queryset.annotate(**counts), label


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


def is_parent_picker(request):
    """Whether this is the autocomplete of a term's broader term (taxonomy/pickers.py)."""
    source = (request.GET.get("app_label"), request.GET.get("model_name"))
    return source == ("taxonomy", "term") and request.GET.get("field_name") == "parent"


def as_id(value):
    """The id that a request parameter names, or None (not digits, or past an integer)."""
    value = str(value or "")
    return int(value) if value.isdigit() and len(value) < 10 else None


def parent_choices(queryset, *, vocabulary, term):
    """The broader terms a term may take: in the vocabulary chosen (or the term's own),
    never the term itself or one of its narrower terms. Values not of ids are ignored."""
    term = Term.objects.filter(pk=as_id(term)).first() if as_id(term) else None
    if as_id(vocabulary):
        queryset = queryset.filter(vocabulary_id=as_id(vocabulary))
    elif term is not None:
        queryset = queryset.filter(vocabulary_id=term.vocabulary_id)
    if term is not None:
        queryset = queryset.exclude(pk__in=Term.descendant_ids([term.pk]))
    return queryset


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
        return super().get_queryset(request).with_paths()

    def get_ordering(self, request):
        # An expression, not the annotation's name: the parent field's choices use it too.
        return ["vocabulary__position", SortName(TREE_PATH).asc(), TREE_PATH.asc()]

    def get_search_results(self, request, queryset, search_term):
        """Every word in the vocabulary, the path or an alias, accents and case ignored:
        “mali gao” and “places gao” find Gao, “Keita” finds Ibrahim Boubacar Keïta."""
        if is_parent_picker(request):
            get = request.GET.get
            queryset = parent_choices(queryset, vocabulary=get("vocabulary"), term=get("for_term"))
        words = [fold(word) for word in search_term.split() if any(c.isalnum() for c in word)]
        if not words:
            return queryset, False
        text = Func(
            Concat(
                "vocabulary__name",
                Value(" "),
                TREE_PATH,
                Value(" "),
                Func("aliases", Value(" "), function="array_to_string", output_field=TextField()),
                output_field=TextField(),
            ),
            function="unaccent",
            output_field=TextField(),
        )
        queryset = queryset.alias(search_text=text)
        for word in words:
            queryset = queryset.filter(search_text__icontains=word)
        return queryset, False

    def autocomplete_label(self, obj):
        return term_label(obj)

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
        if queryset.count() < 2:
            self.message_user(request, "Select at least two terms to merge.", messages.WARNING)
            return None
        queryset, label = with_use_counts(queryset.with_paths())
        data = request.POST if "apply" in request.POST else None
        form = MergeForm(data, queryset=queryset, label=label)
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


def tag_label(tag):
    """ "fuel — used 3 times": the row's ``n_uses`` (TagAdmin.get_queryset)."""
    times = "once" if tag.n_uses == 1 else f"{tag.n_uses} times"
    return f"{tag.name} — used {times}" if tag.n_uses else f"{tag.name} — not used"


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
        data = request.POST if "apply" in request.POST else None
        form = MergeForm(data, queryset=queryset, label=tag_label)
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
