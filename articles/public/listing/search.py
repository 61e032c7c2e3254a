"""Search helpers for the listing: highlighted snippets and “Did you mean …”."""

import html
import re
import unicodedata

from django.contrib.postgres.search import SearchHeadline
from django.db.models import BooleanField, F, FloatField, Func, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from django.utils.html import escape
from django.utils.safestring import mark_safe

from taxonomy.models import Term

from ...models import Article, SearchWord
from .fulltext import SEARCH_CONFIG, search_query

# Markers no article contains, swapped for <mark> after escaping the snippet.
_START, _STOP = "\ue000", "\ue001"
SUGGEST_WHEN_FEWER_THAN = 3
MAX_WORDS_CORRECTED = 5
WORD_RE = re.compile(r"[^\W\d_][\w’'-]*", re.UNICODE)


class PlainText(Func):
    """The body without tags, so snippets never cut through markup."""

    template = "regexp_replace(%(expressions)s, '<[^>]*>', ' ', 'g')"
    output_field = TextField()


def snippets(articles, text):
    """{article id: safe HTML snippet with the matches in <mark>}, in one query."""
    ids = [article.pk for article in articles]
    if not ids or not text:
        return {}
    rows = Article.objects.filter(pk__in=ids).annotate(
        snippet=SearchHeadline(
            PlainText(F("body")),
            search_query(text),
            config=SEARCH_CONFIG,
            start_sel=_START,
            stop_sel=_STOP,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
    )
    result = {}
    for pk, snippet in rows.values_list("pk", "snippet"):
        # The body is sanitised HTML: unescape its entities, then escape all of
        # it, and only then turn the markers into <mark>.
        safe = escape(" ".join(html.unescape(snippet or "").split()))
        result[pk] = mark_safe(safe.replace(_START, "<mark>").replace(_STOP, "</mark>"))
    return result


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
