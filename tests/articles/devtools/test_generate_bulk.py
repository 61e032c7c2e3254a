"""The generator's bulk path gives the same rows as the per-row triggers, and refuses
absurd counts."""

from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from taggit.models import Tag

from articles.models import Article, Author, SearchEntry, SearchWord, Update
from taxonomy.models import Term

pytestmark = pytest.mark.django_db

COUNT = 260
NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
BATCH = 100  # three batches: the second and third follow a batch that switched triggers off


def generate(**options):
    out = StringIO()
    call_command("generate_articles", stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def snapshot():
    """Every article of the run by slug, with its derived columns by natural key (ids
    differ from one run to the other) and its search table row, its updates, and the
    whole search word table."""
    terms = dict(Term.objects.values_list("pk", "slug"))
    authors = dict(Author.objects.values_list("pk", "slug"))
    tags = dict(Tag.objects.values_list("pk", "slug"))
    rows = {}
    fields = ["title", "standfirst", "body", "status", "published_at", "updated_at"]
    fields += ["created_at", "modified_at", "lead_image_caption", "internal_note"]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT slug, a.search_vector::text, search_head::text, term_ids, author_ids, "
            f"tag_ids, e.search_vector::text, {', '.join(fields)} "
            f"FROM {Article._meta.db_table} a "
            f"LEFT JOIN {SearchEntry._meta.db_table} e ON e.article_id = a.id "
            "WHERE internal_note LIKE '[synthetic seed=3]%%'"
        )
        for slug, vector, head, term_ids, author_ids, tag_ids, entry, *values in cursor:
            rows[slug] = {
                "search_vector": vector,
                "search_entry": entry,
                "search_head": head,
                "terms": [terms[i] for i in term_ids],
                "authors": [authors[i] for i in author_ids],
                "tags": [tags[i] for i in tag_ids],
                **dict(zip(fields, values, strict=True)),
            }
    updates = sorted(
        Update.objects.filter(article__slug__in=rows).values_list(
            "article__slug", "order", "kind", "published_at", "title", "body"
        )
    )
    words = set(SearchWord.objects.values_list("key", "word"))
    return rows, updates, words


def generated_and_rolled_back(**options):
    with transaction.atomic():
        generate(count=COUNT, seed=3, batch_size=BATCH, jobs=1, now=NOW, **options)
        result = snapshot()
        transaction.set_rollback(True)
    return result


def test_the_bulk_path_gives_the_same_rows_as_the_per_row_triggers():
    per_row_articles, per_row_updates, per_row_words = generated_and_rolled_back(per_row=True)
    bulk_articles, bulk_updates, bulk_words = generated_and_rolled_back()
    assert len(per_row_articles) == COUNT
    # The derived columns are filled (the comparison below is not of empty values).
    some = next(iter(per_row_articles.values()))
    assert some["search_vector"] and some["terms"]
    published = [a for a in per_row_articles.values() if a["status"] == "published"]
    assert 0 < len(published) < COUNT  # drafts too: they have no search table row
    assert all(a["search_entry"] == a["search_vector"] for a in published)
    assert not any(a["search_entry"] for a in per_row_articles.values() if a not in published)
    assert sum(bool(a["updated_at"]) for a in per_row_articles.values()) > 5
    assert sum(bool(a["authors"]) for a in per_row_articles.values()) > COUNT // 2
    assert sum(bool(a["tags"]) for a in per_row_articles.values()) > COUNT // 2
    assert bulk_articles.keys() == per_row_articles.keys()
    for slug, row in per_row_articles.items():
        assert bulk_articles[slug] == row, slug
    assert bulk_updates == per_row_updates
    assert bulk_words == per_row_words
    assert len(per_row_words) > 1000  # the articles' own words are in it


def test_after_the_bulk_path_the_triggers_work_again_in_the_same_transaction(make_article):
    generate(count=20, seed=4, jobs=1)
    with connection.cursor() as cursor:
        cursor.execute("SHOW session_replication_role")
        assert cursor.fetchone()[0] == "origin"
    article = make_article(title="Written after a bulk load", body="<p>Quarrelsome words.</p>")
    article.refresh_from_db()
    assert "quarrelsom" in article.search_vector
    assert SearchWord.objects.filter(key="quarrelsome").exists()


def test_a_second_bulk_run_adds_only_the_missing_articles():
    generate(count=30, seed=5, jobs=1)
    assert "0 added, 30 already there" in generate(count=30, seed=5, jobs=1)
    assert "10 added, 30 already there" in generate(count=40, seed=5, jobs=1)
    marker = "[synthetic seed=5] "
    assert Article.objects.filter(internal_note__startswith=marker).count() == 40


def test_the_summary_gives_counts_time_and_rate():
    output = generate(count=12, seed=6, jobs=1)
    assert "12 added, 0 already there" in output
    assert "articles/s" in output
