"""Small endpoints: the term lookup for pickers, robots.txt."""

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.urls import reverse

from taxonomy.models import Term

from ..text import printable


def term_lookup(request):
    """Forgiving term search for the filter form: name, alias or a near spelling."""

    text = printable(request.GET.get("q", ""), limit=100).strip()
    # printable(): a NUL (or any control character) never reaches the query.
    vocabulary = printable(request.GET.get("vocabulary", ""), limit=100)
    if len(text) < 2:
        return JsonResponse({"results": []})
    terms = Term.objects.select_related("vocabulary")
    if vocabulary:
        terms = terms.filter(vocabulary__slug=vocabulary)
    alias_match = RawSQL(
        f"EXISTS (SELECT 1 FROM unnest({connection.ops.quote_name(Term._meta.db_table)}.aliases)"
        " AS a WHERE strpos(lower(unaccent(a)), lower(unaccent(%s))) > 0)",
        [text],
        output_field=BooleanField(),
    )
    terms = (
        terms.annotate(similarity=TrigramWordSimilarity(text, "name"), alias_match=alias_match)
        .filter(Q(name__unaccent__icontains=text) | Q(similarity__gt=0.4) | Q(alias_match=True))
        .order_by("-similarity", "name")[:10]
    )
    return JsonResponse(
        {
            "results": [
                {
                    "name": term.name,
                    "slug": term.slug,
                    "vocabulary": term.vocabulary.slug,
                    "url": term.get_absolute_url(),
                }
                for term in terms
            ]
        }
    )


def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    news = request.build_absolute_uri(reverse("sitemap_news"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /preview/"]
    lines += [f"Sitemap: {sitemap}", f"Sitemap: {news}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def favicon(request):
    """/favicon.ico, which feed readers, bookmarks and old browsers ask for without
    reading the page's <link rel="icon">: the hashed static file, for good."""
    return HttpResponsePermanentRedirect(static("brand/favicon.ico"))
