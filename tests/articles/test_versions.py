import re
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.models import Article, ArticleAuthor, Author, Update
from taxonomy.models import Term, Vocabulary
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db

# Saving a live article stages the change (tests/articles/test_staged.py); these tests
# press "Publish changes", the button that stages and publishes in one go, as the save
# button did before. A draft's form ignores it.
PUBLISH = {"_publish_changes": "Publish changes"}


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def history_url(article):
    return reverse("admin:articles_article_history", args=[article.pk])


def versions_of(article):
    return list(Version.objects.get_for_object(article).select_related("revision").order_by("pk"))


def save_form(client, article, **changes):
    data = change_form_data(client.get(change_url(article)))
    data.update(PUBLISH, **changes)
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def editor_client(login, editor):
    return login(editor)


@pytest.fixture
def article(make_article, make_author, make_term):
    return make_article(
        title="Mali",
        body="<p>The mission in Mali began in 2013.</p>",
        authors=[make_author(name="Ann First"), make_author(name="Bob Second")],
        terms=[make_term(name="Gao"), make_term(name="Kidal")],
        tags=["sahel", "drones"],
        updates=[{"kind": "update", "body": "<p>An update.</p>", "published_at": timezone.now()}],
    )


# One version per save


def test_each_admin_save_makes_exactly_one_version_with_user_and_comment(
    editor_client, editor, article
):
    save_form(editor_client, article, title="Mali, again")
    save_form(editor_client, article, standfirst="A new standfirst.")
    versions = versions_of(article)
    assert len(versions) == 2
    assert versions[0].revision.user == editor
    assert "Changed Title" in versions[0].revision.comment


def test_an_editors_own_comment_is_kept_with_the_version(editor_client, article):
    save_form(editor_client, article, title="Retitled", version_comment="Style guide: no colons")
    assert versions_of(article)[0].revision.comment.startswith("Style guide: no colons")


def test_inline_only_change_makes_one_version(editor_client, article):
    save_form(
        editor_client,
        article,
        **{"article_authors-0-position": "5", "article_authors-1-position": "1"},
    )
    assert len(versions_of(article)) == 1


def test_tag_only_change_makes_one_version(editor_client, article):
    save_form(editor_client, article, new_tags="Timbuktu")
    assert len(versions_of(article)) == 1


def test_saving_an_unchanged_form_adds_no_version(editor_client, article):
    save_form(editor_client, article, title="Changed once")
    save_form(editor_client, article)
    save_form(editor_client, article)
    assert len(versions_of(article)) == 1


def test_an_action_versions_the_articles_it_changes(editor_client, make_article):
    draft = make_article(status="draft")
    editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_selected", "_selected_action": [draft.pk]},
    )
    (version,) = versions_of(draft)
    assert version.revision.comment == "Published"
    assert version.field_dict["status"] == "published"


def test_authors_vocabularies_and_terms_are_versioned(
    login, editor, taxonomy_manager, make_author, make_term
):
    author = make_author()
    login(editor).post(
        reverse("admin:articles_author_change", args=[author.pk]),
        {"name": "Renamed", "slug": author.slug, "bio": "", "affiliation": ""},
    )
    assert Version.objects.get_for_object(author).count() == 1
    term = make_term()
    login(taxonomy_manager).post(
        reverse("admin:taxonomy_term_change", args=[term.pk]),
        {"vocabulary": term.vocabulary_id, "name": "Renamed term", "slug": term.slug},
    )
    assert Version.objects.get_for_object(term).count() == 1
    vocabulary = term.vocabulary
    login(taxonomy_manager).post(
        reverse("admin:taxonomy_vocabulary_change", args=[vocabulary.pk]),
        {"name": "Renamed vocabulary", "slug": vocabulary.slug, "position": 0, "language": "en"},
    )
    assert Version.objects.get_for_object(vocabulary).count() == 1


def test_merging_terms_versions_the_articles_that_moved(
    login, taxonomy_manager, make_term, make_article
):
    keep = make_term(name="Keïta")
    drop = make_term(vocabulary=keep.vocabulary, name="Keita")
    article = make_article(terms=[drop])
    login(taxonomy_manager).post(
        reverse("admin:taxonomy_term_changelist"),
        {
            "action": "merge_selected",
            "_selected_action": [keep.pk, drop.pk],
            "target": keep.pk,
            "apply": "1",
        },
    )
    (version,) = versions_of(article)
    assert version.revision.comment == "Merged “Keita” into “Keïta”"
    assert version.field_dict["terms"] == [keep.pk]


# History and comparison


def test_history_lists_versions_newest_first_with_who_when_and_what(
    editor_client, article, make_term
):
    save_form(editor_client, article, title="First change")
    mopti = make_term(name="Mopti")
    save_form(editor_client, article, terms=[str(mopti.pk)])
    page = editor_client.get(history_url(article)).text
    summaries = re.findall(r'<td class="summary">(.*?)</td>', page)
    assert summaries == ["+term Mopti, −term Gao, −term Kidal", "First version"]
    assert "Eddie Desk" in page
    assert "Changed Terms." in page


def test_compare_shows_exactly_the_inserted_and_deleted_words(editor_client, article):
    save_form(editor_client, article, title="Mali v1")
    save_form(editor_client, article, body="<p>The UN mission in Mali started in 2013.</p>")
    first, second = versions_of(article)
    page = editor_client.get(
        reverse("admin:articles_article_compare", args=[article.pk]),
        {"a": first.pk, "b": second.pk},
    ).text
    table = page.split('class="version-diff"')[1]
    assert re.findall(r"<ins>(.*?)</ins>", table) == ["UN", "started"]
    assert re.findall(r"<del>(.*?)</del>", table) == ["began"]
    assert "&lt;p&gt;" not in page  # markup is not shown as words


def test_compare_shows_relations_as_added_and_removed_names(editor_client, article):
    save_form(editor_client, article, title="Mali v1")
    save_form(editor_client, article, new_tags="Timbuktu", terms=[])
    first, second = versions_of(article)
    page = editor_client.get(
        reverse("admin:articles_article_compare", args=[article.pk]),
        {"a": first.pk, "b": second.pk},
    ).text
    assert "Added: <ins>Timbuktu</ins>" in page
    assert "Removed: <del>Gao</del>, <del>Kidal</del>" in page


@pytest.mark.parametrize("count", [3, 50])
def test_history_page_runs_a_constant_number_of_queries(
    admin_client, article, django_assert_max_num_queries, count
):
    from articles.versioning import capture, versioned

    for n in range(count):
        Article.objects.filter(pk=article.pk).update(title=f"Title {n}")
        article.refresh_from_db()
        with versioned(comment=f"change {n}"):
            capture(article)
    with django_assert_max_num_queries(12):
        response = admin_client.get(history_url(article))
    assert response.text.count('name="a"') == count


# Restore and recover


def test_restore_brings_back_terms_tags_author_order_and_a_deleted_update(editor_client, article):
    # A draft: a published article's updates are never deleted (tests/articles/test_staged.py).
    Article.objects.filter(pk=article.pk).update(status="draft", published_at=None)
    save_form(editor_client, article, title="Before the damage")
    original = versions_of(article)[0]
    gao = Term.objects.get(name="Gao")
    kidal = Term.objects.get(name="Kidal")
    sahel_tag = article.tags.get(name="sahel")
    data = {
        "terms": [str(kidal.pk)],
        "tags": [str(t.pk) for t in article.tags.exclude(pk=sahel_tag.pk)],
        "article_authors-0-position": "9",
        "updates-0-DELETE": "on",
        "title": "After the damage",
    }
    save_form(editor_client, article, **data)
    article.refresh_from_db()
    assert article.updates.count() == 0
    lock_before = article.lock_version

    response = editor_client.post(
        reverse("admin:articles_article_restore", args=[article.pk, original.pk]), follow=True
    )

    assert "“Before the damage” is back to version 1, as a new version." in messages_of(response)
    article = Article.objects.get(pk=article.pk)
    assert article.title == "Before the damage"
    assert set(article.terms.all()) == {gao, kidal}
    assert sorted(t.name for t in article.tags.all()) == ["drones", "sahel"]
    assert [a.name for a in article.ordered_authors] == ["Ann First", "Bob Second"]
    assert [u.body for u in article.updates.all()] == ["<p>An update.</p>"]
    assert article.updated_at is not None
    assert article.lock_version > lock_before
    versions = versions_of(article)
    assert len(versions) == 3  # history is never rewritten
    assert versions[-1].revision.comment == "Restored from version 1"


def test_restore_changes_content_but_not_the_workflow_state(editor_client, make_article):
    draft = make_article(status="draft", title="Draft title")
    save_form(editor_client, draft, title="Draft title v1")
    first = versions_of(draft)[0]
    editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_selected", "_selected_action": [draft.pk]},
    )
    save_form(editor_client, draft, title="Live title")
    editor_client.post(reverse("admin:articles_article_restore", args=[draft.pk, first.pk]))
    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("Draft title v1", "published")


def test_a_form_opened_before_a_restore_is_refused(editor_client, login, editor, article):
    save_form(editor_client, article, title="Version one")
    save_form(editor_client, article, title="Version two")
    stale = change_form_data(editor_client.get(change_url(article)))
    first = versions_of(article)[0]
    editor_client.post(reverse("admin:articles_article_restore", args=[article.pk, first.pk]))
    response = editor_client.post(change_url(article), {**stale, "title": "Stale"})
    assert "Not saved" in response.text
    assert Article.objects.get(pk=article.pk).title == "Version one"


def test_restore_leaves_out_a_term_deleted_since_and_says_so(editor_client, article):
    save_form(editor_client, article, title="With Gao")
    first = versions_of(article)[0]
    gao = Term.objects.get(name="Gao")
    gao_id = gao.pk
    article.terms.remove(gao)
    gao.delete()
    response = editor_client.post(
        reverse("admin:articles_article_restore", args=[article.pk, first.pk]), follow=True
    )
    assert any(f"term #{gao_id} no longer exists" in m for m in messages_of(response))
    assert [t.name for t in Article.objects.get(pk=article.pk).terms.all()] == ["Kidal"]


def test_contributor_cannot_restore(login, contributor, editor_client, make_article):
    draft = make_article(status="draft", created_by=contributor, title="Mine")
    client = login(contributor)
    save_form(client, draft, title="Mine, v1")
    save_form(client, draft, title="Mine, v2")
    first = versions_of(draft)[0]
    response = client.post(
        reverse("admin:articles_article_restore", args=[draft.pk, first.pk]), follow=True
    )
    assert "Not restored: Only editors can restore a version." in messages_of(response)
    assert Article.objects.get(pk=draft.pk).title == "Mine, v2"
    assert len(versions_of(draft)) == 2
    assert "Restore</button>" not in client.get(history_url(draft)).text


def test_a_deleted_article_is_recovered_from_its_last_version(editor_client, article):
    save_form(editor_client, article, title="Soon deleted")
    article_id = article.pk
    editor_client.post(
        reverse("admin:articles_article_delete", args=[article_id]), {"post": "yes"}
    )
    assert not Article.objects.filter(pk=article_id).exists()
    listing = editor_client.get(reverse("admin:articles_article_recoverlist")).text
    assert "Soon deleted" in listing
    (version,) = Version.objects.get_deleted(Article)
    editor_client.post(reverse("admin:articles_article_recover", args=[version.pk]))
    recovered = Article.objects.get(pk=article_id)
    assert recovered.title == "Soon deleted"
    assert recovered.status == "draft"  # back, but not on the site until an editor says so
    assert recovered.terms.count() == 2
    assert recovered.tags.count() == 2
    assert ArticleAuthor.objects.filter(article=recovered).count() == 2
    assert Update.objects.filter(article=recovered).count() == 1


# Seed documents


def test_bootstrap_gives_each_seed_article_one_initial_version(db):
    call_command("bootstrap_site", stdout=StringIO())
    call_command("bootstrap_site", stdout=StringIO())
    call_command("loaddata", "seed_documents", verbosity=0)
    call_command("bootstrap_site", stdout=StringIO())
    assert Article.objects.count() == 5
    for article in Article.objects.all():
        (version,) = versions_of(article)
        assert version.revision.comment == "Loaded from the seed documents"
    assert Version.objects.get_for_model(Term).count() == Term.objects.count()
    assert Version.objects.get_for_model(Author).count() == Author.objects.count()
    assert Version.objects.get_for_model(Vocabulary).count() == Vocabulary.objects.count()


def test_seed_article_initial_version_holds_its_update_and_tags(db):
    call_command("bootstrap_site", stdout=StringIO())
    article = Article.objects.filter(updates__isnull=False).first()
    revision = versions_of(article)[0].revision
    models = {v.content_type.model for v in revision.version_set.all()}
    assert {"article", "update", "taggedarticle"} <= models


def test_scheduled_and_withdrawn_changes_are_versioned_with_their_reason(
    editor_client, make_article
):
    draft = make_article(status="draft")
    at = timezone.now() + timedelta(days=1)
    editor_client.post(
        reverse("admin:articles_article_changelist"),
        {
            "action": "schedule_selected",
            "_selected_action": [draft.pk],
            "apply": "1",
            "publish_at_0": at.date().isoformat(),
            "publish_at_1": at.strftime("%H:%M:%S"),
        },
    )
    assert versions_of(draft)[0].revision.comment.startswith("Scheduled for ")


def test_version_pages_answer_200_for_a_superuser(admin_client):
    call_command("bootstrap_site", stdout=StringIO())
    article = Article.objects.first()
    save_form(admin_client, article, title="Retitled")
    first, second = versions_of(article)
    assert admin_client.get(history_url(article)).status_code == 200
    compare = reverse("admin:articles_article_compare", args=[article.pk])
    assert admin_client.get(compare, {"a": first.pk, "b": second.pk}).status_code == 200
    assert admin_client.get(reverse("admin:articles_article_recoverlist")).status_code == 200


def test_bench_versions_measures_and_leaves_the_database_as_it_was(db):
    call_command("bootstrap_site", stdout=StringIO())
    before = Version.objects.count(), [a.lock_version for a in Article.objects.order_by("pk")]
    out = StringIO()
    call_command("bench_versions", saves=2, stdout=out)
    assert "ratio" in out.getvalue()
    assert "stored" in out.getvalue()
    after = Version.objects.count(), [a.lock_version for a in Article.objects.order_by("pk")]
    assert after == before
