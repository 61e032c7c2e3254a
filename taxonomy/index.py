"""All vocabularies and terms in memory, for pages that resolve many slugs at once.

Two queries, whatever the number of terms (about a thousand in practice): the
listing's filters, facets and chips look terms up here instead of one by one.
"""

import difflib
from dataclasses import dataclass, field
from functools import cached_property

from .models import Term, Vocabulary
from .sorting import fold, name_key
from .tree import TermTree


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
        fields = ("id", "name", "slug", "vocabulary_id", "parent_id", "aliases")
        for term in Term.objects.only(*fields):
            term.vocabulary = by_pk[term.vocabulary_id]
            index.by_id[term.pk] = term
            index.by_slug[(term.vocabulary.slug, term.slug)] = term
        return index

    def get(self, vocabulary_slug, term_slug):
        return self.by_slug.get((vocabulary_slug, term_slug))

    @cached_property
    def tree(self) -> TermTree:
        """Every term as a TermTree, children by name (no queries)."""
        return TermTree(sorted(self.by_id.values(), key=lambda t: (*name_key(t.name), t.pk)))

    def ancestors(self, term):
        """Broader terms, farthest first, from memory (no queries)."""
        return self.tree.ancestors(term)

    def find(self, vocabulary_slug, text, *, cutoff=0.75):
        """The term a reader most likely meant: by slug, name, alias or a near spelling.

        Accents and case are ignored (“timbuctoo”, “Keita”); a misspelling is
        accepted when it is close to exactly one name or alias (“Barkane”).
        """
        wanted = fold(text)
        if not wanted:
            return None
        names = {}
        for term in self.by_id.values():
            if term.vocabulary.slug != vocabulary_slug:
                continue
            for name in (term.slug, term.name, *term.aliases):
                names.setdefault(fold(name), term)
        if wanted in names:
            return names[wanted]
        close = difflib.get_close_matches(wanted, list(names), n=2, cutoff=cutoff)
        if close and (len(close) == 1 or names[close[0]] == names[close[1]]):
            return names[close[0]]
        return None
