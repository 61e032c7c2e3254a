"""How the public site turns a reader's words into a PostgreSQL full-text query.

One home for the text search configuration, shared by the listing's filters,
its relevance order, the snippets and the suggestions: they must agree, or a
snippet would highlight words the filter did not match.
"""

from django.contrib.postgres.search import SearchQuery

SEARCH_CONFIG = "english_unaccent"


def search_query(text):
    """The reader's text as a websearch query ("quoted phrases", OR, -exclusions)."""
    return SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
