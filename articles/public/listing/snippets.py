"""Search snippets: where each result matched, in whole sentences, matches highlighted.

PostgreSQL finds the matches (``ts_headline`` with ``HighlightAll``, on the same
configuration and query as the search, so a snippet highlights exactly the word
forms the search matched); Python picks the sentences. The body is read block by
block (paragraphs, headings and list items stay apart, never run together), and
a snippet is its first sentences with a match, with an ellipsis wherever text
is left out. A result that matched only in an update or a term says so: the
sentence of the update, "Matched in an update of 15 January 2013"; "Matched the
term “Gao”". A match only in the title shows no snippet (the excerpt instead).

Queries: one for the page's articles; one for the updates, and one for the
terms, of those that did not match in their text (only when some did not).
"""

import html

from django.contrib.postgres.search import SearchHeadline, SearchVector
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.utils import dateformat, timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from taxonomy.models import Term
from taxonomy.sorting import name_ordering

from ...excerpts import sentences
from ...models import Article, Update
from .fulltext import SEARCH_CONFIG, search_query

# Markers no article contains, swapped for <mark> after escaping the snippet.
START, STOP = "\ue000", "\ue001"
MAX_WORDS = 45  # a snippet's length, about two sentences
LONG_SENTENCE = 35  # a sentence longer than this is shown around its first match
KIND_NAMES = {"update": "an update", "correction": "a correction", "note": "an editor’s note"}


class BlockText(Func):
    """An HTML body as text, one line per block (paragraph, heading, list item,
    quotation), inline markup taken out without adding spaces."""

    template = (
        "regexp_replace(regexp_replace(%(expressions)s,"
        " '</?(p|h2|h3|li|ul|ol|blockquote)(\\s[^>]*)?>|<br[^>]*>', E'\\n', 'g'),"
        " '<[^>]*>', '', 'g')"
    )
    output_field = TextField()


def highlighted(expression, query):
    """The whole text with every match between START and STOP."""
    return SearchHeadline(
        expression,
        query,
        config=SEARCH_CONFIG,
        start_sel=START,
        stop_sel=STOP,
        highlight_all=True,
    )


def snippets(articles, text):
    """{article id: safe HTML snippet} for the page's articles (none: no snippet)."""
    ids = [article.pk for article in articles]
    if not ids or not text:
        return {}
    query = search_query(text)
    rows = Article.objects.filter(pk__in=ids).annotate(
        body_marked=highlighted(BlockText(F("body")), query),
        standfirst_marked=highlighted(F("standfirst"), query),
    )
    result, rest = {}, []
    for pk, body, standfirst in rows.values_list("pk", "body_marked", "standfirst_marked"):
        found = from_text(body or "")
        if found is None and START in (standfirst or ""):
            found = render(" ".join(html.unescape(standfirst).split()))
        if found is None:
            rest.append(pk)
        else:
            result[pk] = found
    if rest:
        result.update(_from_updates(rest, query))
    if rest := [pk for pk in rest if pk not in result]:
        result.update(_from_terms(rest, query))
    return result


def _from_updates(ids, query):
    """The first update (in the page's order) of each article whose text matched."""
    text = Concat(
        Coalesce("title", Value("")), Value("\n"), BlockText(F("body")), output_field=TextField()
    )
    updates = (
        Update.objects.filter(article_id__in=ids)
        .annotate(vector=SearchVector(text, config=SEARCH_CONFIG))
        .filter(vector=query)
        .annotate(marked=highlighted(text, query))
        .order_by("published_at", "order", "id")
        .values_list("article_id", "kind", "published_at", "marked")
    )
    result = {}
    for article_id, kind, published_at, marked in updates:
        if article_id in result:
            continue
        day = dateformat.format(timezone.localtime(published_at), "j F Y")
        where = f"Matched in {KIND_NAMES.get(kind, 'an update')} of {day}"
        shown = from_text(marked)
        result[article_id] = format_html('<span class="matched-where">{}:</span> {}', where, shown)
    return result


def _from_terms(ids, query):
    """The article's first term whose name or alias matched (the search counts them)."""
    aliases = Func(F("aliases"), Value(", "), function="array_to_string", output_field=TextField())
    terms = (
        Term.objects.filter(articles__in=ids)
        .annotate(
            article_id=F("articles__id"),
            name_marked=highlighted(F("name"), query),
            aliases_marked=highlighted(aliases, query),
        )
        .order_by(*name_ordering())
        .values_list("article_id", "name_marked", "aliases_marked")
    )
    result = {}
    for article_id, name, aliases in terms:
        if article_id in result or START not in name + (aliases or ""):
            continue
        said = f"Matched the term “{name}”"
        if START not in name:
            said += f" (also called {aliases})"
        result[article_id] = render(said)
    return result


def from_text(marked):
    """A snippet of a text marked by ``highlighted`` (one block a line), or None when
    nothing in it matched."""
    if START not in marked:
        return None
    places, chosen, words, more = [], [], 0, False  # places: (block, sentence) read
    for place in _places(marked.split("\n")):
        places.append(place)
        if START not in place[1]:
            continue
        length = len(place[1].split())
        if chosen and words + length > MAX_WORDS:
            more = True  # a sentence after the snippet (this one): no need to read on
            break
        chosen.append(len(places) - 1)
        words += length
    else:
        more = chosen[-1] < len(places) - 1
    parts, previous = [], None
    for at in chosen:
        block, sentence = places[at]
        # Text left out before it, or another block (a heading, a list item): apart.
        if (previous is None and at > 0) or (
            previous is not None and (at != previous + 1 or block != places[previous][0])
        ):
            parts.append("…")
        parts.append(_around_match(sentence))
        previous = at
    if more:
        parts.append("…")
    return render(" ".join(parts))


def _places(lines):
    """(block, sentence) of the text's sentences, in order, split as they are read. A
    block with no match stands as one empty sentence: only that it has text counts
    (it parts the snippet's sentences around it), so it is never split."""
    for b, line in enumerate(lines):
        if START in line:
            for sentence in sentences(" ".join(html.unescape(line).split())):
                yield b, sentence
        elif html.unescape(line).split():
            yield b, ""


def _around_match(sentence):
    """A long sentence as its words around the first match, cut with ellipses."""
    words = sentence.split()
    if len(words) <= LONG_SENTENCE:
        return sentence
    first = next(i for i, word in enumerate(words) if START in word)
    start = max(0, first - 10)
    end = min(len(words), start + LONG_SENTENCE)
    cut = " ".join(words[start:end])
    if STOP not in cut.rsplit(START, 1)[-1]:
        cut += STOP  # a highlight cut off at the end is closed
    return ("… " if start else "") + cut.rstrip(" ,;:–—-") + (" …" if end < len(words) else "")


def _marked(escaped):
    return escaped.replace(START, "<mark>").replace(STOP, "</mark>")


def render(*parts):
    """Escaped, then the markers turned into <mark>: the only HTML a snippet holds."""
    return mark_safe("".join(_marked(escape(part)) for part in parts))
