"""Addresses that last: old slugs answer 301, withdrawn and deleted articles 410."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import services
from articles.models import Article, FormerSlug
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db

PUBLISH = {"_publish_changes": "Publish changes"}


def url(slug):
    return reverse("articles:detail", kwargs={"slug": slug})


def save_form(client, article, **changes):
    change = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(client.get(change))
    data.update(PUBLISH, **changes)
    response = client.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


@pytest.fixture
def editor_client(login, editor):
    return login(editor)


def test_a_slug_changed_in_the_admin_answers_301_from_the_old_address(
    client, editor_client, make_article
):
    article = make_article(slug="first-name")
    save_form(editor_client, article, slug="second-name")
    response = client.get(url("first-name"))
    assert response.status_code == 301
    assert response["Location"] == url("second-name")
    assert client.get(url("second-name")).status_code == 200


def test_every_old_address_answers_301_to_the_address_now(client, make_article):
    article = make_article(slug="one")
    for slug in ("two", "three", "four"):
        article.slug = slug
        article.save()
    for old in ("one", "two", "three"):
        response = client.get(f"{url(old)}?utm=x")
        assert (response.status_code, response["Location"]) == (301, f"{url('four')}?utm=x")


def test_a_slug_changed_by_raw_sql_is_remembered_too(client, make_article):
    article = make_article(slug="before-sql")
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Article._meta.db_table} SET slug = 'after-sql' WHERE id = %s", [article.pk]
        )
    assert client.get(url("before-sql"))["Location"] == url("after-sql")


def test_a_restore_to_an_older_slug_keeps_both_addresses(client, editor_client, make_article):
    article = make_article(slug="original")
    save_form(editor_client, article, title="Kept")  # a first version, with the slug
    first = Version.objects.get_for_object(article).order_by("pk").first()
    save_form(editor_client, Article.objects.get(pk=article.pk), slug="renamed")
    assert client.get(url("original"))["Location"] == url("renamed")
    editor_client.post(reverse("admin:articles_article_restore", args=[article.pk, first.pk]))
    assert Article.objects.get(pk=article.pk).slug == "original"
    assert client.get(url("original")).status_code == 200
    assert client.get(url("renamed"))["Location"] == url("original")
    # Its own address again: no longer listed as one it left.
    assert not FormerSlug.objects.filter(slug="original").exists()


def test_an_old_address_of_a_draft_is_a_plain_404(client, make_article):
    draft = make_article(slug="draft-one", status=Article.Status.DRAFT)
    draft.slug = "draft-two"
    draft.save()
    assert client.get(url("draft-one")).status_code == 404
    assert client.get(url("draft-two")).status_code == 404


def test_a_live_article_at_an_old_address_wins(client, make_article):
    old = make_article(slug="shared")
    old.slug = "moved-away"
    old.save()
    make_article(slug="shared", title="The new owner")
    response = client.get(url("shared"))
    assert response.status_code == 200 and "The new owner" in response.text


def test_a_withdrawn_article_answers_410_with_an_explanation(client, make_article, admin_user):
    article = make_article(slug="withdrawn-one")
    services.article_withdraw(article=article, user=admin_user)
    response = client.get(url("withdrawn-one"))
    assert response.status_code == 410
    assert "No longer available" in response.text and "withdrew it" in response.text
    assert reverse("articles:corrections") in response.text
    assert 'rel="canonical"' not in response.text  # not a page of its own


def test_an_expired_article_answers_410(client, make_article):
    make_article(
        slug="expired-one",
        published_at=timezone.now() - timedelta(days=3),
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    response = client.get(url("expired-one"))
    assert response.status_code == 410 and "time on the site has ended" in response.text


def test_a_scheduled_article_withdrawn_before_its_moment_is_a_404(client, make_article):
    article = make_article(published_at=timezone.now() + timedelta(days=1))
    Article.objects.filter(pk=article.pk).update(status=Article.Status.WITHDRAWN)
    assert client.get(url(article.slug)).status_code == 404


def test_a_deleted_article_answers_410_at_every_address_it_had(client, make_article):
    article = make_article(slug="gone-one")
    article.slug = "gone-two"
    article.save()
    Article.objects.get(pk=article.pk).delete()
    for slug in ("gone-one", "gone-two"):
        response = client.get(url(slug))
        assert response.status_code == 410, slug
        assert "removed from the site" in response.text


def test_a_deleted_draft_leaves_nothing_behind(client, make_article):
    draft = make_article(slug="draft-a", status=Article.Status.DRAFT)
    draft.slug = "draft-b"
    draft.save()
    draft.delete()
    assert client.get(url("draft-a")).status_code == 404
    assert client.get(url("draft-b")).status_code == 404
    assert not FormerSlug.objects.exists()


def test_an_unknown_address_is_still_a_404(client, db):
    assert client.get(url("never-was")).status_code == 404


def test_the_old_and_gone_addresses_run_a_constant_number_of_queries(
    client, make_article, admin_user, django_assert_max_num_queries
):
    moved = make_article(slug="m1")
    moved.slug = "m2"
    moved.save()
    services.article_withdraw(article=make_article(slug="w1"), user=admin_user)
    client.get("/")  # the scheduled-changes check, cached after the first request
    for slug in ("m1", "w1"):
        with django_assert_max_num_queries(6):
            assert client.get(url(slug)).status_code in (301, 410)
