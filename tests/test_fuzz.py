"""No input gives a 500: every parameter of every public URL, the admin's lists and its
autocomplete, fuzzed with hypothesis, with DEBUG on (development) and off (production).

Seeded (derandomize) and bounded: FUZZ_EXAMPLES examples per URL (10 by default, a few
seconds in all). A larger run, by hand: ``FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py``.
Values are sent percent-encoded as bytes, so they include what no form would send: NUL,
lone surrogates (%ED%A0%80), bytes that are not UTF-8, control characters, very long
values, repeated parameters and long runs of one search operator.
"""

import os
from urllib.parse import quote

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import override_settings
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article, Author
from taxonomy.models import Term, Vocabulary

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))
fuzzed = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)

OPERATORS = ['"', "-", "- ", "or ", "OR ", "!", "&", "|", "<->", "(", ")", ":*", "'", "\\"]
NASTY = [
    "\x00",
    "a\x00b",
    "\ud800",
    "\x1b[0m",
    "\u202e",
    "0",
    "-1",
    "1e308",
    "9" * 40,
    "2024-02-30",
    "0000-00-00",
    "99999-01-01",
    "true",
    "on",
    "relevance",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%",
    "../../etc/passwd",
    "mali",
    "x" * 10_000,
]


def as_bytes(value):
    return value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")


values = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=300),
    st.binary(max_size=100),
    st.builds(lambda op, n: op * n, st.sampled_from(OPERATORS), st.integers(1, 300)),
    st.lists(st.sampled_from([*OPERATORS, "mali", "gao", " "]), max_size=60).map("".join),
)


def query_strings(names):
    """Some of ``names`` (each possibly repeated, sometimes an unknown name), with values."""
    name = st.sampled_from(names) | st.text(max_size=20)
    pairs = st.lists(st.tuples(name, values), min_size=1, max_size=6)
    return pairs.map(
        lambda items: "&".join(
            f"{quote(as_bytes(key), safe='')}={quote(as_bytes(value), safe='')}"
            for key, value in items
        )
    )


segments = values.map(lambda value: quote(as_bytes(value), safe="")).filter(
    lambda segment: segment not in {"", ".", ".."}
)


# Sent in every parameter, one at a time, before the random examples: each one gave a
# 500 somewhere once (a NUL in a lookup, a run of NOTs in the search parser).
EDGES = ["\x00", "\ud800", "-" * 100]


def assert_no_server_error(client, url, debug):
    with override_settings(DEBUG=debug):
        response = client.get(url)
    assert response.status_code < 500, url


def sweep(client, url, names):
    """Each edge value in each parameter, with DEBUG off."""
    for name in names:
        for value in EDGES:
            joined = f"{url}{'&' if '?' in url else '?'}{name}={quote(as_bytes(value))}"
            assert_no_server_error(client, joined, False)


# -- the public site -------------------------------------------------------------------
LISTING = ["q", "author", "tag", "date_from", "date_to", "year", "month"]
LISTING += ["has_updates", "has_corrections", "sort", "page"]


def public_urls():
    """(name, url with {} for a path segment, parameter names) for every public page."""
    article = Article.objects.published().first()
    author = Author.objects.filter(articles__in=Article.objects.published()).first()
    term = Term.objects.select_related("vocabulary").first()
    vocabularies = list(Vocabulary.objects.values_list("slug", flat=True))
    tag = article.tags.first()
    return {
        "listing": ("/", [*LISTING, *vocabularies]),
        # A q of two letters or more, else the lookup answers before reading the vocabulary.
        "lookup": (reverse("articles:term_lookup") + "?q=ma", ["q", "vocabulary"]),
        "rss": (reverse("articles:rss"), []),
        "atom": (reverse("articles:atom"), []),
        "sitemap": (reverse("sitemap"), ["p"]),
        "robots": (reverse("robots"), []),
        "archive": (reverse("articles:archive"), []),
        "vocabularies": (reverse("articles:vocabularies"), []),
        "article": ("/articles/{}/", []),
        "preview": ("/preview/{}/", []),
        "author": ("/authors/{}/", ["page"]),
        "author feed": ("/authors/{}/rss/", []),
        "vocabulary": ("/topics/{}/", []),
        "term": (f"/topics/{term.vocabulary.slug}/{{}}/", ["page"]),
        "term in a vocabulary": ("/topics/{}/" + f"{term.slug}/", ["page"]),
        "term feed": (f"/topics/{term.vocabulary.slug}/{{}}/atom/", []),
        "tag": ("/tags/{}/", ["page"]),
        "tag feed": ("/tags/{}/rss/", []),
        "known article": (article.get_absolute_url(), []),
        "known author": (author.get_absolute_url(), ["page"]),
        "known tag": (reverse("articles:tag", kwargs={"slug": tag.slug}), ["page"]),
        "corrections": (reverse("articles:corrections"), ["page"]),
        "corrections feed": (reverse("articles:corrections_atom"), []),
        "feeds": (reverse("articles:feeds"), []),
        "news sitemap": (reverse("sitemap_news"), []),
        "static page": ("/{}/", []),
        "old address": ("/{}/old-address/", []),
        "rendition": ("/images/{}/w480.jpeg", []),
        "rendition spec": ("/images/1-0123456789ab/{}", []),
    }


PUBLIC = [
    "listing", "lookup", "rss", "atom", "sitemap", "robots", "archive", "vocabularies",
    "article", "preview", "author", "author feed", "vocabulary", "term",
    "term in a vocabulary", "term feed", "tag", "tag feed", "known article", "known author",
    "known tag", "corrections", "corrections feed", "feeds", "news sitemap", "static page",
    "old address", "rendition", "rendition spec",
]  # fmt: skip


@pytest.mark.parametrize("page", PUBLIC)
def test_no_public_url_answers_a_server_error(seeded, client, page):
    url, names = public_urls()[page]
    sweep(client, url.replace("{}", "x"), names)
    for value in EDGES:
        assert_no_server_error(client, url.replace("{}", quote(as_bytes(value), safe="")), False)

    @fuzzed
    @given(segment=segments, query=query_strings([*names, "page"]), debug=st.booleans())
    def check(segment, query, debug):
        url_with_segment = url.replace("{}", segment, 1)
        joined = f"{url_with_segment}{'&' if '?' in url else '?'}{query}"
        assert_no_server_error(client, joined, debug)

    check()


# -- the admin -------------------------------------------------------------------------
def admin_lists():
    """(changelist url, parameter names) for every model the admin lists."""
    request = None
    lists = {}
    for model in apps.get_models():
        if not admin.site.is_registered(model):
            continue
        model_admin = admin.site.get_model_admin(model)
        names = ["q", "o", "p", "e", "all", "_to_field", "_popup"]
        for entry in model_admin.get_list_filter(request):
            if isinstance(entry, str):
                field = entry
            elif isinstance(entry, tuple | list):
                field = entry[0]
            else:
                names.append(entry.parameter_name)
                continue
            suffixes = ["", "__exact", "__id__exact", "__in", "__isnull", "__gte", "__lt"]
            names += [field + suffix for suffix in suffixes]
        if hierarchy := model_admin.date_hierarchy:
            names += [f"{hierarchy}__{part}" for part in ("year", "month", "day")]
        label = f"{model._meta.app_label}.{model._meta.model_name}"
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        lists[label] = (url, names)
    return lists


ADMIN_LISTS = [
    "articles.article",
    "articles.author",
    "articles.update",
    "articles.taggedarticle",
    "articles.formerslug",
    "articles.redirect",
    "articles.page",
    "articles.outboxmessage",
    "media.image",
    "media.document",
    "taxonomy.vocabulary",
    "taxonomy.term",
    "taggit.tag",
    "auth.user",
    "auth.group",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
]


def test_the_fuzzed_admin_lists_are_every_list_the_admin_has():
    assert sorted(admin_lists()) == sorted(ADMIN_LISTS)


@pytest.mark.parametrize("model", ADMIN_LISTS)
def test_no_admin_list_filter_or_search_answers_a_server_error(seeded, admin_client, model):
    url, names = admin_lists()[model]
    sweep(admin_client, url, names)

    @fuzzed
    @given(query=query_strings(names), debug=st.booleans())
    def check(query, debug):
        assert_no_server_error(admin_client, f"{url}?{query}", debug)

    check()


def autocomplete_fields():
    """(app_label, model_name, field_name) of every autocomplete the admin has."""
    found = []
    for model in apps.get_models():
        if admin.site.is_registered(model):
            model_admin = admin.site.get_model_admin(model)
            inlines = [inline(model, admin.site) for inline in model_admin.inlines]
            for source in [model_admin, *inlines]:
                for field in source.autocomplete_fields:
                    meta = source.model._meta
                    found.append((meta.app_label, meta.model_name, field))
    return found


def test_no_admin_autocomplete_answers_a_server_error(seeded, admin_client):
    fields = autocomplete_fields()
    assert len(fields) >= 4
    known = st.sampled_from(fields).map(
        lambda f: {"app_label": f[0], "model_name": f[1], "field_name": f[2]}
    )
    for app_label, model_name, field_name in fields:
        names = f"app_label={app_label}&model_name={model_name}&field_name={field_name}"
        sweep(
            admin_client,
            f"/admin/autocomplete/?{names}",
            ["term", "page", "for_term", "vocabulary"],
        )
    fuzzed_names = st.fixed_dictionaries(
        {}, optional={k: values for k in ("app_label", "model_name", "field_name", "page")}
    )

    @fuzzed
    @given(names=known | fuzzed_names, extra=fuzzed_names, term=values, debug=st.booleans())
    def check(names, extra, term, debug):
        params = {**extra, **names, "term": term}
        query = "&".join(
            f"{key}={quote(as_bytes(value), safe='')}" for key, value in params.items()
        )
        assert_no_server_error(admin_client, f"/admin/autocomplete/?{query}", debug)

    check()
