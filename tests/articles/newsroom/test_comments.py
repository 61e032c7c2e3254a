"""Comments between staff on an article: the thread on its form, who may do what, the
history page, and the public site that never shows them."""

import pytest
from django.urls import reverse
from reversion.models import Version

from articles import services
from articles.models import ArticleComment
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db

SECRET = "Zebrafinch remark, newsroom only"


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def comment_url(article):
    return reverse("admin:articles_article_comment", args=[article.pk])


def resolve_url(article, comment):
    return reverse("admin:articles_article_comment_resolve", args=[article.pk, comment.pk])


def test_staff_who_can_see_the_article_comment_on_its_form_without_javascript(
    login, contributor, editor, make_article
):
    article = make_article(created_by=editor)
    client = login(contributor)  # a contributor sees every article, edits only their own
    response = client.post(comment_url(article), {"body": SECRET, "quote": "Body of article"})
    comment = ArticleComment.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"{change_url(article)}#comment-{comment.pk}")
    page = client.get(change_url(article)).content.decode()
    assert SECRET in page
    assert '<blockquote class="comment-quote"' in page and "Body of article" in page


def test_a_reply_joins_the_thread(login, contributor, editor, make_article):
    article = make_article(status="draft", created_by=contributor)
    thread = services.comment_add(article=article, user=editor, body="Source?")
    login(contributor).post(comment_url(article), {"body": "Added.", "parent": thread.pk})
    reply = ArticleComment.objects.exclude(pk=thread.pk).get()
    assert reply.parent == thread
    page = login(editor).get(change_url(article)).content.decode()
    assert page.index("Source?") < page.index("Added.")


def test_the_articles_author_resolves_and_an_editor_reopens(
    login, contributor, editor, make_article
):
    article = make_article(status="draft", created_by=contributor)
    thread = services.comment_add(article=article, user=editor, body="Source?")
    login(contributor).post(resolve_url(article, thread))
    thread.refresh_from_db()
    assert thread.is_resolved and thread.resolved_by == contributor
    login(editor).post(resolve_url(article, thread), {"resolved": "0"})
    thread.refresh_from_db()
    assert not thread.is_resolved


def test_a_contributor_who_is_not_the_author_cannot_resolve(
    login, contributor, editor, make_article
):
    article = make_article(created_by=editor)
    thread = services.comment_add(article=article, user=contributor, body="Typo?")
    response = login(contributor).post(resolve_url(article, thread), follow=True)
    thread.refresh_from_db()
    assert not thread.is_resolved
    assert "Only the article&#x27;s author or an editor" in response.content.decode()


def test_staff_without_the_view_permission_cannot_comment(login, make_user, make_article):
    article = make_article()
    stranger = make_user()  # staff, in no group
    response = login(stranger).post(comment_url(article), {"body": SECRET})
    assert response.status_code == 403
    assert not ArticleComment.objects.exists()


def test_a_reader_who_is_not_staff_is_sent_to_the_login(client, django_user_model, make_article):
    article = make_article()
    reader = django_user_model.objects.create_user("reader", password="pw")
    client.force_login(reader)
    response = client.post(comment_url(article), {"body": SECRET})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not ArticleComment.objects.exists()


def test_an_empty_comment_is_refused_with_a_message(login, editor, make_article):
    article = make_article()
    response = login(editor).post(comment_url(article), {"body": "  "}, follow=True)
    assert "Not posted" in response.content.decode()
    assert not ArticleComment.objects.exists()


def test_comments_are_on_the_history_page_and_a_restore_keeps_them(login, editor, make_article):
    article = make_article(status="draft", created_by=editor)
    client = login(editor)
    data = change_form_data(client.get(change_url(article)))
    client.post(change_url(article), {**data, "title": "Second title"})
    services.comment_add(article=article, user=editor, body=SECRET)
    first = Version.objects.get_for_object(article).order_by("pk").first()
    client.post(reverse("admin:articles_article_restore", args=[article.pk, first.pk]))
    history = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert SECRET in history.content.decode()
    assert ArticleComment.objects.filter(body=SECRET).exists()


def test_comments_survive_the_articles_deletion(login, editor, make_article):
    article = make_article(status="draft")
    services.comment_add(article=article, user=editor, body=SECRET)
    article_id = article.pk
    article.delete()
    assert ArticleComment.objects.filter(article_id=article_id).count() == 1


def test_no_public_page_feed_or_sitemap_shows_a_comment(client, world, editor, make_user):
    for article in (world.gao_ambush, world.niger_convoy, world.ecowas_plan, world.draft):
        thread = services.comment_add(
            article=article, user=editor, body=SECRET, quote="Peacekeepers were attacked"
        )
        services.comment_add(article=article, user=editor, body=SECRET + " reply", parent=thread)
    urls = [
        reverse("articles:list"),
        reverse("articles:list") + "?q=finch",  # a word of the comments (the page echoes it)
        reverse("articles:list") + "?q=Gao",
        reverse("articles:detail", kwargs={"slug": world.gao_ambush.slug}),
        reverse("articles:detail", kwargs={"slug": world.niger_convoy.slug}),
        reverse("articles:archive"),
        reverse("articles:author", kwargs={"slug": world.zach.slug}),
        reverse("articles:vocabularies"),
        reverse("articles:vocabulary", kwargs={"vocabulary": "places"}),
        reverse("articles:term", kwargs={"vocabulary": "places", "slug": "gao"}),
        reverse("articles:term_rss", kwargs={"vocabulary": "places", "slug": "gao"}),
        reverse("articles:tag", kwargs={"slug": "peacekeeping"}),
        reverse("articles:tag_atom", kwargs={"slug": "peacekeeping"}),
        reverse("articles:author_rss", kwargs={"slug": world.zach.slug}),
        reverse("articles:rss"),
        reverse("articles:atom"),
        reverse("articles:term_lookup") + "?q=finch",
        reverse("sitemap"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"Zebrafinch" not in response.content, url
    # Nor the preview a member of staff opens (it is the reader's page).
    preview = make_user("Editor")
    client.force_login(preview)
    response = client.get(reverse("articles:preview", args=[world.draft.pk]))
    assert response.status_code == 200
    assert b"Zebrafinch" not in response.content
