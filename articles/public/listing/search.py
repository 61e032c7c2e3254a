"""Search helpers for the listing: “Did you mean …” (the snippets: snippets.py)."""

import re
import unicodedata

from django.db.models import BooleanField, F, FloatField, Func, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower

from taxonomy.models import Term

from ...models import SearchWord
from .fulltext import search_query

SUGGEST_WHEN_FEWER_THAN = 3
MAX_WORDS_CORRECTED = 5
WORD_RE = re.compile(r"[^\W\d_][\w’'-]*", re.UNICODE)


def _preferred_name(word):
    """A one-word term's name when the word is one of its one-word aliases (Timbuctoo)."""
    alias_hit = RawSQL(
        "EXISTS (SELECT 1 FROM unnest(aliases) AS a"
        " WHERE lower(unaccent(a)) = lower(unaccent(%s)))",
        [word],
        output_field=BooleanField(),
    )
    for term in Term.objects.alias(alias_hit=alias_hit).filter(alias_hit=True)[:5]:
        if " " not in term.name and " " not in word and _fold(term.name) != _fold(word):
            return term.name
    return None


def _fold(text):
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class Unaccent(Func):
    function = "unaccent"
    output_field = TextField()


def suggest(text, published, *, correct_typos=True):
    """A corrected query whose words exist in published articles, or None.

    Each word of the query that is unknown (no published article matches it)
    is replaced by the most similar known word, name or alias (trigram
    similarity), and the whole suggestion must find published articles. A
    variant spelling kept as a term's alias (Timbuctoo) suggests the term's
    name even when the variant finds articles.
    """
    words = WORD_RE.findall(text)[:MAX_WORDS_CORRECTED]
    if not words:
        return None
    corrected, changed = text, False
    for word in words:
        preferred = _preferred_name(word)
        if preferred:
            corrected = re.sub(rf"\b{re.escape(word)}\b", preferred, corrected, count=1)
            changed = True
            continue
        if not correct_typos or len(word) < 3:
            continue
        if published.filter(search_vector=search_query(word)).exists():
            continue
        key = Lower(Unaccent(Value(word)))
        candidates = (
            SearchWord.objects.annotate(
                similarity=Func(F("key"), key, function="similarity", output_field=FloatField())
            )
            .filter(key__trigram_similar=key)
            .order_by("-similarity", "key")
            .values_list("word", flat=True)[:5]
        )
        for candidate in candidates:
            if published.filter(search_vector=search_query(candidate)).exists():
                corrected = re.sub(rf"\b{re.escape(word)}\b", candidate, corrected, count=1)
                changed = True
                break
    if not changed or not published.filter(search_vector=search_query(corrected)).exists():
        return None
    return corrected
