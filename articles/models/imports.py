from django.db import models


class ImportedPostQuerySet(models.QuerySet):
    def get_by_natural_key(self, guid):
        return self.get(guid=guid)


class ImportedPost(models.Model):
    """An article that came from a WordPress export, matched by the post's GUID on a re-run.

    `content_hash` is a digest of what the export said; `article_version` is the article's
    lock_version right after the import wrote it, so a save by anyone since (an editor)
    shows as a higher number and the next import leaves the article alone.
    """

    guid = models.CharField(max_length=500, help_text="The post's GUID in the export.")
    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, related_name="import_record"
    )
    content_hash = models.CharField(max_length=64)
    article_version = models.PositiveIntegerField(default=0)
    imported_at = models.DateTimeField()

    objects = ImportedPostQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["guid"], name="articles_importedpost_guid_unique"),
        ]

    def __str__(self):
        return self.guid

    def natural_key(self):
        return (self.guid,)
