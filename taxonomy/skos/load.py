"""A SKOS reading written into one vocabulary: bulk writes in one transaction, one revision.

Concepts are matched to terms by URI (a term of ours exported under our own address,
``<SKOS_BASE_URI>terms/<id>``, is matched by its id), so a second run changes nothing.
Terms of the vocabulary that the file does not name are kept as they are: nothing is lost.
The rules the database holds (names unique whatever the case, the alias trigger) are
applied here first, in memory, so that a clash is reported and skipped rather than
failing the whole import: a later concept loses the clashing name or alias.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils.text import slugify

from ..bulk import aliases_checked_at_the_end
from ..models import Term, Vocabulary
from ..signals import terms_changed
from ..versioning import record_in_bulk
from .read import Concept, Reading
from .uris import own_term_id

FIELDS = ("name", "aliases", "alias_languages", "scope_note", "notation", "parent_id")


@dataclass
class ImportReport:
    vocabulary: Vocabulary
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # terms of the vocabulary the file does not name
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@transaction.atomic
def vocabulary_import_skos(
    *,
    reading: Reading,
    slug: str,
    language: str,
    source: str,
    progress: Callable[[int], None] = lambda n: None,
) -> ImportReport:
    """Create or update the vocabulary `slug` from `reading`; see the module docstring."""
    vocabulary, is_new_vocabulary = _locked_vocabulary(reading, slug, language)
    report = ImportReport(vocabulary, skipped=list(reading.skipped), notes=list(reading.notes))
    terms = {t.pk: t for t in Term.objects.select_for_update().filter(vocabulary=vocabulary)}
    by_uri = {t.uri: t for t in terms.values() if t.uri}
    matched = {}
    for concept in reading.concepts:
        own = own_term_id(concept.uri)
        term = by_uri.get(concept.uri) or (terms.get(own) if own is not None else None)
        if term is not None:
            matched[concept.uri] = term
    concepts = _without_clashes(reading.concepts, matched, terms, report)
    ids = _term_ids(concepts, matched)
    everything = {c.uri: c for c in reading.concepts}
    slugs = {t.slug for t in terms.values()}
    created, changed = [], []
    for n, concept in enumerate(concepts, start=1):
        term = matched.get(concept.uri)
        values = {
            "name": concept.name,
            "aliases": concept.aliases,
            "alias_languages": {  # the vocabulary's own language goes without saying
                alias: tag
                for alias, tag in concept.alias_languages.items()
                if tag.lower() != vocabulary.language.lower()
            },
            "scope_note": concept.scope_note,
            "notation": concept.notation,
            "parent_id": _kept_broader(concept, everything, ids),
        }
        if term is None:
            term = Term(
                pk=ids[concept.uri],
                vocabulary=vocabulary,
                uri=concept.uri,
                slug=_free_slug(concept, slugs),
                **values,
            )
            created.append(term)
        elif any(getattr(term, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(term, name, value)
            changed.append(term)
        if n % 1000 == 0:
            progress(1000)
    progress(len(concepts) % 1000)
    with aliases_checked_at_the_end(vocabulary.pk):
        Term.objects.bulk_create(created, batch_size=2000)
        Term.objects.bulk_update(changed, FIELDS, batch_size=1000)
    report.created, report.updated = len(created), len(changed)
    report.unchanged = len(concepts) - len(created) - len(changed)
    report.kept = len(set(terms) - {t.pk for t in matched.values()})
    if created or changed or is_new_vocabulary:
        comment = f"Imported from {source} (SKOS): {len(created)} added, {len(changed)} changed"
        record_in_bulk(
            [*([vocabulary] if is_new_vocabulary else []), *created, *changed], comment=comment
        )
        terms_changed.send(Term, vocabulary=vocabulary, term_ids=[t.pk for t in changed])
    return report


def _locked_vocabulary(reading: Reading, slug: str, language: str):
    vocabulary = Vocabulary.objects.select_for_update().filter(slug=slug).first()
    if vocabulary is not None:
        return vocabulary, False
    name = reading.scheme_name or slug.replace("-", " ").capitalize()
    if Vocabulary.objects.filter(name=name).exists():
        name = f"{name} ({slug})"
    vocabulary = Vocabulary.objects.create(
        name=name[:100], slug=slug, uri=reading.scheme_uri, language=language
    )
    return vocabulary, True


def _without_clashes(concepts: list[Concept], matched, terms, report) -> list[Concept]:
    """The concepts whose name is free, each without the aliases another term holds.

    Claims are made in order: the vocabulary's terms that the file does not name first
    (they stay as they are), then the concepts in the file's order of URIs.
    """
    names, aliases = {}, {}
    matched_ids = {t.pk for t in matched.values()}
    for term in terms.values():
        if term.pk not in matched_ids:
            names[term.name.lower()] = term.name
            aliases.update({a.lower(): term.name for a in term.aliases})
    kept = []
    for concept in concepts:
        key = concept.name.lower()
        holder = names.get(key) or aliases.get(key)
        if holder is not None:
            report.skipped.append(
                (concept.uri, f"its name “{concept.name}” is taken by “{holder}”")
            )
            continue
        names[key] = concept.name
        kept.append(concept)
    for concept in kept:
        free = []
        for alias in concept.aliases:
            holder = names.get(alias.lower()) or aliases.get(alias.lower())
            if holder is None:
                aliases[alias.lower()] = concept.name
                free.append(alias)
            else:
                report.notes.append(
                    f"{concept.uri}: alias “{alias}” dropped, already a name or alias of "
                    f"“{holder}”"
                )
                concept.alias_languages.pop(alias, None)
        concept.aliases = free
    return kept


def _term_ids(concepts: list[Concept], matched) -> dict[str, int]:
    """Each concept's term id: its matched term's, or one reserved from the sequence now,
    so that new terms are written with their broader term in one INSERT each batch."""
    ids = {uri: term.pk for uri, term in matched.items()}
    new = [c.uri for c in concepts if c.uri not in ids]
    if new:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [Term._meta.db_table, len(new)],
            )
            ids.update(zip(new, (row[0] for row in cursor.fetchall()), strict=True))
    return ids


def _kept_broader(concept: Concept, everything: dict[str, Concept], ids) -> int | None:
    """The id of the nearest broader concept that is imported (a skipped one is climbed
    over, so its narrower concepts stay in their branch). Cycles are already broken."""
    uri = concept.broader
    while uri is not None and uri not in ids:
        uri = everything[uri].broader if uri in everything else None
    return ids.get(uri)


def _free_slug(concept: Concept, taken: set[str]) -> str:
    tail = concept.uri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    base = (slugify(concept.name) or slugify(concept.notation) or slugify(tail) or "term")[:90]
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug
