from django.db import models
from django.urls import reverse

from taxonomy.sorting import SortName

from ..querysets import AuthorQuerySet


class Author(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, help_text="Used in the author's public address.")
    bio = models.TextField(blank=True, help_text="A sentence or two, shown on the author page.")
    affiliation = models.CharField(max_length=200, blank=True)

    objects = AuthorQuerySet.as_manager()

    class Meta:
        ordering = [SortName("name").asc(), "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="articles_author_slug_unique"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)
