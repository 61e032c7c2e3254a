from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from taxonomy.models import Term

from .. import reading
from ..excerpts import excerpt
from ..querysets import ArticleAuthorQuerySet, ArticleQuerySet, TaggedArticleQuerySet
from .authors import Author

# The text search configuration of every article search (the columns below, the public
# search, the admin's term suggestions): words unaccented, then stemmed as English
# ("keita" finds "Keïta", "peacekeepers" finds "peacekeeping"). Made by migration 0002.
SEARCH_CONFIG = "english_unaccent"


class Article(models.Model):
    """An article, with columns the database derives from it and its related rows.

    Derived, never written from Python (an instance holds them as loaded;
    ``refresh_from_db(fields=[...])`` after a write that changes them):

    - ``search_vector``, ``term_ids``, ``author_ids``, ``tag_ids``, ``updated_at``:
      one trigger, ``articles/sql/article_search.sql`` (its header says what each holds);
    - ``search_head``: a generated column (below);
    - ``lock_version`` is raised by ``save()`` in SQL, ``modified_at`` by Django.

    Derived in Python before each save, from the sanitised body: ``body_section_ids``,
    ``body_section_titles``, ``body_words`` and ``body_digest`` (articles/reading.py, which
    says why they stay exact when a write skips ``save()``).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=300, help_text="The article's address on the site.")
    standfirst = models.TextField(
        blank=True, help_text="The summary readers see under the title and in lists and feeds."
    )
    body = models.TextField(
        blank=True,
        help_text="Paragraphs, section headings (h2), lists, links, emphasis and quotations.",
    )
    lead_image = models.ForeignKey(
        "media.Image",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lead_articles",
        help_text="From the media library. Its alt text is required before publishing.",
    )
    lead_image_caption = models.TextField(
        blank=True,
        help_text="Shown under the lead image, without the credit. Empty: the image's own.",
    )
    lead_image_credit = models.CharField(
        max_length=200,
        blank=True,
        help_text="Photographer or agency, e.g. “UN Photo/Marco Dormino”. Empty: the image's own.",
    )
    authors = models.ManyToManyField(
        Author, through="ArticleAuthor", related_name="articles", blank=True
    )
    terms = models.ManyToManyField(
        Term, related_name="articles", blank=True, help_text="Curated terms from the vocabularies."
    )
    tags = TaggableManager(
        through="TaggedArticle", blank=True, help_text="Free keywords, separated by commas."
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="The publication date readers see. A future date schedules the article: "
        "it goes live at that moment.",
    )
    expires_at = models.DateTimeField(
        "leaves the site at",
        null=True,
        blank=True,
        help_text="Optional: the moment the article leaves the site (an embargo's end, "
        "a licence that runs out). Readers no longer find it from then on; it stays here.",
    )
    updated_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="The “Updated” date readers see: the date of the latest update or correction.",
    )  # derived (the class docstring)
    internal_note = models.TextField(
        blank=True, help_text="For the newsroom only; readers never see it."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)
    # Derived (the class docstring): kept by the database whatever path the data
    # takes (admin, loaddata, raw SQL, COPY).
    search_vector = SearchVectorField(null=True, editable=False)
    term_ids = ArrayField(
        models.BigIntegerField(),
        default=list,
        editable=False,
        help_text="Ids of the article's terms and of all their broader terms.",
    )
    author_ids = ArrayField(models.BigIntegerField(), default=list, editable=False)
    tag_ids = ArrayField(models.BigIntegerField(), default=list, editable=False)
    # Ranking reads this small vector (title and standfirst), not the whole text.
    search_head = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("standfirst", weight="B", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    # Derived (the class docstring): what the article page's reading aids need.
    body_section_ids = ArrayField(
        models.TextField(),
        default=list,
        editable=False,
        help_text="The id of each section heading (h2) of the body, in order.",
    )
    body_section_titles = ArrayField(
        models.TextField(),
        default=list,
        editable=False,
        help_text="The text of each section heading (h2) of the body, in order.",
    )
    body_words = models.PositiveIntegerField(
        default=0, editable=False, help_text="The number of words of the body."
    )
    body_digest = models.CharField(
        max_length=32,
        blank=True,
        default="",
        editable=False,
        help_text="The digest of the body the three columns above were worked out from.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_articles",
        limit_choices_to={"is_staff": True, "is_active": True},
        help_text="Optional: the editor asked to review it. They are notified when it is "
        "submitted for review.",
    )
    lock_version = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Raised by every save; a form that was opened at an older number is refused, "
        "so that two editors never overwrite each other's work.",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        permissions = [
            ("publish_article", "Can publish and schedule articles"),
            ("withdraw_article", "Can withdraw published articles"),
            (
                "change_any_article",
                "Can edit any article, whoever wrote it and whatever its status",
            ),
            ("restore_article", "Can restore an earlier version of an article"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="articles_article_slug_unique"),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "review", "published", "withdrawn"]),
                name="articles_article_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="articles_article_published_has_date",
                violation_error_message="A published article needs a publication date.",
            ),
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True)
                | Q(published_at__isnull=True)
                | Q(expires_at__gt=models.F("published_at")),
                name="articles_article_expires_after_publication",
                violation_error_message="An article can leave the site only after it is "
                "published: the time to leave must come after the publication date.",
            ),
        ]
        indexes = [
            models.Index(
                fields=["-published_at", "-id"],
                name="articles_published_idx",
                condition=Q(status="published"),
            ),
            GinIndex(fields=["search_vector"], name="articles_search_vector_idx"),
            # The relevance order's candidates: title and standfirst matches.
            GinIndex(fields=["search_head"], name="articles_search_head_idx"),
            GinIndex(fields=["term_ids"], name="articles_term_ids_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self._state.adding or self.pk is None:
            super().save(*args, **kwargs)
            return
        # Counted by the database, not from the number this instance was loaded with,
        # so the lock only ever goes up, whatever the instance held (a restored version,
        # a stale copy).
        self.lock_version = models.F("lock_version") + 1
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            # The columns derived from the body are written with it (receivers.py).
            derived = reading.FIELDS if "body" in update_fields else ()
            kwargs["update_fields"] = {*update_fields, "lock_version", *derived}
        super().save(*args, **kwargs)
        self.refresh_from_db(fields=["lock_version"])

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    def is_published(self, *, now=None):
        """Agrees with ArticleQuerySet.published()."""
        now = now or timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
            and (self.expires_at is None or self.expires_at > now)
        )

    @property
    def lead_caption(self):
        """The lead image's caption: the article's own, else the image's."""
        if self.lead_image_caption or self.lead_image is None:
            return self.lead_image_caption
        return self.lead_image.caption

    @property
    def lead_credit(self):
        """The lead image's credit: the article's own, else the image's."""
        if self.lead_image_credit or self.lead_image is None:
            return self.lead_image_credit
        return self.lead_image.credit

    @property
    def has_expired(self):
        """Published, but its time to leave the site has passed."""
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_withdrawn_from_readers(self):
        """Readers could read it once and no longer can: withdrawn, or its time to leave
        the site has passed (its old address answers 410, not 404)."""
        if not self.is_publication_date_fixed:
            return False  # never went live: a scheduled article withdrawn before its moment
        if self.status == self.Status.WITHDRAWN:
            return True
        return self.status == self.Status.PUBLISHED and self.has_expired

    @property
    def summary(self):
        """The standfirst, or else the excerpt of the body (articles/excerpts.py): the
        first sentences of its first paragraph, never a heading nor a dateline."""
        return self.standfirst or excerpt(self.body)

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def is_publication_date_fixed(self):
        """A publication date that has passed is the first publication: it never changes,
        whether the article is edited, withdrawn or published again."""
        return self.published_at is not None and self.published_at <= timezone.now()

    def related_articles(self, *, limit=4, index=None, only=()):
        """Live articles sharing the most specific terms with this one (uses prefetched
        terms): shared terms weigh log(N / df), so Gao counts more than Mali.

        Computed on the process's listing index (articles/listing_index/), a few
        milliseconds whatever the number of articles; then one query by id.
        ``index``: that index, when the caller already has it; ``only``: the fields to
        read (all when empty).
        """
        # Imported here: the listing index reads this module's models (an import cycle).
        from ..listing_index.store import current_index

        term_ids = [term.pk for term in self.terms.all()]
        if not term_ids:
            return []
        index = index or current_index()
        ids = index.related(article_id=self.pk, term_ids=term_ids, now=timezone.now(), limit=limit)
        if not ids:
            return []
        related = Article.objects.published().filter(pk__in=ids)
        found = {a.pk: a for a in (related.only(*only) if only else related)}
        return [found[pk] for pk in ids if pk in found]

    def terms_by_vocabulary(self):
        """[(vocabulary, [terms])] in vocabulary order, from the prefetched terms."""
        groups = {}
        for term in sorted(self.terms.all(), key=lambda t: (t.vocabulary.position, t.name)):
            groups.setdefault(term.vocabulary, []).append(term)
        return list(groups.items())

    @property
    def ordered_authors(self):
        """Authors in byline order (uses the for_listing() prefetch when present)."""
        return [link.author for link in self.article_authors.all()]


class ArticleAuthor(models.Model):
    """An author's place in an article's byline."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="article_links")
    position = models.PositiveSmallIntegerField(default=0)

    objects = ArticleAuthorQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "author"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "author"], name="articles_articleauthor_unique"
            ),
        ]

    def __str__(self):
        return f"{self.author} ({self.position})"

    def natural_key(self):
        return (*self.article.natural_key(), *self.author.natural_key())

    natural_key.dependencies = ["articles.article", "articles.author"]


class TaggedArticle(TaggedItemBase):
    """Taggit's through model, with a real foreign key to Article."""

    content_object = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="tagged_items"
    )

    objects = TaggedArticleQuerySet.as_manager()

    class Meta:
        verbose_name = "article tag"
        verbose_name_plural = "article tags"
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="articles_taggedarticle_unique"
            ),
        ]

    def natural_key(self):
        return (*self.content_object.natural_key(), *self.tag.natural_key())

    natural_key.dependencies = ["articles.article", "taggit.tag"]
