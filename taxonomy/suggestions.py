"""Terms whose names or aliases occur in a text: suggestions for classifying it.

``suggest_terms(texts, config=...)`` takes the texts of one document, most important
first (an article's title, standfirst, body), and answers the terms found in them, best
first. It only reads: what to do with a suggestion is the caller's (and the editor's).

Words are read by PostgreSQL's own parser and dictionaries, in the text search
configuration the caller names (``english_unaccent`` for the newsroom), so that a
suggestion agrees with the site's search: case and accents do not count ("ménaka" is
"Ménaka") and word forms share a stem ("peacekeepers" finds "Peacekeeping").

- The texts: one ``to_tsvector`` each, per request; it gives every word's lexeme and
  position (stop words keep their positions, markup takes none).
- The labels (every term's name and aliases): the same, once per process for each state
  of the terms. A fingerprint of the vocabularies and terms (one query, over the rows
  themselves, so every write path and every process is seen: the admin, an import, raw
  SQL) tells whether the labels read before are still those.
- A label occurs where its first lexeme is and every following one sits at the same
  distance after it: a phrase. A stop word inside a label ("Economic Community *of*
  West African States") matches any one word, as ``phraseto_tsquery`` does.
- A match inside a longer match of another label at the same place is dropped: the text
  "United Nations Security Council" suggests that term, not also "United Nations" (which
  is still suggested where it occurs on its own).
- The order: the first text a term occurs in (the title before the standfirst before the
  body), then how often it occurs in all of them, then the deeper term first (Gao before
  Mali), then by name.

Limits (those of PostgreSQL's full-text search, which the site's search shares): a label
made only of stop words ("WHO", "IS") has no lexemes and is never suggested; PostgreSQL
keeps at most 256 positions of one lexeme and reads every word after the 16,383rd as at
position 16,383, so counts in a text that long are approximate.
"""

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from django.db import connection

from .models import Term, Vocabulary
from .sorting import fold
from .tree import PATH_SEPARATOR, TermTree, vocabulary_label

_TERMS = connection.ops.quote_name(Term._meta.db_table)
_VOCABULARIES = connection.ops.quote_name(Vocabulary._meta.db_table)

# Everything the labels and their paths are made of; one value, changed by any write.
FINGERPRINT_SQL = f"""
SELECT md5(
    coalesce((SELECT json_agg(json_build_array(v.id, v.name) ORDER BY v.id)::text
                FROM {_VOCABULARIES} v), '')
    || coalesce((SELECT json_agg(json_build_array(
                     t.id, t.vocabulary_id, t.parent_id, t.name, t.aliases) ORDER BY t.id)::text
                   FROM {_TERMS} t), '')
)
"""

# Each label's lexemes in the order of their positions, with the positions.
LABELS_SQL = f"""
SELECT l.term_id, l.label, w.lexemes, w.positions
  FROM (SELECT t.id AS term_id, unnest(array_prepend(t.name::text, t.aliases::text[])) AS label
          FROM {_TERMS} t) AS l
 CROSS JOIN LATERAL (
       SELECT array_agg(u.lexeme ORDER BY p, u.lexeme) AS lexemes,
              array_agg(p ORDER BY p, u.lexeme) AS positions
         FROM unnest(to_tsvector(%s::regconfig, l.label)) AS u, unnest(u.positions) AS p
       ) AS w
 WHERE w.lexemes IS NOT NULL
"""

# Every word of every text: (text number from 1, lexeme, position).
WORDS_SQL = """
SELECT f.n, u.lexeme, p
  FROM unnest(%s::text[]) WITH ORDINALITY AS f(body, n),
       unnest(to_tsvector(%s::regconfig, f.body)) AS u,
       unnest(u.positions) AS p
"""


@dataclass(frozen=True)
class Suggestion:
    term_id: int
    name: str
    vocabulary: str
    path: str
    """ "Africa › Sahel › Mali": the term's name after its broader terms'."""
    counts: tuple[int, ...]
    """How often the term occurs in each text, in the order the texts were given."""
    matched: tuple[str, ...]
    """The names and aliases found, as the thesaurus spells them, first found first."""

    @property
    def label(self):
        """ "Places › Africa › Sahel › Mali", as the term pickers show it."""
        return vocabulary_label(self.vocabulary, self.path)


@dataclass(frozen=True)
class _Label:
    term_id: int
    text: str
    tail: tuple[tuple[int, str], ...]  # after the key: (distance from the first, lexeme)
    length: int  # positions it spans


@dataclass(frozen=True)
class _Node:
    pk: int
    parent_id: int | None
    name: str
    vocabulary_id: int


@dataclass
class LabelIndex:
    """The labels of every term, and the terms' tree.

    A label of one lexeme is found by it (``singles``); a longer one by its first two
    lexemes and the distance between them (``pairs``), then checked word by word: a
    common first word ("water", "United") does not make every label that starts with
    it a candidate.
    """

    fingerprint: str
    singles: dict[str, list[_Label]] = field(default_factory=dict)
    pairs: dict[tuple[str, int, str], list[_Label]] = field(default_factory=dict)
    gaps: frozenset[int] = frozenset()
    longest: int = 1
    nodes: dict[int, _Node] = field(default_factory=dict)
    vocabularies: dict[int, str] = field(default_factory=dict)
    tree: TermTree = field(default_factory=lambda: TermTree([]))

    @classmethod
    def load(cls, *, fingerprint: str, config: str) -> "LabelIndex":
        """Three queries, whatever the number of terms."""
        index = cls(fingerprint=fingerprint)
        with connection.cursor() as cursor:
            cursor.execute(LABELS_SQL, [config])
            gaps = set()
            for term_id, text, lexemes, positions in cursor.fetchall():
                words = [
                    (p - positions[0], lex) for p, lex in zip(positions, lexemes, strict=True)
                ]
                length = words[-1][0] + 1
                index.longest = max(index.longest, length)
                if len(words) == 1:
                    index.singles.setdefault(lexemes[0], []).append(
                        _Label(term_id, text, (), length)
                    )
                    continue
                key = (lexemes[0], words[1][0], lexemes[1])
                gaps.add(words[1][0])
                index.pairs.setdefault(key, []).append(
                    _Label(term_id, text, tuple(words[2:]), length)
                )
            index.gaps = frozenset(gaps)
        index.vocabularies = dict(Vocabulary.objects.values_list("id", "name"))
        index.nodes = {
            pk: _Node(pk, parent_id, name, vocabulary_id)
            for pk, parent_id, name, vocabulary_id in Term.objects.order_by().values_list(
                "id", "parent_id", "name", "vocabulary_id"
            )
        }
        index.tree = TermTree(index.nodes.values())
        return index


# One index per text search configuration, for this process; replaced whole when the
# fingerprint moves (a reader never sees a half-built one).
_indexes: dict[str, LabelIndex] = {}


def label_index(*, config: str) -> LabelIndex:
    """The labels as the database holds them now: one query, three more after a change."""
    with connection.cursor() as cursor:
        cursor.execute(FINGERPRINT_SQL)
        (fingerprint,) = cursor.fetchone()
    index = _indexes.get(config)
    if index is None or index.fingerprint != fingerprint:
        index = _indexes[config] = LabelIndex.load(fingerprint=fingerprint, config=config)
    return index


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    label: _Label


def _words(texts: Sequence[str], config: str) -> list[dict[int, set[str]]]:
    """Each text's lexemes by position (one query)."""
    found = [defaultdict(set) for _ in texts]
    with connection.cursor() as cursor:
        cursor.execute(WORDS_SQL, [list(texts), config])
        for n, lexeme, position in cursor.fetchall():
            found[n - 1][position].add(lexeme)
    return found


def _matches(at: dict[int, set[str]], index: LabelIndex) -> list[_Match]:
    """Every occurrence of every label in one text (``at``: lexemes by position)."""
    found = []
    for start, lexemes in at.items():
        for lexeme in lexemes:
            for label in index.singles.get(lexeme, ()):
                found.append(_Match(start, start + 1, label))
            for gap in index.gaps:
                for second in at.get(start + gap, ()):
                    for label in index.pairs.get((lexeme, gap, second), ()):
                        if all(lex in at.get(start + d, ()) for d, lex in label.tail):
                            found.append(_Match(start, start + label.length, label))
    return found


def _outermost(matches: list[_Match], longest: int) -> list[_Match]:
    """The matches not inside a longer one (longest first, then in text order)."""
    kept: list[_Match] = []
    ends_by_start: dict[int, list[int]] = defaultdict(list)
    for match in sorted(matches, key=lambda m: (m.start - m.end, m.start)):
        length = match.end - match.start
        covered = any(
            end >= match.end and end - start > length
            for start in range(match.start - longest + 1, match.start + 1)
            for end in ends_by_start.get(start, ())
        )
        if not covered:
            kept.append(match)
            ends_by_start[match.start].append(match.end)
    return kept


def _in_order(seen: dict[str, tuple[int, int]], *, name: str) -> tuple[str, ...]:
    """The labels found, where first found first (the name first at one place)."""
    return tuple(sorted(seen, key=lambda label: (seen[label], label != name)))


def suggest_terms(
    texts: Sequence[str], *, config: str, exclude: Collection[int] = (), limit: int = 20
) -> list[Suggestion]:
    """The terms that occur in ``texts`` (most important text first), best first.

    ``config``: the text search configuration to read words with. ``exclude``: ids of
    terms not to suggest (those the document has already). At most ``limit``. Two
    queries (five just after the terms changed); none when every text is blank.
    """
    if not any(text.strip() for text in texts):
        return []
    index = label_index(config=config)
    counts: dict[int, list[int]] = {}
    first_seen: dict[int, dict[str, tuple[int, int]]] = defaultdict(dict)
    excluded = set(exclude)
    for n, at in enumerate(_words(texts, config)):
        starts: dict[int, set[int]] = defaultdict(set)
        for match in _outermost(_matches(at, index), index.longest):
            term_id = match.label.term_id
            if term_id in excluded:
                continue
            starts[term_id].add(match.start)
            first_seen[term_id].setdefault(match.label.text, (n, match.start))
        for term_id, positions in starts.items():
            counts.setdefault(term_id, [0] * len(texts))[n] = len(positions)
    ranked = []
    for term_id, per_text in counts.items():
        node = index.nodes.get(term_id)
        if node is None or node.vocabulary_id not in index.vocabularies:
            continue  # deleted while the index was read; the next request reads it again
        chain = index.tree.ancestors(node, include_self=True)
        first_text = next(n for n, count in enumerate(per_text) if count)
        rank = (first_text, -sum(per_text), -len(chain), fold(node.name), term_id)
        ranked.append((rank, node, chain, per_text))
    ranked.sort(key=lambda row: row[0])
    return [
        Suggestion(
            term_id=node.pk,
            name=node.name,
            vocabulary=index.vocabularies[node.vocabulary_id],
            path=PATH_SEPARATOR.join(n.name for n in chain),
            counts=tuple(per_text),
            matched=_in_order(first_seen[node.pk], name=node.name),
        )
        for _, node, chain, per_text in ranked[:limit]
    ]
