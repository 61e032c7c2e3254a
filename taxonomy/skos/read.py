"""A SKOS thesaurus file read into plain concepts: labels in one language, one broader each.

Reading knows nothing of the database. It decides, for each concept, its name (the
prefLabel in the chosen language), its aliases (every other label: prefLabels in other
languages, altLabels, hiddenLabels, SKOS-XL literal forms), its scope note and notation,
and a single broader concept, and says in `Reading.notes` and `Reading.skipped` what it
had to decide: a second broader dropped, a cycle broken, a concept without a label.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS, Namespace

SKOSXL = Namespace("http://www.w3.org/2008/05/skos-xl#")

# File extensions and --format values, as rdflib names the parsers.
FORMATS = {
    "ttl": "turtle",
    "turtle": "turtle",
    "rdf": "xml",
    "xml": "xml",
    "owl": "xml",
    "nt": "nt",
    "ntriples": "nt",
    "n-triples": "nt",
}
NAME_LENGTH, ALIAS_LENGTH = 100, 200


@dataclass
class Concept:
    uri: str
    name: str
    aliases: list[str] = field(default_factory=list)
    alias_languages: dict[str, str] = field(default_factory=dict)
    scope_note: str = ""
    notation: str = ""
    broader: str | None = None


@dataclass
class Reading:
    scheme_uri: str
    scheme_name: str
    concepts: list[Concept]
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (uri, reason)
    notes: list[str] = field(default_factory=list)


def parser_format(path: Path, given: str | None) -> str:
    key = (given or path.suffix.lstrip(".")).lower()
    if key not in FORMATS:
        raise ValueError(
            f"cannot tell the format of “{path.name}”; give --format turtle, xml or nt"
        )
    return FORMATS[key]


def matches(literal, language: str) -> bool:
    tag = (getattr(literal, "language", None) or "").lower()
    return tag == language or tag.startswith(language + "-")


class _Labels:
    """Every label of every concept, gathered in one pass per predicate."""

    def __init__(self, graph: Graph):
        self.pref = defaultdict(list)
        self.other = defaultdict(list)
        for predicate, target in (
            (SKOS.prefLabel, self.pref),
            (SKOS.altLabel, self.other),
            (SKOS.hiddenLabel, self.other),
        ):
            for subject, label in graph.subject_objects(predicate):
                if isinstance(label, Literal):
                    target[subject].append(label)
        forms = dict(graph.subject_objects(SKOSXL.literalForm))
        for predicate, target in (
            (SKOSXL.prefLabel, self.pref),
            (SKOSXL.altLabel, self.other),
            (SKOSXL.hiddenLabel, self.other),
        ):
            for subject, label in graph.subject_objects(predicate):
                if isinstance(forms.get(label), Literal):
                    target[subject].append(forms[label])


def _text(literals, language):
    """The literal in `language`, else one without a language tag, else ""."""
    chosen = [lit for lit in literals if matches(lit, language)]
    chosen = chosen or [lit for lit in literals if not getattr(lit, "language", None)]
    return " ".join(str(min(chosen)).split()) if chosen else ""


def read(path: Path, *, language: str, format: str | None = None) -> Reading:
    graph = Graph()
    graph.parse(str(path), format=parser_format(path, format))
    return read_graph(graph, language=language.lower())


def read_graph(graph: Graph, *, language: str) -> Reading:
    schemes = sorted(graph.subjects(RDF.type, SKOS.ConceptScheme))
    scheme = schemes[0] if schemes else None
    scheme_titles = [*graph.objects(scheme, SKOS.prefLabel), *graph.objects(scheme, DCTERMS.title)]
    reading = Reading(
        scheme_uri=str(scheme) if scheme is not None else "",
        scheme_name=_text(scheme_titles, language) if scheme is not None else "",
        concepts=[],
    )
    if len(schemes) > 1:
        reading.notes.append(f"{len(schemes)} concept schemes in the file; all concepts read")
    uris = sorted({s for s in graph.subjects(RDF.type, SKOS.Concept) if isinstance(s, URIRef)})
    labels = _Labels(graph)
    notes = defaultdict(list)
    for predicate in (SKOS.scopeNote, SKOS.definition):
        for subject, note in graph.subject_objects(predicate):
            notes[subject, predicate].append(note)
    notations = defaultdict(list)
    for subject, notation in graph.subject_objects(SKOS.notation):
        notations[subject].append(str(notation))
    broaders = defaultdict(set)
    for subject, target in graph.subject_objects(SKOS.broader):
        broaders[subject].add(target)
    for subject, target in graph.subject_objects(SKOS.narrower):
        broaders[target].add(subject)

    known = set(uris)
    by_uri = {}
    other_language = 0
    for uri in uris:
        concept, is_named_in_own_language = _concept(uri, labels, language, reading)
        if concept is None:
            continue
        other_language += not is_named_in_own_language
        concept.scope_note = _text(notes[uri, SKOS.scopeNote], language) or _text(
            notes[uri, SKOS.definition], language
        )
        concept.notation = min(notations[uri])[:100] if notations[uri] else ""
        parents = sorted(str(b) for b in broaders[uri] if b in known and b != uri)
        missing = sorted(str(b) for b in broaders[uri] if b not in known)
        if missing:
            reading.notes.append(f"{uri}: broader {missing[0]} is not a concept of the file")
        if len(parents) > 1:
            reading.notes.append(
                f"{uri}: {len(parents)} broader concepts; kept {parents[0]}, "
                f"dropped {', '.join(parents[1:])}"
            )
        concept.broader = parents[0] if parents else None
        by_uri[str(uri)] = concept
    if other_language:
        reading.notes.append(
            f"{other_language} concepts have no label in “{language}”: named in another language"
        )
    _break_cycles(by_uri, reading)
    reading.concepts = list(by_uri.values())
    return reading


def _concept(uri, labels, language, reading) -> tuple[Concept | None, bool]:
    """The concept (None: skipped, with the reason) and whether its name is in `language`."""
    prefs = labels.pref[uri]
    if not prefs:
        reading.skipped.append((str(uri), "no prefLabel"))
        return None, True
    own = sorted(lit for lit in prefs if matches(lit, language))
    untagged = sorted(lit for lit in prefs if not lit.language)
    other = sorted(prefs, key=lambda lit: (lit.language or "", str(lit)))
    chosen = (own or untagged or other)[0]
    name = " ".join(str(chosen).split())
    if len(name) > NAME_LENGTH:
        reading.skipped.append((str(uri), f"its name is longer than {NAME_LENGTH} characters"))
        return None, True
    concept = Concept(uri=str(uri), name=name)
    seen = {name.lower()}
    for label in sorted(
        [lit for lit in prefs if lit is not chosen] + labels.other[uri],
        key=lambda lit: (not matches(lit, language), lit.language or "", str(lit)),
    ):
        alias = " ".join(str(label).split())
        if not alias or alias.lower() in seen:
            continue
        if len(alias) > ALIAS_LENGTH:
            reading.notes.append(f"{uri}: label “{alias[:40]}…” too long for an alias, dropped")
            continue
        seen.add(alias.lower())
        concept.aliases.append(alias)
        if label.language:
            concept.alias_languages[alias] = label.language
    return concept, bool(own or untagged)


def _break_cycles(by_uri: dict[str, Concept], reading: Reading) -> None:
    """Cut the broader link that closes each cycle, so every walk up ends at the top."""
    done = set()
    for start in by_uri:
        path, node = [], start
        on_path = set()
        while node is not None and node not in done and node not in on_path:
            path.append(node)
            on_path.add(node)
            node = by_uri[node].broader
        if node is not None and node in on_path:
            loop = path[path.index(node) :]
            last = by_uri[loop[-1]]
            reading.notes.append(
                "cycle "
                + " → ".join([*loop, node])
                + f": refused; {last.uri} put at the top instead of under {node}"
            )
            last.broader = None
        done.update(path)
