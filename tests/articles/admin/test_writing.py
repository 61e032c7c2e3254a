import pytest
from django.urls import reverse

from articles.models import Article, ArticleAuthor, Update
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db

# Saving a live article stages the change (tests/articles/test_staged.py); these tests
# press "Publish changes", the button that stages and publishes in one go, as the save
# button did before. A draft's form ignores it.
PUBLISH = {"_publish_changes": "Publish changes"}

HOSTILE = (
    '<p onclick="steal()">Hello <script>alert(1)</script><a href="javascript:alert(2)">x</a>'
    '<img src="x" onerror="alert(3)"><span style="color:red">styled</span>'
    '<a href="https://example.org/" style="font-size:99px" target="_blank">safe</a></p>'
)


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def post_change(client, article, **changes):
    data = change_form_data(client.get(change_url(article)))
    data.update(PUBLISH, **changes)
    return client.post(change_url(article), data)


def assert_harmless(html):
    for needle in ("<script", "onclick", "onerror", "javascript:", "style=", "<img", "target="):
        assert needle not in html


def test_article_form_lists_fields_in_the_order_editors_work(admin_client, make_article):
    article = make_article()
    page = admin_client.get(change_url(article)).text
    order = [
        'name="title"',
        'name="slug"',
        'name="standfirst"',
        'name="body"',
        'name="lead_image_caption"',
        'name="lead_image_credit"',
        'name="article_authors-TOTAL_FORMS"',
        'name="terms"',
        'name="tags"',
        'name="status"',
        'name="internal_note"',
    ]
    positions = [page.index(marker) for marker in order[:6]]
    assert positions == sorted(positions)
    positions = [page.index(marker) for marker in order[7:]]
    assert positions == sorted(positions)


def test_body_is_edited_with_the_prose_editor_served_from_our_static_files(
    admin_client, make_article
):
    page = admin_client.get(change_url(make_article())).text
    assert "data-django-prose-editor-configurable" in page
    assert "/static/django_prose_editor/editor.js" in page
    assert "cdn" not in page.lower()


def test_hostile_html_posted_in_the_body_never_reaches_the_database(admin_client, make_article):
    article = make_article()
    response = post_change(admin_client, article, body=HOSTILE)
    assert response.status_code == 302
    article.refresh_from_db()
    assert_harmless(article.body)
    assert 'href="https://example.org/"' in article.body
    assert "styled" in article.body


def test_hostile_html_posted_in_an_update_never_reaches_the_database(admin_client, make_article):
    article = make_article(updates=[{"body": "<p>First.</p>"}])
    response = post_change(admin_client, article, **{"updates-0-body": HOSTILE})
    assert response.status_code == 302
    assert_harmless(Update.objects.get(article=article).body)


def test_hostile_html_saved_by_a_script_is_sanitised_too(make_article):
    article = make_article(body=HOSTILE)
    article.refresh_from_db()
    assert_harmless(article.body)


def test_author_order_is_kept_and_shown(admin_client, make_article, make_author):
    first, second = make_author(name="Ann First"), make_author(name="Bob Second")
    article = make_article(authors=[first, second])
    response = post_change(
        admin_client,
        article,
        **{"article_authors-0-position": "2", "article_authors-1-position": "1"},
    )
    assert response.status_code == 302
    assert [a.name for a in Article.objects.get(pk=article.pk).ordered_authors] == [
        "Bob Second",
        "Ann First",
    ]
    page = admin_client.get(change_url(article)).text
    assert page.index("Bob Second") < page.index("Ann First")


def test_tags_are_chosen_by_autocomplete_and_new_ones_typed(admin_client, make_article):
    article = make_article(tags=["Sahel"])
    sahel = article.tags.get()
    response = post_change(admin_client, article, tags=[str(sahel.pk)], new_tags="Gao, drones")
    assert response.status_code == 302
    assert sorted(t.name for t in article.tags.all()) == ["Gao", "Sahel", "drones"]


def test_tag_autocomplete_answers_for_an_editor(login, editor, make_article):
    make_article(tags=["Sahel"])
    response = login(editor).get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": "article", "field_name": "tags", "term": "sah"},
    )
    assert [r["text"] for r in response.json()["results"]] == ["Sahel"]


def test_term_autocomplete_finds_terms_for_a_contributor(
    login, contributor, make_term, make_vocabulary
):
    make_term(name="Timbuktu", vocabulary=make_vocabulary(name="Places"))
    response = login(contributor).get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": "article", "field_name": "terms", "term": "timb"},
    )
    assert [r["text"] for r in response.json()["results"]] == ["Places › Timbuktu"]


def test_updates_are_listed_newest_last_with_kind_and_date(admin_client, make_article):
    article = make_article(
        updates=[
            {"kind": "correction", "published_at": "2024-03-02T10:00Z", "body": "<p>Later</p>"},
            {"kind": "update", "published_at": "2024-03-01T10:00Z", "body": "<p>Earlier</p>"},
        ]
    )
    page = admin_client.get(change_url(article)).text
    assert page.index("Earlier") < page.index("Later")
    assert 'name="updates-0-kind"' in page
    assert 'name="updates-0-published_at_0"' in page


def test_adding_a_correction_sets_the_updated_date_readers_see(admin_client, make_article):
    article = make_article()
    data = change_form_data(admin_client.get(change_url(article)))
    data.update(
        {
            "updates-TOTAL_FORMS": "1",
            "updates-0-kind": "correction",
            "updates-0-published_at_0": "2025-01-02",
            "updates-0-published_at_1": "09:00:00",
            "updates-0-body": "<p>We misspelt Gao.</p>",
        }
    )
    response = admin_client.post(change_url(article), {**data, **PUBLISH})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.updated_at.date().isoformat() == "2025-01-02"


def test_preview_shows_a_draft_to_an_editor_with_the_public_template(login, editor, make_article):
    draft = make_article(status="draft", title="Secret draft")
    response = login(editor).get(reverse("articles:preview", args=[draft.pk]))
    assert response.status_code == 200
    assert "Secret draft" in response.text
    assert "articles/article_detail.html" in [t.name for t in response.templates]
    assert "no-store" in response["Cache-Control"]


def test_preview_sends_anonymous_visitors_to_the_login_page(client, make_article):
    draft = make_article(status="draft")
    response = client.get(reverse("articles:preview", args=[draft.pk]))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_preview_is_refused_to_staff_without_change_permission(
    login, taxonomy_manager, make_article
):
    draft = make_article(status="draft")
    response = login(taxonomy_manager).get(reverse("articles:preview", args=[draft.pk]))
    assert response.status_code == 403


def test_change_form_links_to_preview_and_to_the_site_only_when_live(admin_client, make_article):
    draft = make_article(status="draft")
    page = admin_client.get(change_url(draft)).text
    assert reverse("articles:preview", args=[draft.pk]) in page
    assert "View on site" not in page
    live = make_article()
    assert "View on site" in admin_client.get(change_url(live)).text


def test_new_article_records_who_created_it(login, contributor, make_author):
    client = login(contributor)
    data = change_form_data(client.get(reverse("admin:articles_article_add")))
    data.update({"title": "From the field", "slug": "from-the-field", "body": "<p>Text</p>"})
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302
    article = Article.objects.get(slug="from-the-field")
    assert article.created_by == contributor
    assert article.modified_by == contributor
    assert article.status == "draft"
    assert not ArticleAuthor.objects.filter(article=article).exists()
