from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article

pytestmark = pytest.mark.django_db

# Vocabularies, terms, count, page, authors, facets (terms, authors, tags).
LISTING_QUERIES = 8


@pytest.fixture
def hidden_articles(make_article):
    future = timezone.now() + timedelta(hours=2)
    return {
        "draft": make_article(title="Draft piece", status=Article.Status.DRAFT),
        "review": make_article(title="Piece in review", status=Article.Status.IN_REVIEW),
        "withdrawn": make_article(
            title="Withdrawn piece",
            status=Article.Status.WITHDRAWN,
            published_at=timezone.now() - timedelta(days=3),
        ),
        "scheduled": make_article(title="Scheduled piece", published_at=future),
    }


def test_listing_shows_published_articles_newest_first(client, make_article, make_author):
    author = make_author(name="Zach Silberman")
    older = make_article(title="Older", published_at=timezone.now() - timedelta(days=9))
    newer = make_article(
        title="Newer", authors=[author], published_at=timezone.now() - timedelta(days=1)
    )
    response = client.get(reverse("articles:list"))
    assert response.status_code == 200
    assert list(response.context["articles"]) == [newer, older]
    assert "Zach Silberman" in response.text
    assert newer.standfirst in response.text


def test_scheduled_article_appears_when_its_time_passes(client, hidden_articles, monkeypatch):
    scheduled = hidden_articles["scheduled"]
    later = timezone.now() + timedelta(hours=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get(scheduled.get_absolute_url()).status_code == 200
    assert scheduled.title in client.get(reverse("articles:list")).text


def test_is_published_agrees_with_the_published_queryset(hidden_articles, make_article):
    make_article(title="Live")
    published = set(Article.objects.published())
    for article in Article.objects.all():
        assert article.is_published() == (article in published)


def test_article_page_shows_the_whole_article(client, make_article, make_author, make_term):
    author = make_author(name="Zach Silberman")
    mali = make_term(name="Mali")
    article = make_article(
        title="“Smart Power” in Mali",
        body="<h2>Background</h2><p>Body text.</p>",
        lead_image_caption="Gen. Ham speaking",
        lead_image_credit="UN Photo",
        authors=[author],
        terms=[mali],
        tags=["smart power"],
        updates=[
            {
                "kind": "correction",
                "title": "",
                "body": "<p>An earlier version misnamed the programme.</p>",
                "published_at": timezone.now(),
            }
        ],
    )
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    page = response.text
    for expected in [
        "“Smart Power” in Mali",
        "Zach Silberman",
        "Gen. Ham speaking",
        "UN Photo",
        '<h2 id="background">Background</h2>',
        "Correction",
        "misnamed the programme",
        'href="' + mali.get_absolute_url(),
        "smart power",
    ]:
        assert expected in page


def test_internal_note_is_never_shown_to_readers(client, make_article):
    article = make_article(internal_note="Source is unreliable, check with desk")
    assert "check with desk" not in client.get(article.get_absolute_url()).text


def test_listing_runs_a_constant_number_of_queries(
    client, make_article, make_author, django_assert_max_num_queries
):
    author = make_author()
    make_article(authors=[author])
    # +1 on the first request only: the scheduled-changes check, until it is cached
    with django_assert_max_num_queries(LISTING_QUERIES + 1):
        client.get(reverse("articles:list"))
    for _ in range(10):
        make_article(authors=[author, make_author()], tags=["peacekeeping"])
    with django_assert_max_num_queries(LISTING_QUERIES):
        client.get(reverse("articles:list"))


def test_article_page_runs_a_constant_number_of_queries(
    client, make_article, make_author, make_term, django_assert_max_num_queries
):
    def article_with(n):
        return make_article(
            authors=[make_author() for _ in range(n)],
            terms=[make_term() for _ in range(n)],
            tags=[f"tag {i}" for i in range(n)],
            updates=[{"body": f"<p>Update {i}</p>"} for i in range(n)],
        )

    small, large = article_with(1), article_with(12)
    # +1 on the first request only: the scheduled-changes check, until it is cached
    # (articles.services.staged.next_change_due_at).
    # One statement for the article and its byline, terms, tags and updates; one for the
    # related articles' titles; one for its attached documents.
    with django_assert_max_num_queries(3 + 1):
        client.get(small.get_absolute_url())
    with django_assert_max_num_queries(3):
        client.get(large.get_absolute_url())


def test_article_page_keeps_byline_vocabulary_and_update_order(
    client, make_article, make_author, make_term, make_vocabulary
):
    # Orders a by-name or by-id reading would get wrong: the byline's positions, the
    # vocabularies' positions then term names, the updates' dates.
    zoe, adam = make_author(name="Zoe Byline"), make_author(name="Adam Byline")
    late = make_vocabulary(name="Late vocabulary", slug="late", position=9)
    early = make_vocabulary(name="Early vocabulary", slug="early", position=1)
    terms = [
        make_term(vocabulary=late, name="Aaa late term"),
        make_term(vocabulary=early, name="Zzz early term"),
        make_term(vocabulary=early, name="Mmm early term"),
    ]
    now = timezone.now()
    article = make_article(
        authors=[zoe, adam],
        terms=terms,
        tags=["zebra tag", "apple tag"],
        updates=[
            {"body": "<p>Second note</p>", "published_at": now - timedelta(hours=1)},
            {"body": "<p>First note</p>", "published_at": now - timedelta(hours=2)},
        ],
    )
    text = client.get(article.get_absolute_url()).text
    in_order = ["Zoe Byline", "Adam Byline", "First note", "Second note"]
    in_order += ["Early vocabulary", "Mmm early term", "Zzz early term", "Late vocabulary"]
    in_order += ["Aaa late term"]
    positions = [text.index(f">{name}<") for name in in_order]
    assert positions == sorted(positions)
    assert f'href="{zoe.get_absolute_url()}" rel="author"' in text
    assert f'href="{reverse("articles:tag", args=["apple-tag"])}"' in text
    assert f'href="{reverse("articles:term", args=["early", terms[1].slug])}"' in text


def test_seed_articles_are_readable(client, seeded):
    response = client.get(reverse("articles:list"))
    assert response.text.count('class="summary"') == 5
    for article in Article.objects.all():
        assert client.get(article.get_absolute_url()).status_code == 200


def test_adding_a_correction_sets_the_updated_date(client, make_article):
    article = make_article()
    assert article.updated_at is None
    when = timezone.now()
    article.updates.create(
        kind="correction", body="<p>We misspelled a name.</p>", published_at=when
    )
    article.refresh_from_db()
    assert article.updated_at == when
    assert "Updated" in client.get(article.get_absolute_url()).text
