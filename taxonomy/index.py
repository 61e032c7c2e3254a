"""All vocabularies and terms in memory, for pages that resolve many slugs at once.

Two queries, whatever the number of terms (about a thousand in practice): the
listing's filters, facets and chips look terms up here instead of one by one.
"""

from dataclasses import dataclass, field

from .models import Term, Vocabulary


@dataclass
class TermIndex:
    vocabularies: list[Vocabulary]
    by_id: dict[int, Term] = field(default_factory=dict)
    by_slug: dict[tuple[str, str], Term] = field(default_factory=dict)

    @classmethod
    def load(cls):
        vocabularies = list(Vocabulary.objects.all())
        by_pk = {v.pk: v for v in vocabularies}
        index = cls(vocabularies=vocabularies)
        for term in Term.objects.only("id", "name", "slug", "vocabulary_id", "parent_id"):
            term.vocabulary = by_pk[term.vocabulary_id]
            index.by_id[term.pk] = term
            index.by_slug[(term.vocabulary.slug, term.slug)] = term
        return index

    def get(self, vocabulary_slug, term_slug):
        return self.by_slug.get((vocabulary_slug, term_slug))

    def ancestors(self, term):
        """Broader terms, farthest first, from memory (no queries)."""
        chain, seen = [], {term.pk}
        parent = self.by_id.get(term.parent_id)
        while parent is not None and parent.pk not in seen:
            chain.append(parent)
            seen.add(parent.pk)
            parent = self.by_id.get(parent.parent_id)
        return list(reversed(chain))
