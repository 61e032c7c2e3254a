"""How the public site turns a reader's words into a PostgreSQL full-text query.

The text search configuration (the article's, articles/models/articles.py) is shared
by the listing's filters, its relevance order, the snippets and the suggestions: they
must agree, or a snippet would highlight words the filter did not match.
"""

import re

from django.contrib.postgres.search import SearchQuery

from ...models.articles import SEARCH_CONFIG

__all__ = ["SEARCH_CONFIG", "search_query", "websearch_text"]

# websearch_to_tsquery() never reports a syntax error, but a run of "-" (each one a
# NOT) deeper than its operator stack fails with "tsquery stack too small". A reader
# who types a run of them means "without": the run becomes one "-".
_NEGATIONS = re.compile(r"-(?:[^\w\"]*-)+")


def websearch_text(text):
    """The reader's text with what websearch_to_tsquery() cannot parse taken out."""
    return _NEGATIONS.sub("-", text)


def search_query(text):
    """The reader's text as a websearch query ("quoted phrases", OR, -exclusions)."""
    return SearchQuery(websearch_text(text), search_type="websearch", config=SEARCH_CONFIG)
