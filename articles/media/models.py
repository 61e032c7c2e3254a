"""Images (with their renditions) and documents, each stored under a generated name."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

FOCAL_HELP = "Where the subject is, from 0 (left/top) to 1 (right/bottom); crops keep it in view."


class ImageQuerySet(models.QuerySet):
    def get_by_natural_key(self, content_hash):
        return self.get(content_hash=content_hash)


class Image(models.Model):
    """A picture in the library. Its file is a re-encoded copy of the upload, without
    metadata (GPS, camera): the upload itself is never stored (validation.py)."""

    file = models.FileField(upload_to="images/", max_length=255)
    title = models.CharField(
        max_length=255,
        blank=True,
        help_text="For finding it in the library; readers never see it.",
    )
    alt_text = models.CharField(
        "alt text",
        max_length=400,
        blank=True,
        help_text="What the picture shows, for readers who cannot see it. Required before an "
        "article using it can be published, unless the picture is marked decorative.",
    )
    is_decorative = models.BooleanField(
        "decorative",
        default=False,
        help_text="Adds nothing a reader needs (a texture, a mood): screen readers skip it.",
    )
    caption = models.TextField(blank=True, help_text="Shown under the picture, without credit.")
    credit = models.CharField(
        max_length=200, blank=True, help_text="Photographer or agency, e.g. “UN Photo/M. Dormino”."
    )
    focal_x = models.FloatField(
        "focal point x",
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=FOCAL_HELP,
    )
    focal_y = models.FloatField(
        "focal point y",
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=FOCAL_HELP,
    )
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    file_size = models.PositiveBigIntegerField(editable=False, help_text="Bytes stored.")
    content_hash = models.CharField(
        max_length=64, editable=False, help_text="SHA-256 of the uploaded bytes."
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["content_hash"], name="media_image_hash_unique"),
            models.CheckConstraint(
                condition=Q(focal_x__gte=0, focal_x__lte=1, focal_y__gte=0, focal_y__lte=1),
                name="media_image_focal_point_inside",
                violation_error_message="The focal point lies inside the picture (0 to 1).",
            ),
        ]

    def __str__(self):
        return self.title or self.alt_text[:60] or self.file.name.rsplit("/", 1)[-1]

    def natural_key(self):
        return (self.content_hash,)

    @property
    def has_alt_text(self):
        """Publishable: described, or explicitly decorative."""
        return self.is_decorative or bool(self.alt_text.strip())

    @property
    def alt(self):
        """The alt attribute: empty for a decorative picture."""
        return "" if self.is_decorative else self.alt_text


class Rendition(models.Model):
    """One derived file of an image for one spec (renditions.SPECS), made once."""

    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="renditions")
    spec = models.CharField(max_length=40)
    # The focal point the file was cut around: a new focal point makes new renditions.
    focal_key = models.CharField(max_length=20)
    file = models.FileField(upload_to="renditions/", max_length=255)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    file_size = models.PositiveBigIntegerField()
    render_ms = models.FloatField(help_text="Milliseconds it took to make (CPU time).")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["image", "spec", "focal_key"], name="media_rendition_unique"
            ),
        ]

    def __str__(self):
        return f"{self.image_id}:{self.spec}"

    @property
    def url(self):
        return self.file.url


class DocumentQuerySet(models.QuerySet):
    def get_by_natural_key(self, content_hash):
        return self.get(content_hash=content_hash)


class Document(models.Model):
    """A file readers can download (a report as PDF)."""

    file = models.FileField(upload_to="documents/", max_length=255)
    title = models.CharField(max_length=255, help_text="The name readers see in the list.")
    file_size = models.PositiveBigIntegerField(editable=False)
    content_type = models.CharField(max_length=100, editable=False)
    content_hash = models.CharField(max_length=64, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["title", "id"]
        constraints = [
            models.UniqueConstraint(fields=["content_hash"], name="media_document_hash_unique"),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.content_hash,)

    @property
    def type_label(self):
        return {"application/pdf": "PDF"}.get(self.content_type, self.content_type)
