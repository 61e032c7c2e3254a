"""Facet counts for the listing: how many results picking each value would give.

Several terms of one vocabulary are OR-ed, so a vocabulary's counts are taken
over the results filtered by everything *except* that vocabulary (the usual
multi-select facet); a vocabulary with nothing picked shares one query with
the others. ``term_ids`` holds broader terms too, so Sahel counts Gao's articles.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count

from .models import ArticleAuthor, TaggedArticle

TERMS_PER_VOCABULARY = 12
AUTHORS_SHOWN = 10
TAGS_SHOWN = 15


@dataclass
class FacetValue:
    name: str
    param: str
    value: str
    count: int
    selected: bool
    depth: int = 0


@dataclass
class Facet:
    param: str
    label: str
    values: list[FacetValue] = field(default_factory=list)

    @property
    def selected_count(self):
        return sum(1 for v in self.values if v.selected)


def term_counts(queryset):
    """{term id: number of articles} over the queryset, in one query."""
    sql, params = queryset.order_by().values("term_ids").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT t, count(*) FROM ({sql}) AS s, unnest(s.term_ids) AS t GROUP BY t",
            params,
        )
        return dict(cursor.fetchall())


def build_facets(filterset):
    index = filterset.term_index
    facets = []
    shared_counts = None
    for name, vocabulary in filterset.vocabulary_filters:
        picked = filterset.selected.get(name, [])
        if picked:
            counts = term_counts(filterset.filtered(skip={name}))
        else:
            if shared_counts is None:
                shared_counts = term_counts(filterset.filtered())
            counts = shared_counts
        picked_ids = {t.pk for t in picked}
        ranked = sorted(
            (
                (count, term)
                for term_id, count in counts.items()
                if (term := index.by_id.get(term_id)) and term.vocabulary_id == vocabulary.pk
            ),
            key=lambda pair: (-pair[0], pair[1].name),
        )
        shown = [term for _, term in ranked[:TERMS_PER_VOCABULARY]]
        shown += [term for term in picked if term not in shown]
        facet = Facet(param=name, label=vocabulary.name)
        for term in shown:
            facet.values.append(
                FacetValue(
                    name=term.name,
                    param=name,
                    value=term.slug,
                    count=counts.get(term.pk, 0),
                    selected=term.pk in picked_ids,
                )
            )
        facets.append(facet)
    facets.append(_author_facet(filterset))
    facets.append(_tag_facet(filterset))
    return facets


def _author_facet(filterset):
    picked = filterset.selected.get("author", [])
    base = filterset.filtered(skip={"author"}).order_by().values("pk")
    rows = (
        ArticleAuthor.objects.filter(article__in=base)
        .values("author__slug", "author__name")
        .annotate(count=Count("article", distinct=True))
        .order_by("-count", "author__name")[:AUTHORS_SHOWN]
    )
    return _facet("author", "Authors", rows, "author__slug", "author__name", picked)


def _tag_facet(filterset):
    picked = filterset.selected.get("tag", [])
    base = filterset.filtered(skip={"tag"}).order_by().values("pk")
    rows = (
        TaggedArticle.objects.filter(content_object__in=base)
        .values("tag__slug", "tag__name")
        .annotate(count=Count("content_object", distinct=True))
        .order_by("-count", "tag__name")[:TAGS_SHOWN]
    )
    return _facet("tag", "Tags", rows, "tag__slug", "tag__name", picked)


def _facet(param, label, rows, slug_key, name_key, picked):
    picked_slugs = {obj.slug for obj in picked}
    facet = Facet(param=param, label=label)
    seen = set()
    for row in rows:
        seen.add(row[slug_key])
        facet.values.append(
            FacetValue(
                name=row[name_key],
                param=param,
                value=row[slug_key],
                count=row["count"],
                selected=row[slug_key] in picked_slugs,
            )
        )
    for obj in picked:
        if obj.slug not in seen:
            facet.values.append(FacetValue(str(obj), param, obj.slug, 0, True))
    return facet
