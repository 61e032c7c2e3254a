"""Facet counts for the listing: how many results picking each value would give.

Several terms of one vocabulary are OR-ed, so a vocabulary's counts are taken
over the results filtered by everything *except* that vocabulary (the usual
multi-select facet). ``term_ids`` holds broader terms too, so Sahel counts
Gao's articles.

Cost: one query per distinct set of filters to leave out. The matching
articles are computed once in a CTE and counted by term, author and tag in
the same statement; with nothing picked (the common case) one query gives
every facet and the result count, which the paginator then reuses.
"""

from dataclasses import dataclass, field

from django.db import connection
from taggit.models import Tag

from taxonomy.sorting import name_key

from ...models import Author
from .query import ListingQuery

# Values listed per facet (the first FACET_TOP shown, the others behind "Show all").
TERMS_PER_VOCABULARY = 20
AUTHORS_SHOWN = 20
TAGS_SHOWN = 20
FACET_TOP = 6


@dataclass
class FacetValue:
    """A value and its count: the results ticking it would give. In a group with a value
    ticked (values of one group are OR-ed), ``added`` is how many results ticking this
    one would add; a ticked value's count is its own number of results."""

    name: str
    param: str
    value: str
    count: int
    selected: bool
    added: int | None = None

    @property
    def count_text(self):
        return str(self.count) if self.added is None else f"+{self.added}"

    @property
    def count_description(self):
        """The count in words, for screen readers."""
        if self.added is not None:
            return f"would add {self.added} article{'s' if self.added != 1 else ''}"
        if self.selected:
            return f"ticked, {self.count} of the results"
        return f"{self.count} article{'s' if self.count != 1 else ''}"


@dataclass
class Facet:
    param: str
    label: str
    values: list[FacetValue] = field(default_factory=list)
    is_vocabulary: bool = False

    top_count = FACET_TOP

    @property
    def more(self):
        """The values behind "Show all" (open when one of them is ticked)."""
        return self.values[FACET_TOP:]

    @property
    def is_more_open(self):
        return any(value.selected for value in self.more)

    @property
    def has_additions(self):
        return any(value.added is not None for value in self.values)


@dataclass
class Counts:
    total: int = 0
    terms: dict = field(default_factory=dict)  # term id -> count
    authors: list = field(default_factory=list)  # (slug, name, count)
    tags: list = field(default_factory=list)  # (slug, name, count)


def count_facets(queryset, *, terms=True, authors=(), tags=()):
    """Counts over the queryset, in one statement.

    ``authors`` and ``tags`` are the picked slugs (always reported) or None to
    skip that facet; the top values by count come with them.
    """
    columns = ("pk", "term_ids", "author_ids", "tag_ids")
    sql, params = queryset.order_by().values(*columns).query.sql_with_params()
    parts, part_params = ["SELECT 'n', NULL::bigint, NULL, NULL, count(*) FROM r"], []
    if terms:
        parts.append(
            "SELECT 't', t, NULL, NULL, count(*) FROM r, unnest(r.term_ids) AS t GROUP BY t"
        )
    if authors is not None:
        parts.append(
            "(SELECT 'a', au.id, au.slug, au.name, c.n FROM"
            " (SELECT a, count(*) AS n FROM r, unnest(r.author_ids) AS a GROUP BY a) AS c"
            f" JOIN {connection.ops.quote_name(Author._meta.db_table)} au ON au.id = c.a"
            " ORDER BY au.slug = ANY(%s) DESC, c.n DESC, au.name LIMIT %s)"
        )
        part_params += [list(authors), AUTHORS_SHOWN + len(authors)]
    if tags is not None:
        parts.append(
            "(SELECT 'g', tg.id, tg.slug, tg.name, c.n FROM"
            " (SELECT g, count(*) AS n FROM r, unnest(r.tag_ids) AS g GROUP BY g) AS c"
            f" JOIN {connection.ops.quote_name(Tag._meta.db_table)} tg ON tg.id = c.g"
            " ORDER BY tg.slug = ANY(%s) DESC, c.n DESC, tg.name LIMIT %s)"
        )
        part_params += [list(tags), TAGS_SHOWN + len(tags)]
    statement = f"WITH r AS MATERIALIZED ({sql}) " + " UNION ALL ".join(parts)
    counts = Counts()
    with connection.cursor() as cursor:
        cursor.execute(statement, [*params, *part_params])
        for kind, pk, slug, name, count in cursor.fetchall():
            if kind == "n":
                counts.total = count
            elif kind == "t":
                counts.terms[pk] = count
            elif kind == "a":
                counts.authors.append((slug, name, count))
            else:
                counts.tags.append((slug, name, count))
    for rows in (counts.authors, counts.tags):
        rows.sort(key=lambda row: (-row[2], name_key(row[1])))
    return counts


def term_counts(queryset):
    """{term id: number of articles} over the queryset."""
    return count_facets(queryset, authors=None, tags=None).terms


def facets_for(query: ListingQuery, queryset):
    """(result count, [Facet]) for the query over ``queryset`` (the published articles).

    A vocabulary, the authors or the tags with something picked are counted
    over ``query.without(it)``: the other filters, not this one.
    """
    picked_authors = [a.slug for a in query.authors]
    picked_tags = [t.slug for t in query.tags]
    shared = count_facets(
        query.filtered(queryset),
        authors=None if picked_authors else (),
        tags=None if picked_tags else (),
    )
    index = query.term_index
    facets = []
    for picked in query.vocabularies:
        if picked.terms:
            without = query.without(picked.param).filtered(queryset)
            counts = count_facets(without, authors=None, tags=None).terms
        else:
            counts = shared.terms
        facets.append(vocabulary_facet(picked, counts, index, within=shared.terms))

    author_rows = (
        count_facets(
            query.without("author").filtered(queryset),
            terms=False,
            authors=picked_authors,
            tags=None,
        ).authors
        if picked_authors
        else shared.authors
    )
    tag_rows = (
        count_facets(
            query.without("tag").filtered(queryset), terms=False, authors=None, tags=picked_tags
        ).tags
        if picked_tags
        else shared.tags
    )
    within = Counts()  # the authors' and tags' counts within the results, when picked
    if picked_authors or picked_tags:
        within = count_facets(
            query.filtered(queryset),
            terms=False,
            authors=[row[0] for row in author_rows] if picked_authors else None,
            tags=[row[0] for row in tag_rows] if picked_tags else None,
        )
    author_within = {slug: n for slug, _, n in within.authors}
    tag_within = {slug: n for slug, _, n in within.tags}
    facets.append(
        value_facet(
            "author", "Authors", author_rows, picked_authors, AUTHORS_SHOWN, within=author_within
        )
    )
    facets.append(value_facet("tag", "Tags", tag_rows, picked_tags, TAGS_SHOWN, within=tag_within))
    return shared.total, facets


def vocabulary_facet(picked, counts, index, *, within):
    """A vocabulary's facet from {term id: count}: the most frequent terms, then the
    picked ones not among them. ``within``: {term id: count} within the results, for
    what an unticked term would add when the vocabulary has a term ticked."""
    name, vocabulary = picked.param, picked.vocabulary
    picked_ids = {t.pk for t in picked.terms}
    ranked = sorted(
        (
            (count, term)
            for term_id, count in counts.items()
            if (term := index.by_id.get(term_id)) and term.vocabulary_id == vocabulary.pk
        ),
        key=lambda pair: (-pair[0], pair[1].name),
    )
    shown = [term for _, term in ranked[:TERMS_PER_VOCABULARY]]
    shown += [term for term in picked.terms if term not in shown]
    facet = Facet(param=name, label=vocabulary.name, is_vocabulary=True)
    for term in shown:
        count, selected = counts.get(term.pk, 0), term.pk in picked_ids
        added = None if selected or not picked_ids else count - within.get(term.pk, 0)
        facet.values.append(FacetValue(term.name, name, term.slug, count, selected, added))
    return facet


def value_facet(param, label, rows, picked, limit, *, within):
    """An author or tag facet; ``within``: {slug: count} within the results (as above)."""
    facet = Facet(param=param, label=label)
    shown = [row for row in rows if row[0] in picked]
    shown += [row for row in rows if row[0] not in picked][:limit]
    for slug, name, count in sorted(shown, key=lambda row: (-row[2], name_key(row[1]))):
        selected = slug in picked
        added = None if selected or not picked else count - within.get(slug, 0)
        facet.values.append(FacetValue(name, param, slug, count, selected, added))
    return facet
