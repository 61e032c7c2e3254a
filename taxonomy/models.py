"""Controlled vocabularies: curated terms in trees, with aliases.

This app knows nothing of what it classifies (articles point at terms, never
the reverse), like django-taggit.
"""

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import TextField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower

from .sorting import SortName, name_ordering
from .tree import TermTree

# What a TermTree reads of each term.
TREE_FIELDS = ("id", "parent_id", "name")


class VocabularyQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Vocabulary(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(
        max_length=100, help_text="Used in public addresses and filter parameters."
    )
    description = models.TextField(blank=True, help_text="Shown to readers on the index page.")
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Vocabularies are listed in this order on public pages."
    )
    uri = models.CharField(
        "URI",
        max_length=500,
        blank=True,
        help_text="The SKOS concept scheme this vocabulary was imported from (blank: our own).",
    )
    language = models.CharField(
        max_length=35,
        default="en",
        help_text="The language of the terms' names (a BCP 47 tag such as en or fr), "
        "given to them when the vocabulary is exported as SKOS.",
    )

    objects = VocabularyQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "vocabularies"
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="taxonomy_vocabulary_slug_unique"),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class TermQuerySet(models.QuerySet):
    def get_by_natural_key(self, vocabulary_slug, slug):
        return self.get(vocabulary__slug=vocabulary_slug, slug=slug)

    def tree(self):
        """These terms as a TermTree (taxonomy/tree.py), in one query, children by name
        (accents and case ignored: taxonomy/sorting.py).

        Chain ``.only(*TREE_FIELDS)`` first when nothing else of the terms is read.
        """
        return TermTree(self.order_by(*name_ordering(), "id"))

    def with_paths(self):
        """These terms with their vocabulary and ``tree_path`` ("Mali › Gao"), in one query."""
        return self.select_related("vocabulary").annotate(tree_path=TREE_PATH)

    def with_descendants(self):
        """These terms and every term below them, as one queryset."""
        ids = list(self.values_list("pk", flat=True))
        return Term.objects.filter(pk__in=Term.descendant_ids(ids))


class Term(models.Model):
    vocabulary = models.ForeignKey(Vocabulary, on_delete=models.PROTECT, related_name="terms")
    name = models.CharField(max_length=100, help_text="The preferred name, as readers see it.")
    slug = models.SlugField(max_length=100, help_text="Unique within the vocabulary.")
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="The broader term, in the same vocabulary (Gao sits under Mali).",
    )
    aliases = ArrayField(
        models.CharField(max_length=200),
        blank=True,
        default=list,
        help_text="Other names and spellings that readers may search for, one per line "
        "(Keita for Keïta, the spelled-out name of an acronym).",
    )
    scope_note = models.TextField(
        blank=True, help_text="What the term covers; shown on the term's public page."
    )
    notation = models.CharField(
        max_length=100, blank=True, help_text="The term's code in its thesaurus (SKOS notation)."
    )
    uri = models.CharField(
        "URI",
        max_length=500,
        blank=True,
        help_text="The SKOS concept this term was imported from (blank: exported under "
        "our own address, made from its id).",
    )
    alias_languages = models.JSONField(
        default=dict,
        blank=True,
        help_text="The language of each alias that came from a thesaurus ({alias: tag}); "
        "other aliases are in the vocabulary's language.",
    )

    objects = TermQuerySet.as_manager()

    class Meta:
        ordering = ["vocabulary__position", SortName("name").asc(), "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["vocabulary", "slug"], name="taxonomy_term_slug_unique_in_vocabulary"
            ),
            models.UniqueConstraint(
                "vocabulary",
                Lower("name"),
                name="taxonomy_term_name_unique_in_vocabulary",
                violation_error_message="A term with this name already exists in this vocabulary.",
            ),
            models.UniqueConstraint(
                fields=["vocabulary", "uri"],
                condition=~models.Q(uri=""),
                name="taxonomy_term_uri_unique_in_vocabulary",
                violation_error_message="Another term of this vocabulary has this URI.",
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")),
                name="taxonomy_term_not_own_parent",
                violation_error_message="A term cannot be its own parent.",
            ),
        ]
        indexes = [models.Index(fields=["parent"], name="taxonomy_term_parent_idx")]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (*self.vocabulary.natural_key(), self.slug)

    natural_key.dependencies = ["taxonomy.vocabulary"]

    def clean(self):
        super().clean()
        errors = {}
        if self.parent_id is not None:
            parent_error = self._parent_error()
            if parent_error:
                errors["parent"] = parent_error
        alias_error = self._aliases_error()
        if alias_error:
            errors["aliases"] = alias_error
        if errors:
            raise ValidationError(errors)

    def _parent_error(self):
        parent = self.parent
        if self.vocabulary_id is not None and parent.vocabulary_id != self.vocabulary_id:
            return (
                f"“{parent}” belongs to the vocabulary “{parent.vocabulary}”; "
                "a broader term must be in the same vocabulary."
            )
        if self.pk is not None:
            tree = (
                Term.objects.filter(vocabulary_id=parent.vocabulary_id).only(*TREE_FIELDS).tree()
            )
            if self.pk in {node.pk for node in tree.ancestors(parent, include_self=True)}:
                return (
                    f"“{parent}” is below “{self.name}” ({tree.path(parent)}); "
                    "a term cannot be placed under itself or one of its narrower terms."
                )
        return None

    def _aliases_error(self):
        seen = set()
        for alias in self.aliases:
            key = alias.strip().casefold()
            if not key:
                return "An alias cannot be blank."
            if key == self.name.strip().casefold():
                return f"“{alias}” is already the term's name."
            if key in seen:
                return f"“{alias}” is listed twice."
            seen.add(key)
        if self.vocabulary_id is None or not seen:
            return None
        others = Term.objects.filter(vocabulary_id=self.vocabulary_id).exclude(pk=self.pk)
        for other in others.only("name", "aliases"):
            if other.name.casefold() in seen:
                return f"“{other.name}” is the name of another term in this vocabulary."
            clash = seen.intersection(a.casefold() for a in other.aliases)
            if clash:
                return f"“{clash.pop()}” is already an alias of “{other.name}”."
        return None

    def ancestors(self, *, include_self=False):
        """The chain of broader terms, nearest first (one query: the vocabulary's tree)."""
        tree = Term.objects.filter(vocabulary_id=self.vocabulary_id).only(*TREE_FIELDS).tree()
        return list(reversed(tree.ancestors(self, include_self=include_self)))

    @staticmethod
    def descendant_ids(root_ids):
        """Ids of the given terms and all terms below them (one query: the whole tree)."""
        root_ids = [int(i) for i in root_ids]
        if not root_ids:
            return []
        return sorted(Term.objects.only(*TREE_FIELDS).tree().descendant_ids(root_ids))


class TermRedirectQuerySet(models.QuerySet):
    def get_by_natural_key(self, vocabulary_slug, slug):
        return self.get(vocabulary__slug=vocabulary_slug, slug=slug)

    def target_of(self, *, vocabulary: str, slug: str) -> "Term | None":
        """The term that the address (vocabulary slug, term slug) now belongs to, or None."""
        found = (
            self.filter(vocabulary__slug=vocabulary, slug=slug)
            .select_related("term__vocabulary")
            .first()
        )
        return found.term if found is not None else None


class TermRedirect(models.Model):
    """The address of a term merged into another: its page and feeds answer 301 to the kept
    term's. Recorded by ``services.term_merge``; a merge into a term that was itself merged
    later follows (the merge moves these rows to the new target)."""

    vocabulary = models.ForeignKey(Vocabulary, on_delete=models.CASCADE, related_name="+")
    slug = models.SlugField(max_length=100, help_text="The merged term's slug.")
    term = models.ForeignKey(
        Term, on_delete=models.CASCADE, related_name="former_addresses", help_text="The kept term."
    )
    merged_at = models.DateTimeField(auto_now_add=True)

    objects = TermRedirectQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["vocabulary", "slug"], name="taxonomy_termredirect_unique"
            ),
        ]

    def __str__(self):
        return f"{self.vocabulary.slug}/{self.slug} → {self.term}"

    def natural_key(self):
        return (*self.vocabulary.natural_key(), self.slug)

    natural_key.dependencies = ["taxonomy.vocabulary", "taxonomy.term"]


# The term's chain of broader terms as "Africa › Sahel › Mali", one correlated query per row
# of the page (no extra round trip): the admin's list sorts by it, which draws the tree,
# and the pickers show it (TermQuerySet.with_paths).
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
