"""A vocabulary as a SKOS concept scheme (rdflib graph), ready to serialise."""

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from ..models import Term, Vocabulary
from .uris import concept_uri, scheme_uri


def vocabulary_graph(vocabulary: Vocabulary) -> Graph:
    """The scheme and every term: labels with language tags, the tree both ways, notes."""
    graph = Graph()
    graph.bind("skos", SKOS)
    graph.bind("dct", DCTERMS)
    language = vocabulary.language or None
    scheme = URIRef(scheme_uri(vocabulary))
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme, SKOS.prefLabel, Literal(vocabulary.name, lang=language)))
    if vocabulary.description:
        graph.add((scheme, DCTERMS.description, Literal(vocabulary.description, lang=language)))
    terms = list(Term.objects.filter(vocabulary=vocabulary).order_by("pk"))
    uris = {term.pk: URIRef(concept_uri(term)) for term in terms}
    for term in terms:
        concept = uris[term.pk]
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, SKOS.inScheme, scheme))
        graph.add((concept, SKOS.prefLabel, Literal(term.name, lang=language)))
        for alias in term.aliases:
            tag = term.alias_languages.get(alias, language)
            graph.add((concept, SKOS.altLabel, Literal(alias, lang=tag or None)))
        if term.scope_note:
            graph.add((concept, SKOS.scopeNote, Literal(term.scope_note, lang=language)))
        if term.notation:
            graph.add((concept, SKOS.notation, Literal(term.notation)))
        parent = uris.get(term.parent_id)
        if parent is None:
            graph.add((concept, SKOS.topConceptOf, scheme))
            graph.add((scheme, SKOS.hasTopConcept, concept))
        else:
            graph.add((concept, SKOS.broader, parent))
            graph.add((parent, SKOS.narrower, concept))
    return graph
