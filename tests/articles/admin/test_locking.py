import pytest
from django.urls import reverse

from articles import services
from articles.models import Article
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db

# Saving a live article stages the change (tests/articles/test_staged.py); these tests
# press "Publish changes", the button that stages and publishes in one go, as the save
# button did before. A draft's form ignores it.
PUBLISH = {"_publish_changes": "Publish changes"}


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


@pytest.fixture
def two_editors(make_user, login):
    first = make_user("Editor", username="amina", first_name="Amina", last_name="Traoré")
    second = make_user("Editor", username="ben", first_name="Ben", last_name="Ould")
    return login(first), login(second)


def test_second_editors_save_is_refused_naming_who_saved_first_and_keeping_input(
    two_editors, make_article
):
    article = make_article(title="Original title", body="<p>Original body.</p>")
    first, second = two_editors
    first_data = change_form_data(first.get(change_url(article)))
    second_data = change_form_data(second.get(change_url(article)))

    first_data.update(title="Amina's title", body="<p>Amina's body.</p>")
    assert first.post(change_url(article), PUBLISH | first_data).status_code == 302

    second_data.update(standfirst="Ben's careful standfirst.", body="<p>Ben's body.</p>")
    response = second.post(change_url(article), PUBLISH | second_data)

    assert response.status_code == 200
    assert "Not saved: Amina Traoré saved this article at" in response.text
    assert "Ben&#x27;s careful standfirst." in response.text  # Ben's input is still there
    assert "Ben&#x27;s body." in response.text
    article.refresh_from_db()
    assert article.title == "Amina's title"  # nothing of the first edit is lost
    assert article.body == "<p>Amina's body.</p>"
    assert article.standfirst != "Ben's careful standfirst."


def test_resubmitting_the_refused_form_is_refused_again(two_editors, make_article):
    article = make_article()
    first, second = two_editors
    stale = change_form_data(second.get(change_url(article)))
    first.post(change_url(article), PUBLISH | change_form_data(first.get(change_url(article))))
    second.post(change_url(article), {**PUBLISH, **stale, "title": "Ben"})
    response = second.post(change_url(article), {**PUBLISH, **stale, "title": "Ben"})
    assert "Not saved" in response.text
    assert Article.objects.get(pk=article.pk).title != "Ben"


def test_editor_reloading_after_a_refusal_can_save(two_editors, make_article):
    article = make_article()
    first, second = two_editors
    stale = change_form_data(second.get(change_url(article)))
    first.post(change_url(article), PUBLISH | change_form_data(first.get(change_url(article))))
    assert second.post(change_url(article), PUBLISH | stale).status_code == 200
    fresh = change_form_data(second.get(change_url(article)))
    fresh["title"] = "Ben, after reloading"
    assert second.post(change_url(article), PUBLISH | fresh).status_code == 302
    assert Article.objects.get(pk=article.pk).title == "Ben, after reloading"


def test_an_action_between_opening_and_saving_also_refuses_the_stale_form(
    login, editor, make_article
):
    draft = make_article(status="draft")
    client = login(editor)
    stale = change_form_data(client.get(change_url(draft)))
    services.article_publish(article=draft, user=None)
    response = client.post(change_url(draft), {**PUBLISH, **stale, "title": "Stale"})
    assert "Not saved" in response.text
    draft.refresh_from_db()
    assert draft.status == "published"


def test_every_save_raises_the_lock_number(make_article):
    article = make_article()
    start = article.lock_version
    article.save()
    stale = Article.objects.get(pk=article.pk)
    stale.lock_version = 0  # an old number held in memory never lowers it
    stale.save()
    assert Article.objects.get(pk=article.pk).lock_version == start + 2


def test_the_same_post_sent_by_two_clients_saves_once(two_editors, make_article):
    article = make_article(title="Original title")
    first, second = two_editors
    data = {**change_form_data(first.get(change_url(article))), "title": "Sent twice"}
    assert first.post(change_url(article), PUBLISH | data).status_code == 302
    lock_after_first = Article.objects.get(pk=article.pk).lock_version

    response = second.post(change_url(article), {**PUBLISH, **data, "title": "Sent twice, again"})

    assert response.status_code == 200
    assert "Not saved: Amina Traoré saved this article at" in response.text
    assert "Sent twice, again" in response.text  # the input is kept
    stored = Article.objects.get(pk=article.pk)
    assert (stored.title, stored.lock_version) == ("Sent twice", lock_after_first)
