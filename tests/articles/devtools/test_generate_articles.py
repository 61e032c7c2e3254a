from io import StringIO

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from taggit.models import Tag

from articles.html import sanitize_html
from articles.models import Article, Author, Update
from taxonomy.models import Term
from taxonomy.tree import TermTree

pytestmark = pytest.mark.django_db

COUNT = 1500  # enough for the classification shares to be stable (a fixed seed: exact)


def generate(**options):
    out = StringIO()
    call_command("generate_articles", stdout=out, **options)
    return out.getvalue()


def synthetic(seed=1):
    return Article.objects.filter(internal_note__startswith=f"[synthetic seed={seed}] ")


@pytest.fixture(scope="module")
def _generated_once(django_db_setup, django_db_blocker):
    """COUNT articles made once for this module, in a transaction rolled back at its end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            generate(count=COUNT, seed=1)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def generated(_generated_once, db):
    return synthetic()


def test_generates_the_requested_number_of_articles_on_an_empty_database(generated):
    assert generated.count() == COUNT


def test_grows_the_real_vocabularies_to_about_970_terms(generated):
    assert 940 <= Term.objects.count() <= 1000
    for slug in ("mali", "minusma", "operation-barkhane", "ibrahim-boubacar-keita"):
        assert Term.objects.filter(slug=slug).exists()  # the seed terms are used as they are
    assert Term.objects.filter(parent__slug="mali").count() > 11  # new regions under Mali


def test_makes_about_2000_tags_and_some_authors(generated):
    assert 1990 <= Tag.objects.count() <= 2100
    assert Author.objects.count() >= 80


def test_mixes_published_and_unpublished_articles(generated):
    statuses = dict(generated.values_list("status").annotate(n=Count("id")))
    assert set(statuses) == {"draft", "review", "published", "withdrawn"}
    assert statuses["published"] > 0.9 * COUNT
    scheduled = generated.filter(status="published", published_at__gt=timezone.now())
    assert scheduled.exists()
    assert generated.filter(status="draft", published_at__isnull=False).count() == 0


def test_dates_spread_over_about_twelve_years(generated):
    oldest = generated.published().order_by("published_at").first().published_at
    assert (timezone.now() - oldest).days > 365 * 8


def test_every_article_is_classified(generated):
    assert not generated.annotate(n=Count("terms")).filter(n=0).exists()
    assert not generated.exclude(terms__vocabulary__slug="places").exists()


def test_term_choice_is_skewed(generated):
    counts = sorted(
        Term.objects.annotate(n=Count("articles")).values_list("n", flat=True), reverse=True
    )
    assert counts[0] > 10 * counts[len(counts) // 2]


def test_bodies_are_long_and_use_the_allowed_markup(generated):
    for body in generated.values_list("body", flat=True)[:50]:
        assert sanitize_html(body) == body
        assert body.startswith("<p>")
        assert len(body.split()) > 300
    assert generated.filter(body__contains="<h2>").exists()
    assert generated.filter(body__contains="<ul>").exists()


def test_updates_and_corrections_set_the_updated_date(generated):
    updates = Update.objects.filter(article__in=generated)
    assert updates.filter(kind="correction").exists()
    assert updates.filter(kind="update").exists()
    for article in generated.filter(updates__isnull=False).distinct()[:20]:
        latest = article.updates.aggregate(latest=Max("published_at"))["latest"]
        assert article.updated_at == latest


def test_slugs_are_unique_and_pages_are_served(client, generated):
    assert generated.values("slug").distinct().count() == COUNT
    article = generated.published().first()
    assert client.get(article.get_absolute_url()).status_code == 200
    assert client.get("/").status_code == 200


def test_a_second_run_adds_nothing_and_a_larger_count_tops_up(generated):
    assert f"0 added, {COUNT:,} already there" in generate(count=COUNT, seed=1)
    terms, tags = Term.objects.count(), Tag.objects.count()
    generate(count=COUNT + 50, seed=1)
    assert synthetic().count() == COUNT + 50
    assert (Term.objects.count(), Tag.objects.count()) == (terms, tags)


def test_the_same_seed_gives_the_same_articles(db):
    generate(count=30, seed=7)
    first = list(synthetic(7).order_by("slug").values_list("slug", "title", "status"))
    synthetic(7).delete()
    generate(count=30, seed=7)
    assert list(synthetic(7).order_by("slug").values_list("slug", "title", "status")) == first
    generate(count=30, seed=8)
    assert synthetic(8).count() == 30  # another seed, other slugs: no clash


def _share_under(generated, slug):
    """Share of the articles classified under the term or any narrower one."""
    term = Term.objects.get(slug=slug)
    return generated.filter(term_ids__contains=[term.pk]).count() / COUNT


def test_mali_with_its_places_is_on_about_two_thirds_of_the_articles(generated):
    assert 0.61 <= _share_under(generated, "mali") <= 0.71


def test_minusma_with_its_branches_is_on_about_a_fifth_of_the_articles(generated):
    assert 0.16 <= _share_under(generated, "minusma") <= 0.24


def test_the_word_minusma_is_found_in_about_23_percent_of_the_articles(generated):
    query = SearchQuery("minusma", config="english_unaccent")
    share = generated.filter(search_vector=query).count() / COUNT
    assert 0.19 <= share <= 0.27
    # Beyond the articles classified under it: some only name it.
    assert share > _share_under(generated, "minusma")


def test_the_other_places_and_organisations_follow_a_zipf_skew(generated):
    for vocabulary, top in (("places", "mali"), ("organisations", "minusma")):
        terms = list(Term.objects.filter(vocabulary__slug=vocabulary))
        inside = TermTree(terms).descendant_ids([Term.objects.get(slug=top).pk])
        counts = sorted(
            (
                n
                for pk, n in Term.objects.filter(vocabulary__slug=vocabulary)
                .annotate(n=Count("articles"))
                .values_list("pk", "n")
                if pk not in inside
            ),
            reverse=True,
        )
        assert counts[0] > 3 * counts[9] > 0, vocabulary  # rank 1 well above rank 10


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"count": 5_000_001}, "--count must be between 1 and 5,000,000, not 5,000,001."),
        ({"count": 10**12}, "--count must be between 1 and 5,000,000"),
        ({"count": 0}, "--count must be between 1 and 5,000,000, not 0."),
        ({"count": -3}, "--count must be between 1 and 5,000,000, not -3."),
        ({"batch_size": 0}, "--batch-size must be between 1 and 50,000, not 0."),
        ({"jobs": 1000}, "--jobs must be between 1 and 16, not 1,000."),
    ],
)
def test_absurd_arguments_are_refused_before_anything_is_made(db, options, message):
    before = (Article.objects.count(), Term.objects.count(), Tag.objects.count())
    with pytest.raises(CommandError, match=message.replace(".", r"\.")):
        generate(**options)
    assert (Article.objects.count(), Term.objects.count(), Tag.objects.count()) == before


def test_about_half_the_articles_have_a_described_lead_image_from_the_library(client, generated):
    with_image = synthetic().filter(lead_image__isnull=False)
    assert 0.45 < with_image.count() / COUNT < 0.55
    assert all(a.lead_image.has_alt_text for a in with_image.select_related("lead_image")[:50])
    assert with_image.values("lead_image").distinct().count() > 5
    shown = Article.objects.published().filter(pk__in=with_image).first()
    page = client.get(shown.get_absolute_url()).text
    assert "<picture>" in page and 'property="og:image"' in page
