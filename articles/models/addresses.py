"""Addresses that last: the slugs articles left behind, editors' redirects, static pages.

``FormerSlug`` is kept by the database (articles/sql/addresses.sql), whatever path changes
a slug or deletes an article (the admin, a service, a restore, loaddata, raw SQL): an old
link answers 301 to the article's address now, or 410 when it is gone. It holds the
article's id, not a foreign key, because the address outlives the article: a deleted
article's addresses still say "gone", and a recovered one (same id) answers at them again.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Now
from django.urls import reverse


class FormerSlugQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class FormerSlug(models.Model):
    """An address an article had (written by a trigger, never from Python)."""

    slug = models.SlugField(max_length=300)
    article_id = models.BigIntegerField(help_text="The article that had this address.")
    left_at = models.DateTimeField(db_default=Now())
    removed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the article was deleted, if it was."
    )

    objects = FormerSlugQuerySet.as_manager()

    class Meta:
        verbose_name = "article address left behind"
        verbose_name_plural = "article addresses left behind"
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="articles_formerslug_slug_unique"),
        ]
        indexes = [models.Index(fields=["article_id"], name="articles_former_article_idx")]

    def __str__(self):
        return self.slug

    def natural_key(self):
        return (self.slug,)


class RedirectQuerySet(models.QuerySet):
    def get_by_natural_key(self, old_path):
        return self.get(old_path=old_path)


class Redirect(models.Model):
    """An address an editor sends elsewhere (301), or marks as gone (410).

    Consulted only when the site has nothing at the address (a 404), so a redirect
    never hides a live page.
    """

    old_path = models.CharField(
        "old address",
        max_length=300,
        help_text="The path readers arrive at, starting with a slash: /2019/mali-report/.",
    )
    new_path = models.CharField(
        "new address",
        max_length=300,
        blank=True,
        help_text="Where they go: a path on this site (/articles/mali-report/) or a full "
        "address (https://…). Leave it empty to tell readers the page is gone (410).",
    )
    note = models.CharField(max_length=300, blank=True, help_text="Why, for the newsroom.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RedirectQuerySet.as_manager()

    class Meta:
        ordering = ["old_path"]
        constraints = [
            models.UniqueConstraint(fields=["old_path"], name="articles_redirect_old_unique"),
            models.CheckConstraint(
                condition=models.Q(old_path__startswith="/"),
                name="articles_redirect_old_is_a_path",
                violation_error_message="The old address is a path: it starts with a slash.",
            ),
        ]

    def __str__(self):
        return f"{self.old_path} → {self.new_path or '(gone)'}"

    def natural_key(self):
        return (self.old_path,)

    def clean(self):
        super().clean()
        self.old_path = self.old_path.strip()
        self.new_path = self.new_path.strip()
        if not self.old_path.startswith("/"):
            raise ValidationError({"old_path": "Start with a slash: /2019/mali-report/."})
        if self.old_path.startswith("/admin/"):
            raise ValidationError({"old_path": "The admin's addresses cannot be redirected."})
        if self.new_path and not self.new_path.startswith(("/", "https://", "http://")):
            raise ValidationError(
                {"new_path": "A path starting with a slash, or a full address (https://…)."}
            )
        if self.new_path == self.old_path:
            raise ValidationError({"new_path": "It would send readers to where they are."})


class PageQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Page(models.Model):
    """A static page (About, Methodology, Corrections policy, Contact) at ``/<slug>/``."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=100,
        help_text="Its address: /<slug>/. The footer links to about, methodology, "
        "corrections-policy and contact.",
    )
    body = models.TextField(
        blank=True, help_text="Paragraphs, headings (h2, h3), lists, links and emphasis."
    )
    modified_at = models.DateTimeField(auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = "static page"
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="articles_page_slug_unique"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:page", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)
