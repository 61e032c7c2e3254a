"""The term tree, in memory: the one API for every walk of it.

Built from terms loaded in one query (a queryset's ``.tree()``) or from terms
already in memory (TermIndex), it answers ancestors, descendants, the path as
readers see it ("Africa › Sahel › Mali › Gao") and a depth-first walk without
further queries. Vocabularies hold about a thousand terms, so loading them all is
cheaper than a query per level. A cycle (refused by Term.clean, but rows may
come from raw SQL) never makes a walk loop: each term is visited once.
"""

from collections.abc import Iterable, Iterator
from typing import Protocol

PATH_SEPARATOR = " › "


def vocabulary_label(vocabulary_name: str, path: str) -> str:
    """ "Places › Africa › Sahel › Mali": how the pickers name a term (its vocabulary,
    then its path), wherever one is offered."""
    return f"{vocabulary_name}{PATH_SEPARATOR}{path}"


class Node(Protocol):
    pk: int
    parent_id: int | None
    name: str


class TermTree:
    """Terms (anything with ``pk``, ``parent_id`` and ``name``) as a tree.

    Children keep the order in which the terms were given (pass them sorted by name).
    """

    def __init__(self, terms: Iterable[Node]):
        self.by_id: dict[int, Node] = {term.pk: term for term in terms}
        self._children: dict[int | None, list[Node]] = {}
        for term in self.by_id.values():
            parent_id = term.parent_id if term.parent_id in self.by_id else None
            self._children.setdefault(parent_id, []).append(term)

    def parent(self, term: Node) -> Node | None:
        return self.by_id.get(term.parent_id)

    def children(self, term: Node | None) -> list[Node]:
        """Narrower terms of ``term`` (None: the top-level terms)."""
        return list(self._children.get(None if term is None else term.pk, []))

    def ancestors(self, term: Node, *, include_self: bool = False) -> list[Node]:
        """Broader terms, farthest first (the top-level term first), optionally then ``term``."""
        chain, seen = [], {term.pk}
        node = self.by_id.get(term.parent_id)
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = self.by_id.get(node.parent_id)
        chain.reverse()
        if include_self:
            chain.append(term)
        return chain

    def path(self, term: Node) -> str:
        """ "Africa › Sahel › Mali › Gao": the term's name after its broader terms'."""
        return PATH_SEPARATOR.join(node.name for node in self.ancestors(term, include_self=True))

    def descendant_ids(self, ids: Iterable[int]) -> set[int]:
        """The given ids (those in the tree) and the ids of every term below them."""
        found = set()
        stack = [self.by_id[i] for i in ids if i in self.by_id]
        while stack:
            node = stack.pop()
            if node.pk not in found:
                found.add(node.pk)
                stack.extend(self._children.get(node.pk, []))
        return found

    def walk(self, root: Node | None = None) -> Iterator[tuple[Node, int]]:
        """(term, depth) depth first, parents before children; from the top (or below root)."""
        seen = set()
        stack = [(child, 0) for child in reversed(self.children(root))]
        while stack:
            node, depth = stack.pop()
            if node.pk in seen:
                continue
            seen.add(node.pk)
            yield node, depth
            stack.extend((child, depth + 1) for child in reversed(self._children.get(node.pk, [])))
