"""Stable SKOS addresses: a term's identity is its id (or the URI it was imported with),
never its slug, which editors may change.

``SKOS_BASE_URI`` (setting) + ``vocabularies/<id>`` for a concept scheme and
``terms/<id>`` for a concept.
"""

import re

from django.conf import settings


def base() -> str:
    return settings.SKOS_BASE_URI.rstrip("/") + "/"


def scheme_uri(vocabulary) -> str:
    return vocabulary.uri or f"{base()}vocabularies/{vocabulary.pk}"


def concept_uri(term) -> str:
    return term.uri or f"{base()}terms/{term.pk}"


def own_term_id(uri: str) -> int | None:
    """The id in one of our own concept URIs (None for another thesaurus's)."""
    found = re.fullmatch(re.escape(base()) + r"terms/(\d+)", uri)
    return int(found[1]) if found else None
