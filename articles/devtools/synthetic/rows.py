"""What one synthetic article is: its columns and related rows, from ``(seed, index)``.

The classification resembles a newsroom writing about Mali: the most used place
with its narrower terms (Mali) on about two thirds of the articles, the most used
organisation with its narrower terms (MINUSMA) on about a fifth, and the word
"minusma" in the text of about 23% (those classified under it, and a few that
only mention it); every other term is drawn with a Zipf skew. No database access
here but in ``Context()``: an article is a pure function of the context, the seed
and its index.
"""

import random
from datetime import datetime, timedelta
from itertools import accumulate

from django.db import models
from django.utils.text import slugify
from taggit.models import Tag

from taxonomy.models import Term, Vocabulary
from taxonomy.tree import TermTree

from ... import reading
from ...models import Author
from . import text
from .images import synthetic_images_ensure

ARTICLE_MARKER = "[synthetic seed={seed}]"
YEARS = 12

# How many terms of each vocabulary an article gets: (choices, weights).
TERMS_PER_ARTICLE = {
    "places": ([1, 2, 3], [50, 35, 15]),
    "organisations": ([0, 1, 2, 3], [20, 45, 25, 10]),
    "people": ([0, 1, 2], [45, 40, 15]),
    "topics": ([1, 2, 3], [50, 40, 10]),
    "operations-and-programmes": ([0, 1, 2], [60, 32, 8]),
}
# The most used term of a vocabulary (by slug; else its most used one), with its
# narrower terms, on this share of the articles; their other terms of that
# vocabulary come from outside its tree.
TOP_TERM_SHARES = {"places": ("mali", 0.66), "organisations": ("minusma", 0.20)}
# The top organisation's name: in the text of the articles classified under it,
# and of this share of the others (which draw from the sentences that lack it).
MENTIONED_WORD = "minusma"
MENTION_SHARE_UNCLASSIFIED = 0.04
TAGS_PER_ARTICLE = ([0, 1, 2, 3, 4, 5, 6], [15, 20, 25, 20, 10, 6, 4])
AUTHORS_PER_ARTICLE = ([0, 1, 2, 3], [20, 60, 15, 5])
# Status mix: (status, share); "scheduled" is published with a future date.
STATUS_MIX = [
    ("draft", 0.02),
    ("review", 0.01),
    ("withdrawn", 0.01),
    ("scheduled", 0.01),
    ("published", 0.95),
]


class Zipf:
    """Draw ids with probability proportional to 1 / rank**s (rank 1 = first id)."""

    def __init__(self, items, *, s: float):
        self.items = list(items)
        self.cum_weights = list(accumulate(1 / (rank**s) for rank in range(1, len(items) + 1)))

    def draw(self, rng, k: int) -> list:
        if k <= 0 or not self.items:
            return []
        picked = rng.choices(self.items, cum_weights=self.cum_weights, k=k)
        return list(dict.fromkeys(picked))  # distinct, in draw order


class _Vocabulary:
    """One vocabulary's terms in popularity order, split around its top term's tree."""

    def __init__(self, ranked: list, *, top_slug: str | None, share: float):
        self.names = {t.pk: t.name for t in ranked}
        self.share = share
        inside = set()
        if top_slug is not None:
            top = next((t for t in ranked if t.slug == top_slug), ranked[0])
            inside = TermTree(ranked).descendant_ids([top.pk])
        self.inside = Zipf([t.pk for t in ranked if t.pk in inside], s=1.05)
        self.outside = Zipf([t.pk for t in ranked if t.pk not in inside], s=1.05)

    def draw(self, rng, k: int) -> tuple[list, bool]:
        """k terms (at least one when the top tree is drawn), and whether it was."""
        if self.inside.items and rng.random() < self.share:
            k = max(k, 1)
            return self.inside.draw(rng, 1) + self.outside.draw(rng, k - 1), True
        return self.outside.draw(rng, k), False


class Context:
    """What every article of a run draws from: the ranked vocabularies, authors and tags."""

    def __init__(self, *, marker: str, seed: int, now: datetime):
        self.marker = marker
        self.seed = seed
        self.now = now
        self.vocabularies = {}
        for vocabulary in Vocabulary.objects.all():
            ranked = _ranked_terms(vocabulary)
            if ranked:
                top_slug, share = TOP_TERM_SHARES.get(vocabulary.slug, (None, 0.0))
                self.vocabularies[vocabulary.slug] = _Vocabulary(
                    ranked, top_slug=top_slug, share=share
                )
        # Template slots read these keys; any missing vocabulary falls back to the first.
        self.slot_vocabularies = {
            "places": "places",
            "organisations": "organisations",
            "people": "people",
            "topics": "topics",
            "operations": "operations-and-programmes",
        }
        fallback = next(iter(self.vocabularies))
        for slot, vocabulary in self.slot_vocabularies.items():
            if vocabulary not in self.vocabularies:
                self.slot_vocabularies[slot] = fallback
        self.authors = Zipf(
            list(Author.objects.order_by("slug").values_list("pk", flat=True)), s=0.8
        )
        tag_ids = dict(Tag.objects.values_list("slug", "pk"))
        self.tags = Zipf([tag_ids[slug] for slug in sorted(tag_ids)], s=0.9)
        # Shuffle tag popularity deterministically (alphabetical rank is not realistic).
        random.Random(7).shuffle(self.tags.items)
        self.images = synthetic_images_ensure()
        self.full_pool = text.seed_sentences()
        self.pool_without_word = text.seed_sentences_without(MENTIONED_WORD)


def _ranked_terms(vocabulary) -> list:
    """Popularity order: the seed terms the seed articles use most, then the rest, fixed."""
    terms = list(
        Term.objects.filter(vocabulary=vocabulary)
        .annotate(uses=models.Count("articles"))
        .order_by("-uses", "slug")
    )
    used = [t for t in terms if t.uses]
    rest = [t for t in terms if not t.uses]
    random.Random(vocabulary.slug).shuffle(rest)
    return used + rest


def _pick(rng, spec) -> int:
    choices, weights = spec
    return rng.choices(choices, weights=weights)[0]


def _status(rng) -> str:
    roll = rng.random()
    for status, share in STATUS_MIX:
        if roll < share:
            return status
        roll -= share
    return "published"


def make_article(context, pk, index, rows) -> dict:
    """Article ``index`` of the run with primary key ``pk``; its related rows go to ``rows``
    (a dict of lists: terms, authors, tags, updates)."""
    rng = random.Random(context.seed * 1_000_003 + index)
    now = context.now

    chosen, is_top_org = {}, False
    for slug, vocabulary in context.vocabularies.items():
        spec = TERMS_PER_ARTICLE.get(slug, ([0, 1], [70, 30]))
        chosen[slug], is_top = vocabulary.draw(rng, _pick(rng, spec))
        is_top_org = is_top_org or (is_top and slug == "organisations")
    if not any(chosen.values()):  # every article is classified
        first = next(iter(context.vocabularies))
        chosen[first] = context.vocabularies[first].outside.draw(rng, 1)
    names = {}
    for slot, slug in context.slot_vocabularies.items():
        vocabulary = context.vocabularies[slug]
        ids = chosen.get(slug) or vocabulary.outside.draw(rng, 1) or vocabulary.inside.draw(rng, 1)
        names[slot] = [vocabulary.names[i] for i in ids]
    is_mentioning = is_top_org or rng.random() < MENTION_SHARE_UNCLASSIFIED
    pool = context.full_pool if is_mentioning else context.pool_without_word

    status = _status(rng)
    age = timedelta(days=365.25 * YEARS) * (rng.random() ** 1.3)  # denser in recent years
    published_at = now - age - timedelta(seconds=rng.randrange(60, 86400))
    created_at = published_at - timedelta(hours=rng.uniform(1, 120))
    if status == "scheduled":
        published_at = now + timedelta(hours=rng.uniform(1, 24 * 30))
        created_at = now - timedelta(hours=rng.uniform(1, 48))
        status = "published"
    elif status in ("draft", "review"):
        published_at = None
        created_at = now - timedelta(days=rng.uniform(0, 60))

    updated_at = None
    if status == "published" and published_at <= now:
        updated_at = _make_updates(rng, pk, published_at, now, names, pool, rows["updates"])
    modified_at = max(d for d in (created_at, published_at, updated_at) if d and d <= now)

    title = text.title(rng, names)
    for vocabulary_ids in chosen.values():
        rows["terms"].extend((pk, term_id) for term_id in vocabulary_ids)
    author_ids = context.authors.draw(rng, _pick(rng, AUTHORS_PER_ARTICLE))
    rows["authors"].extend((pk, author_id, pos) for pos, author_id in enumerate(author_ids))
    rows["tags"].extend(
        (pk, tag_id) for tag_id in context.tags.draw(rng, _pick(rng, TAGS_PER_ARTICLE))
    )
    has_image = rng.random() < 0.5
    target_words = max(350, min(1100, int(rng.gauss(700, 120))))
    standfirst = text.standfirst(rng, names)
    body = text.body(rng, names, target_words=target_words, pool=pool)
    return {
        "id": pk,
        "title": title,
        "slug": f"{slugify(title)[:200].strip('-')}-{context.seed}-{index}",
        "standfirst": standfirst,
        "body": body,
        # What a save would derive from the body (COPY skips the receiver).
        **reading.columns(body),
        "lead_image_caption": (
            f"{names['places'][0]}, {published_at or now:%B %Y}." if has_image else ""
        ),
        "lead_image_credit": rng.choice(text.words.CREDITS) if has_image else "",
        "status": status,
        "published_at": published_at,
        "updated_at": updated_at,
        "internal_note": f"{context.marker} #{index}: made by manage.py generate_articles.",
        "created_at": created_at,
        "modified_at": modified_at,
        "created_by_id": None,
        "modified_by_id": None,
        # Drawn last, so that the other fields are as they were before images.
        "lead_image_id": rng.choice(context.images) if has_image and context.images else None,
    }


def _make_updates(rng, pk, published_at, now, names, pool, update_rows):
    """Some updates and editor's notes (8%) and corrections (3%); returns the latest date."""
    kinds = []
    if rng.random() < 0.08:
        kinds += rng.choices(["update", "note"], weights=[85, 15], k=rng.randrange(1, 3))
    if rng.random() < 0.03:
        kinds.append("correction")
    latest = None
    when = published_at
    for order, kind in enumerate(kinds, start=1):
        when = min(now, when + timedelta(hours=rng.uniform(2, 24 * 20)))
        title = "Correction" if kind == "correction" else ""
        body = text.update_body(rng, names, kind=kind, pool=pool)
        update_rows.append((pk, kind, when, title, body, order))
        latest = when
    return latest
