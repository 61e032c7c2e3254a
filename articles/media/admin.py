"""The media library in the admin: images (with thumbnails, search, filters, several
uploads at once, the focal point, where each is used) and documents."""

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from . import services
from .forms import DocumentAddForm, ImageAddForm, ImageBatchForm, ImageChangeForm
from .models import Document, Image
from .renditions import renditions


class UsedFilter(admin.SimpleListFilter):
    title = "use"
    parameter_name = "used"

    def lookups(self, request, model_admin):
        return [("yes", "Used by an article"), ("no", "Unused")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(lead_articles__isnull=False).distinct()
        if self.value() == "no":
            return queryset.filter(lead_articles__isnull=True)
        return queryset


class FormatFilter(admin.SimpleListFilter):
    title = "type"
    parameter_name = "format"
    FORMATS = {"jpg": "JPEG", "png": "PNG", "webp": "WebP", "avif": "AVIF"}

    def lookups(self, request, model_admin):
        return list(self.FORMATS.items())

    def queryset(self, request, queryset):
        if self.value() in self.FORMATS:
            return queryset.filter(file__endswith=f".{self.value()}")
        return queryset


class AltTextFilter(admin.SimpleListFilter):
    title = "alt text"
    parameter_name = "alt"

    def lookups(self, request, model_admin):
        return [("missing", "Missing (cannot be published)"), ("ok", "Described or decorative")]

    def queryset(self, request, queryset):
        described = Q(is_decorative=True) | ~Q(alt_text="")
        if self.value() == "missing":
            return queryset.exclude(described)
        if self.value() == "ok":
            return queryset.filter(described)
        return queryset


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = [
        "thumbnail",
        "title",
        "has_alt_text",
        "credit",
        "dimensions",
        "uses",
        "uploaded_by",
        "uploaded_at",
    ]
    list_display_links = ["thumbnail", "title"]
    list_filter = [AltTextFilter, UsedFilter, FormatFilter, "uploaded_by", "uploaded_at"]
    list_select_related = ["uploaded_by"]
    search_fields = ["title", "alt_text", "caption", "credit"]
    date_hierarchy = "uploaded_at"
    ordering = ["-uploaded_at", "-id"]
    readonly_fields = [
        "focal_point_picker",
        "body_url",
        "dimensions",
        "size",
        "uploaded_by",
        "used_by",
    ]
    change_list_template = "admin/media/image/change_list.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("renditions")
            .annotate(use_count=Count("lead_articles"))
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = ImageChangeForm if obj is not None else ImageAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": ImageAddForm.Meta.fields})]
        return [
            (None, {"fields": ["title", "alt_text", "is_decorative", "caption", "credit"]}),
            (
                "Focal point",
                {
                    "fields": ["focal_point_picker", "focal_x", "focal_y"],
                    "description": "Click the subject of the picture, or type its position. "
                    "The social card and the listing's thumbnail are cut around it.",
                },
            ),
            ("File", {"fields": ["body_url", "dimensions", "size", "uploaded_by", "used_by"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        fields = {name: form.cleaned_data[name] for name in ImageAddForm.Meta.fields[1:]}
        result = services.image_upload(
            upload=form.cleaned_data["upload"], user=request.user, **fields
        )
        form.instance = result.item
        obj.pk = result.item.pk

    def save_related(self, request, form, formsets, change):
        """Nothing: an image has no inlines or many-to-many fields."""

    def log_addition(self, request, obj, message):
        return super().log_addition(request, Image.objects.get(pk=obj.pk), message)

    def response_add(self, request, obj, post_url_continue=None):
        return super().response_add(request, Image.objects.get(pk=obj.pk), post_url_continue)

    @admin.display(description="")
    def thumbnail(self, image):
        rendition = renditions(image, ["thumb.jpeg"])["thumb.jpeg"]
        return format_html(
            '<img src="{}" width="80" height="50" alt="" class="media-thumb">', rendition.url
        )

    @admin.display(boolean=True, description="alt text")
    def has_alt_text(self, image):
        return image.has_alt_text

    @admin.display(description="size (pixels)")
    def dimensions(self, image):
        return f"{image.width}×{image.height}"

    @admin.display(description="file size")
    def size(self, image):
        return filesizeformat(image.file_size)

    @admin.display(description="uses", ordering="use_count")
    def uses(self, image):
        return image.use_count

    @admin.display(description="used by")
    def used_by(self, image):
        articles = image.lead_articles.order_by("title")
        if not articles:
            return "No article uses it."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> (lead image)</li>',
                (
                    (reverse("admin:articles_article_change", args=[a.pk]), a.title)
                    for a in articles
                ),
            ),
        )

    @admin.display(description="in an article's body")
    def body_url(self, image):
        """What the body editor's Figure button asks for: this picture's URL."""
        rendition = renditions(image, ["w960.jpeg"])["w960.jpeg"]
        return format_html(
            '<code>{}</code><div class="help">Paste this address into the body editor\'s '
            "figure button, with the alt text and the caption.</div>",
            rendition.url,
        )

    @admin.display(description="picture")
    def focal_point_picker(self, image):
        preview = renditions(image, ["w960.jpeg"])["w960.jpeg"]
        return format_html(
            '<div class="focal-point" data-focal-x="{}" data-focal-y="{}">'
            '<img src="{}" width="{}" height="{}" alt="{}">'
            '<span class="focal-point-marker" aria-hidden="true"></span></div>',
            image.focal_x,
            image.focal_y,
            preview.url,
            preview.width,
            preview.height,
            image.alt,
        )

    class Media:
        css = {"all": ["media/admin.css"]}
        js = ["media/focal_point.js"]

    def get_urls(self):
        upload = self.admin_site.admin_view(self.upload_several)
        return [path("upload/", upload, name="media_image_upload"), *super().get_urls()]

    def upload_several(self, request):
        """Several pictures at once: each accepted, reused (already there) or refused."""
        if not self.has_add_permission(request):
            return redirect("admin:media_image_changelist")
        form = ImageBatchForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            counts = {"new": 0, "reused": 0}
            for upload in form.cleaned_data["files"]:
                try:
                    result = services.image_upload(
                        upload=upload, user=request.user, credit=form.cleaned_data["credit"]
                    )
                except services.UploadRefused as refusal:
                    messages.error(request, f"{upload.name}: not added. {refusal}")
                    continue
                counts["new" if result.is_new else "reused"] += 1
                if not result.is_new:
                    messages.info(
                        request, f"{upload.name}: in the library already, as “{result.item}”."
                    )
            messages.success(
                request,
                f"{counts['new']} picture(s) added. Give each one its alt text before use.",
            )
            return redirect("admin:media_image_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": "Upload several pictures",
        }
        return TemplateResponse(request, "admin/media/image/upload.html", context)


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    form = DocumentAddForm
    list_display = ["title", "content_type", "size", "uploaded_by", "uploaded_at"]
    list_select_related = ["uploaded_by"]
    search_fields = ["title"]
    list_filter = ["content_type", "uploaded_by"]
    readonly_fields = ["content_type", "size", "uploaded_by"]

    def get_fields(self, request, obj=None):
        return ["upload", "title"] if obj is None else ["title", "content_type", "size"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            kwargs["form"] = admin.ModelAdmin.form
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        result = services.document_upload(
            upload=form.cleaned_data["upload"], title=form.cleaned_data["title"], user=request.user
        )
        obj.pk = result.item.pk

    def save_related(self, request, form, formsets, change):
        """Nothing: a document has no inlines or many-to-many fields."""

    def log_addition(self, request, obj, message):
        return super().log_addition(request, Document.objects.get(pk=obj.pk), message)

    def response_add(self, request, obj, post_url_continue=None):
        return super().response_add(request, Document.objects.get(pk=obj.pk), post_url_continue)

    @admin.display(description="file size")
    def size(self, document):
        return filesizeformat(document.file_size)
