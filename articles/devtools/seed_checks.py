"""The seed sources' references, checked before the fixture is built (articles/devtools/seeds.py).

A classification that names a term, a vocabulary or a document that does not exist, or
a document that names an unknown author, would give a fixture that fails to load (or,
for a vocabulary the builder does not know, silently loses its terms).
"""


class SeedSourceError(ValueError):
    """The sources name something that does not exist; one problem per line."""


def _term_slugs(terms):
    for term in terms:
        yield term["slug"]
        yield from _term_slugs(term.get("children", []))


def missing_references(
    vocabularies, classification, documents, authors, *, vocabulary_order
) -> list[str]:
    """Every reference in the sources to a vocabulary, term, author or document not there.

    Checked before anything is built, so that a fixture that would not load is never
    written (loaddata would stop at the first unresolved natural key).
    """
    terms = {
        vocabulary["slug"]: set(_term_slugs(vocabulary["terms"])) for vocabulary in vocabularies
    }
    author_slugs = {author["slug"] for author in authors}
    sources = {doc["source"] for doc in documents}
    problems = []
    for source, by_vocabulary in classification.items():
        if source not in sources:
            problems.append(f"classification.json: {source}: no such document in documents.json")
        for vocabulary, slugs in by_vocabulary.items():
            if vocabulary not in terms or vocabulary not in vocabulary_order:
                problems.append(
                    f"classification.json: {source}: no vocabulary {vocabulary!r} "
                    "in vocabularies.json"
                )
                continue
            problems += [
                f"classification.json: {source}: no term {slug!r} in vocabulary {vocabulary!r}"
                for slug in slugs
                if slug not in terms[vocabulary]
            ]
    for doc in documents:
        problems += [
            f"documents.json: {doc['source']}: no author {slug!r} in authors.json"
            for slug in doc.get("authors", [])
            if slug not in author_slugs
        ]
    return problems
