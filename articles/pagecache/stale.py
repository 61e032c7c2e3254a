"""Which tags an editorial change makes stale (tags.py says who declares each).

An article is read as readers see it (``ArticleState``) before and after the
change; each state in which readers could see it contributes the tags of every
page that shows it. A draft saved, or a scheduled article edited before its
moment, makes nothing stale. The term lists come from the ``term_ids`` column,
which the database keeps with every broader term (articles/sql/article_search.sql).
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from taxonomy.models import TREE_FIELDS, Term

from ..models import Article
from . import tags


@dataclass(frozen=True)
class ArticleState:
    """What readers can see of an article, as the database holds it now."""

    pk: int
    is_visible: bool
    published_at: datetime | None
    term_ids: frozenset[int]  # with every broader term
    direct_term_ids: frozenset[int]
    author_ids: frozenset[int]
    tag_ids: frozenset[int]


def article_states(pks, *, at=None) -> dict[int, ArticleState]:
    """The articles as readers see them now (or at the moment ``at``)."""
    pks = [pk for pk in pks if pk is not None]
    if not pks:
        return {}
    now = at or timezone.now()
    direct: dict[int, set[int]] = {}
    links = Article.terms.through.objects.filter(article_id__in=pks)
    for article_id, term_id in links.values_list("article_id", "term_id"):
        direct.setdefault(article_id, set()).add(term_id)
    rows = Article.objects.filter(pk__in=pks).values(
        "pk", "status", "published_at", "expires_at", "term_ids", "author_ids", "tag_ids"
    )
    return {
        row["pk"]: ArticleState(
            pk=row["pk"],
            is_visible=row["status"] == Article.Status.PUBLISHED
            and row["published_at"] is not None
            and row["published_at"] <= now
            and (row["expires_at"] is None or row["expires_at"] > now),
            published_at=row["published_at"],
            term_ids=frozenset(row["term_ids"]),
            direct_term_ids=frozenset(direct.get(row["pk"], ())),
            author_ids=frozenset(row["author_ids"]),
            tag_ids=frozenset(row["tag_ids"]),
        )
        for row in rows
    }


def article_state(pk) -> ArticleState | None:
    return article_states([pk]).get(pk)


def shown_article_tags(state: ArticleState) -> set[str]:
    """The pages that show a visible article, as this state has it."""
    return {
        tags.article(state.pk),
        *(tags.term(pk) for pk in state.term_ids),
        *(tags.author(pk) for pk in state.author_ids),
        *(tags.tag(pk) for pk in state.tag_ids),
        tags.LISTING,
        tags.FEED,
        tags.SITEMAP,
    }


def article_change(before: ArticleState | None, after: ArticleState | None) -> set[str]:
    """The tags an article's change makes stale, from its states before and after."""
    before = before if before is not None and before.is_visible else None
    after = after if after is not None and after.is_visible else None
    stale = set()
    for state in filter(None, (before, after)):
        stale |= shown_article_tags(state)
    if before is None and after is None:
        return stale
    b_terms = before.direct_term_ids if before else frozenset()
    a_terms = after.direct_term_ids if after else frozenset()
    moved = before is None or after is None or before.published_at != after.published_at
    if moved:
        stale.add(tags.CORRECTIONS)  # its corrections join or leave the list, or move in it
    # Related articles rank by shared terms, then date: only an article that joins
    # or leaves a term, or whose date moves, changes another article's list.
    stale |= {tags.related(pk) for pk in (b_terms | a_terms if moved else b_terms ^ a_terms)}
    if moved or before.term_ids != after.term_ids:
        # Counts per month and per term.
        stale.add(tags.ARCHIVE)
        term_ids = (before.term_ids if before else set()) | (after.term_ids if after else set())
        vocabularies = Term.objects.filter(pk__in=term_ids).values_list("vocabulary_id")
        stale |= {tags.vocabulary(pk) for (pk,) in vocabularies.distinct()}
    return stale


def update_change(state: ArticleState | None) -> set[str]:
    """An update, correction or retraction saved or deleted on an article in this state."""
    if state is None or not state.is_visible:
        return set()
    return {*article_change(state, state), tags.CORRECTIONS}


def term_tags(term: Term) -> set[str]:
    """A term's change, with the tree as the database holds it now (call before and after)."""
    stale = {
        tags.name("term", term.pk),
        tags.related(term.pk),
        tags.LISTING,
        tags.SITEMAP,
    }
    vocabulary_ids = {term.vocabulary_id}
    stored = Term.objects.filter(pk=term.pk).values_list("vocabulary_id", flat=True).first()
    if stored is not None:
        vocabulary_ids.add(stored)
    tree = Term.objects.filter(vocabulary_id__in=vocabulary_ids).only(*TREE_FIELDS).tree()
    stale |= {tags.vocabulary(pk) for pk in vocabulary_ids}
    # The term's page and feeds, its broader terms' (which list its articles and
    # name it among the narrower terms) and its narrower terms' (whose breadcrumb names it).
    stale |= {tags.term(pk) for pk in tree.descendant_ids([term.pk])}
    stale.add(tags.term(term.pk))
    if term.pk in tree.by_id:
        stale |= {tags.term(node.pk) for node in tree.ancestors(tree.by_id[term.pk])}
    return stale


def vocabulary_tags(vocabulary) -> set[str]:
    return {
        tags.vocabulary(vocabulary.pk),
        tags.name("vocabulary", vocabulary.pk),
        tags.VOCABULARIES,
        tags.LISTING,
        tags.SITEMAP,
    }


def author_tags(author) -> set[str]:
    return {
        tags.author(author.pk),
        tags.name("author", author.pk),
        tags.LISTING,
        tags.FEED,
        tags.SITEMAP,
    }


def tag_tags(tag) -> set[str]:
    return {tags.tag(tag.pk), tags.name("tag", tag.pk), tags.LISTING}


def image_tags(image_id) -> set[str]:
    """The pages showing an image: those of the visible articles it leads (their pages,
    the lists with their thumbnails, the feeds with their enclosures)."""
    pks = Article.objects.filter(lead_image_id=image_id).values_list("pk", flat=True)
    return _shown_tags(pks)


def document_tags(document_id) -> set[str]:
    """The pages listing a document: those of the visible articles it is attached to."""
    pks = Article.objects.filter(article_documents__document_id=document_id).values_list(
        "pk", flat=True
    )
    return _shown_tags(pks)


def _shown_tags(pks) -> set[str]:
    stale = set()
    for state in article_states(list(pks)).values():
        if state.is_visible:
            stale |= shown_article_tags(state)
    return stale
