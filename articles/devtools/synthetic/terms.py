"""Synthetic terms, authors and tags beside the real ones.

The seed vocabularies hold about 115 terms; a newsroom after twelve years has
closer to a thousand. These functions grow each vocabulary's trees under its
real terms (regions and towns under the Sahel countries, narrower topics under
the seed topics, …) to about 970 terms in all, and make about 80 authors and
2,000 tags. Names come from a fixed random generator, so every database gets
the same ones; each function only tops up what is missing, so running it again
adds nothing.
"""

import random

from django.utils.text import slugify
from taggit.models import Tag

from taxonomy.models import Term, Vocabulary

from ...models import Author
from . import words

# Synthetic terms to add per vocabulary (the seed has ~115 terms; ~970 in all).
TERM_QUOTAS = {
    "places": 345,
    "organisations": 205,
    "people": 190,
    "topics": 57,
    "operations-and-programmes": 58,
}
SAHEL_COUNTRIES = ["mali", "niger", "burkina-faso", "chad", "mauritania", "senegal"]
REGIONS_PER_COUNTRY = 5
AUTHOR_COUNT = 80
TAG_COUNT = 2000


SYNTHETIC_SCOPE_NOTE = "Synthetic term, made by manage.py generate_articles for load tests."


def _term(vocabulary, *, name, slug, parent=None):
    return Term(
        vocabulary=vocabulary, parent=parent, name=name, slug=slug, scope_note=SYNTHETIC_SCOPE_NOTE
    )


class _Names:
    """Hands out names not yet taken in one vocabulary (by name, alias or slug)."""

    def __init__(self, vocabulary):
        self.taken = set()
        self.slugs = set()
        for name, slug, aliases in vocabulary.terms.values_list("name", "slug", "aliases"):
            self.taken.add(name.casefold())
            self.taken.update(a.casefold() for a in aliases)
            self.slugs.add(slug)

    def claim(self, name: str) -> str | None:
        slug = slugify(name)[:100]
        if not slug or name.casefold() in self.taken or slug in self.slugs:
            return None
        self.taken.add(name.casefold())
        self.slugs.add(slug)
        return slug


def _place_name(rng) -> str:
    name = rng.choice(words.PLACE_ONSETS) + rng.choice(words.PLACE_MIDDLES)
    return (name + rng.choice(words.PLACE_CODAS)).capitalize()


def _place_terms(rng, vocabulary, names, quota):
    """Regions under each Sahel country, then towns spread over the regions."""
    countries = list(Term.objects.filter(vocabulary=vocabulary, slug__in=SAHEL_COUNTRIES))
    if not countries:
        countries = list(Term.objects.filter(vocabulary=vocabulary, parent=None))
    regions = []
    for country in countries:
        for _ in range(REGIONS_PER_COUNTRY):
            if len(regions) >= quota:
                break
            while not (slug := names.claim(name := f"{_place_name(rng)} region")):
                pass
            regions.append(_term(vocabulary, parent=country, name=name, slug=slug))
    regions = Term.objects.bulk_create(regions)
    towns = []
    for n in range(quota - len(regions)):
        while not (slug := names.claim(name := _place_name(rng))):
            pass
        parent = regions[n % len(regions)] if regions else None
        towns.append(_term(vocabulary, parent=parent, name=name, slug=slug))
    Term.objects.bulk_create(towns)
    return len(regions) + len(towns)


def _organisation_terms(rng, vocabulary, names, quota):
    """Top-level organisations, then branches of some of them."""
    top_count = quota * 7 // 10
    tops = []
    while len(tops) < top_count:
        name = " ".join(
            rng.choice(choices)
            for choices in (words.ORG_ADJECTIVES, words.ORG_SUBJECTS, words.ORG_KINDS)
        )
        if slug := names.claim(name):
            tops.append(_term(vocabulary, name=name, slug=slug))
    tops = Term.objects.bulk_create(tops)
    branches = []
    suffixes = ["Secretariat", "Mali Office", "Niger Office", "Executive Board", "Youth Wing"]
    while len(branches) < quota - top_count:
        parent = rng.choice(tops)
        name = f"{parent.name} {rng.choice(suffixes)}"
        if slug := names.claim(name):
            branches.append(_term(vocabulary, parent=parent, name=name, slug=slug))
    Term.objects.bulk_create(branches)
    return len(tops) + len(branches)


def _people_terms(rng, vocabulary, names, quota):
    people = []
    while len(people) < quota:
        name = f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}"
        if slug := names.claim(name):
            people.append(_term(vocabulary, name=name, slug=slug))
    Term.objects.bulk_create(people)
    return len(people)


def _topic_terms(rng, vocabulary, names, quota):
    parents = {t.slug: t for t in Term.objects.filter(vocabulary=vocabulary, parent=None)}
    topics = []
    for parent_slug, children in words.TOPIC_NAMES.items():
        for name in children:
            if len(topics) < quota and (slug := names.claim(name)):
                parent = parents.get(parent_slug)
                topics.append(_term(vocabulary, parent=parent, name=name, slug=slug))
    Term.objects.bulk_create(topics)
    return len(topics)


def _operation_terms(rng, vocabulary, names, quota):
    by_slug = {t.slug: t for t in Term.objects.filter(vocabulary=vocabulary)}
    french = by_slug.get("french-military-operations")
    us = by_slug.get("us-security-assistance-programmes")
    candidates = [(f"Operation {w}", french) for w in words.OPERATION_WORDS]
    candidates += [(f"{s} Programme", us) for s in words.PROGRAMME_SUBJECTS]
    candidates += [(f"Sahel {s} Initiative", None) for s in words.PROGRAMME_SUBJECTS]
    operations = []
    for name, parent in candidates:
        if len(operations) < quota and (slug := names.claim(name)):
            operations.append(_term(vocabulary, parent=parent, name=name, slug=slug))
    Term.objects.bulk_create(operations)
    return len(operations)


_MAKERS = {
    "places": _place_terms,
    "organisations": _organisation_terms,
    "people": _people_terms,
    "topics": _topic_terms,
    "operations-and-programmes": _operation_terms,
}


def synthetic_terms_ensure() -> int:
    """Grow each seed vocabulary by its quota, once. Returns the number of terms added."""
    added = 0
    for vocabulary in Vocabulary.objects.filter(slug__in=_MAKERS):
        if vocabulary.terms.filter(scope_note=SYNTHETIC_SCOPE_NOTE).exists():
            continue  # grown by an earlier run
        rng = random.Random(f"terms:{vocabulary.slug}")
        maker = _MAKERS[vocabulary.slug]
        added += maker(rng, vocabulary, _Names(vocabulary), TERM_QUOTAS[vocabulary.slug])
    return added


def synthetic_authors_ensure() -> int:
    """About 80 authors (name, bio, affiliation); returns how many were added."""
    rng = random.Random("authors")
    affiliations = ["Staff writer", "Contributor", "Sahel correspondent", "Senior analyst"]
    authors, slugs = [], set()
    while len(authors) < AUTHOR_COUNT:
        name = f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}"
        slug = slugify(name)
        if slug in slugs:
            continue
        slugs.add(slug)
        topic = rng.choice(rng.choice(list(words.TOPIC_NAMES.values()))).lower()
        authors.append(
            Author(
                name=name,
                slug=slug,
                bio=f"{name} writes about {topic} in the Sahel.",
                affiliation=rng.choice(affiliations),
            )
        )
    existing = set(Author.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    missing = [a for a in authors if a.slug not in existing]
    Author.objects.bulk_create(missing)
    return len(missing)


def synthetic_tags_ensure() -> int:
    """About 2,000 free tags ("cross-border trade", "Tuareg militias"); returns how many added."""
    names = sorted(f"{q} {s}" for q in words.TAG_QUALIFIERS for s in words.TAG_SUBJECTS)
    random.Random("tags").shuffle(names)
    wanted = {}
    for name in names:
        slug = slugify(name)
        if slug and slug not in wanted:
            wanted[slug] = name
        if len(wanted) == TAG_COUNT:
            break
    existing_slugs = set(Tag.objects.filter(slug__in=wanted).values_list("slug", flat=True))
    existing_names = {
        n.casefold()
        for n in Tag.objects.filter(name__in=wanted.values()).values_list("name", flat=True)
    }
    missing = [
        Tag(name=name, slug=slug)
        for slug, name in wanted.items()
        if slug not in existing_slugs and name.casefold() not in existing_names
    ]
    Tag.objects.bulk_create(missing, ignore_conflicts=True)
    return len(missing)
