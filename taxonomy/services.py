"""Writes that reshape vocabularies and tags: moving and merging terms, renaming and merging tags.

This app knows nothing of what it classifies, so the merges move every relation
that points at the merged object, whichever app declared it (articles' terms,
taggit's through models), found through the model's _meta. Each function runs
in one transaction: it happens whole or not at all.
"""

import reversion
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.utils.text import slugify
from taggit.models import Tag

from .models import Term, TermRedirect
from .versioning import versioned


class MergeError(Exception):
    """A merge the rules refuse; str() says why, in words for the editor."""


def _repoint_relations(*, source: models.Model, target: models.Model) -> list:
    """Point everything that refers to `source` at `target`; return the objects whose links
    changed (the articles of a term, say), for the caller to version.

    A link the target already has (same row on the other side of a unique set, e.g. the
    same article) is dropped instead of moved, so no unique constraint is broken.
    """
    affected = []
    for relation in source._meta.related_objects:
        if relation.many_to_many:
            through = relation.through
            if not through._meta.auto_created:
                continue  # an explicit through model is reached by its own foreign key
            own = relation.field.m2m_reverse_field_name()
            other = relation.field.m2m_field_name()
            rows = through._default_manager.filter(**{own: source}).select_related(other)
            affected += [getattr(row, other) for row in rows]
            _move_rows(through, own, [other], source, target)
        elif relation.field.name == "parent" and relation.related_model is type(source):
            continue  # the tree is the caller's business
        else:
            model, field = relation.related_model, relation.field.name
            others = _unique_partners(model, field)
            rows = model._default_manager.filter(**{field: source})
            for name in others:
                if model._meta.get_field(name).many_to_one:
                    affected += [getattr(row, name) for row in rows.select_related(name)]
            _move_rows(model, field, others, source, target)
    return affected


def _version(objects, comment):
    """Record the objects' new state as one revision (those registered with reversion)."""
    with versioned(comment=comment):
        for obj in {(type(o), o.pk): o for o in objects}.values():
            if reversion.is_registered(type(obj)):
                reversion.add_to_revision(obj)


def _unique_partners(model, field):
    """The other fields of a unique set that `field` belongs to ([] if none)."""
    sets = [tuple(names) for names in model._meta.unique_together]
    sets += [
        tuple(c.fields)
        for c in model._meta.constraints
        if isinstance(c, models.UniqueConstraint) and c.fields and c.condition is None
    ]
    for names in sets:
        attnames = {model._meta.get_field(n).name for n in names}
        if field in attnames:
            return sorted(attnames - {field})
    return []


def _move_rows(model, own, others, source, target):
    manager = model._default_manager
    rows = manager.filter(**{own: source})
    if others:
        duplicate = manager.filter(**{own: target}, **{o: OuterRef(o) for o in others})
        rows.filter(Exists(duplicate)).delete()
    return rows.update(**{own: target})


@transaction.atomic
def term_move(*, term: Term, parent: Term | None) -> Term:
    """Place `term` under `parent` (None: at the top). A cycle or another vocabulary is refused
    with the ValidationError that Term.clean() gives."""
    term = Term.objects.select_for_update().get(pk=term.pk)
    term.parent = parent
    term.full_clean()
    term.save(update_fields=["parent"])
    _version([term], f"Moved under “{parent}”" if parent else "Moved to the top")
    return term


@transaction.atomic
def term_merge(*, source: Term, target: Term) -> Term:
    """Merge `source` into `target`: its uses and narrower terms move to `target`, its name and
    aliases become aliases of `target`, its address answers 301 to `target`'s (a
    TermRedirect; those of terms merged into `source` before move along with its other
    relations), and `source` is deleted."""
    source = Term.objects.select_for_update().get(pk=source.pk)
    target = Term.objects.select_for_update().get(pk=target.pk)
    if source.pk == target.pk:
        raise MergeError("A term cannot be merged into itself.")
    if source.vocabulary_id != target.vocabulary_id:
        raise MergeError(
            f"“{source}” is in “{source.vocabulary}” and “{target}” in “{target.vocabulary}”; "
            "only terms of the same vocabulary can be merged."
        )
    if source.pk in Term.descendant_ids([target.pk]) or target.pk in Term.descendant_ids(
        [source.pk]
    ):
        raise MergeError(
            f"“{target}” is below “{source}” in the tree; move it out first, then merge."
        )
    affected = _repoint_relations(source=source, target=target)
    children = list(Term.objects.filter(parent=source))
    Term.objects.filter(parent=source).update(parent=target)
    TermRedirect.objects.update_or_create(
        vocabulary_id=source.vocabulary_id, slug=source.slug, defaults={"term": target}
    )
    names = [source.name, *source.aliases]
    # The alias rule is checked at once by a trigger: the source must be gone
    # before its name can become one of the target's aliases.
    source.delete()
    seen = {target.name.casefold(), *(a.casefold() for a in target.aliases)}
    for name in names:
        if name.casefold() not in seen:
            target.aliases.append(name)
            seen.add(name.casefold())
    target.save(update_fields=["aliases"])
    for child in children:
        child.parent = target
    _version([target, *children, *affected], f"Merged “{source.name}” into “{target.name}”")
    return target


@transaction.atomic
def tag_rename(*, tag: Tag, name: str) -> Tag:
    """Rename a tag everywhere it is used (its address follows the name)."""
    name = name.strip()
    if not name:
        raise ValidationError("A tag needs a name.")
    clash = Tag.objects.filter(name__iexact=name).exclude(pk=tag.pk).first()
    if clash is not None:
        raise ValidationError(
            f"The tag “{clash.name}” already exists; merge “{tag.name}” into it instead."
        )
    tag.name = name
    tag.slug = free_tag_slug(name, exclude=tag.pk)
    tag.save()
    # Versions keep tag ids, so old versions show the new name: nothing to record on articles.
    return tag


def free_tag_slug(name, *, exclude=None):
    base = slugify(name, allow_unicode=True) or "tag"
    slug, n = base, 1
    while Tag.objects.filter(slug=slug).exclude(pk=exclude).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def tag_merge(*, sources: list[Tag], target: Tag) -> Tag:
    """Move every use of `sources` to `target` and delete them."""
    affected = []
    for source in sources:
        if source.pk == target.pk:
            continue
        affected += _repoint_relations(source=source, target=target)
        source.delete()
    names = ", ".join(f"“{s.name}”" for s in sources if s.pk != target.pk)
    _version(affected, f"Merged tags {names} into “{target.name}”")
    return target
