"""Stale saves of authors and updates are refused, naming who saved and when; an update
saved on its own page moves its article's lock (two editors, forms posted as a browser)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author, Update
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editors(make_user, login):
    first = make_user("Editor", username="amina", first_name="Amina", last_name="Traoré")
    second = make_user("Editor", username="ben", first_name="Ben", last_name="Ould")
    return login(first), login(second)


def url(obj):
    return reverse(f"admin:articles_{obj._meta.model_name}_change", args=[obj.pk])


def test_second_editors_author_save_is_refused_naming_who_and_keeping_input(
    two_editors, make_author
):
    author = make_author(name="Zach Silberman", bio="Analyst.")
    first, second = two_editors
    first_data = change_form_data(first.get(url(author)))
    second_data = change_form_data(second.get(url(author)))

    first_data["bio"] = "Amina's bio."
    assert first.post(url(author), first_data).status_code == 302
    second_data["bio"] = "Ben's careful bio."
    response = second.post(url(author), second_data)

    assert response.status_code == 200
    assert "Not saved: Amina Traoré saved this author at" in response.text
    assert "Ben&#x27;s careful bio." in response.text
    assert Author.objects.get(pk=author.pk).bio == "Amina's bio."


def test_an_author_saved_by_nobody_else_is_saved(two_editors, make_author):
    author = make_author()
    first, _ = two_editors
    data = change_form_data(first.get(url(author)))
    data["bio"] = "New bio."
    assert first.post(url(author), data).status_code == 302
    assert Author.objects.get(pk=author.pk).bio == "New bio."


PUBLISH = {"_publish_changes": "Publish changes"}


@pytest.fixture
def article_with_update(make_article):
    at = timezone.now().replace(microsecond=0)  # as the admin's split date/time posts it
    return make_article(
        updates=[
            {"kind": "update", "title": "Update", "body": "<p>Old text.</p>", "published_at": at}
        ]
    )


def test_update_saved_on_its_own_page_refuses_the_article_form_holding_the_old_update(
    two_editors, article_with_update
):
    article = article_with_update
    update = article.updates.get()
    first, second = two_editors
    article_form = change_form_data(second.get(url(article)))
    update_form = change_form_data(first.get(url(update)))
    assert update_form["row_token"]
    lock_before = Article.objects.get(pk=article.pk).lock_version

    update_form["body"] = "<p>Amina's corrected text.</p>"
    assert first.post(url(update), update_form).status_code == 302
    assert Article.objects.get(pk=article.pk).lock_version == lock_before + 1

    article_form["updates-0-body"] = "<p>Ben's text.</p>"
    article_form["title"] = "Ben's title"
    response = second.post(url(article), article_form)
    assert response.status_code == 200
    assert "Not saved: Amina Traoré saved this article at" in response.text
    assert "Ben&#x27;s title" in response.text
    assert Update.objects.get(pk=update.pk).body == "<p>Amina's corrected text.</p>"


def test_update_page_refuses_a_save_when_the_article_form_changed_the_update(
    two_editors, article_with_update
):
    article = article_with_update
    update = article.updates.get()
    first, second = two_editors
    update_form = change_form_data(second.get(url(update)))
    article_form = change_form_data(first.get(url(article)))

    article_form["updates-0-body"] = "<p>Amina's text, through the article.</p>"
    # The article is live: "Publish changes" stages and publishes the edit in one go.
    assert first.post(url(article), {**article_form, **PUBLISH}).status_code == 302

    update_form["body"] = "<p>Ben's text.</p>"
    response = second.post(url(update), update_form)
    assert response.status_code == 200
    assert "Not saved: Amina Traoré saved this update at" in response.text
    assert "Ben&#x27;s text." in response.text
    assert Update.objects.get(pk=update.pk).body == "<p>Amina's text, through the article.</p>"


def test_article_form_saved_without_touching_the_update_leaves_its_page_free(
    two_editors, article_with_update
):
    article = article_with_update
    update = article.updates.get()
    first, second = two_editors
    update_form = change_form_data(second.get(url(update)))
    article_form = change_form_data(first.get(url(article)))
    article_form["title"] = "A new title"
    assert first.post(url(article), {**article_form, **PUBLISH}).status_code == 302

    update_form["body"] = "<p>Ben's text.</p>"
    assert second.post(url(update), update_form).status_code == 302
    assert Update.objects.get(pk=update.pk).body == "<p>Ben's text.</p>"
    assert Article.objects.get(pk=article.pk).title == "A new title"
