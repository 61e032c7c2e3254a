"""`manage.py import_wxr`: a WordPress export (tests/articles/wxr_files/) into articles."""

import os
import time
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from reversion.models import Version

from articles import services
from articles.models import Article, Author, ImportedPost
from taxonomy.models import Term

pytestmark = pytest.mark.django_db

# 100 posts keep the suite quick; WXR_POSTS=2000 measures the rate (docs/content.md).
POSTS = int(os.environ.get("WXR_POSTS", "100"))
SITE = Path(__file__).parent / "wxr_files" / "site.xml"


def run(path=SITE, *args):
    out = StringIO()
    call_command("import_wxr", str(path), "--no-progress", *args, stdout=out)
    return out.getvalue()


def edited(tmp_path, old, new):
    """A copy of the export with one piece of text changed, as a later export would be."""
    text = SITE.read_text()
    assert old in text
    path = tmp_path / "site.xml"
    path.write_text(text.replace(old, new))
    return path


def test_published_post_is_imported_with_its_fields():
    run()
    article = Article.objects.get(slug="rains-return-to-gao")
    assert article.title == "Rains return to Gao"
    assert article.status == "published"
    assert article.published_at == datetime(2024, 7, 2, 9, 0, tzinfo=UTC)
    assert article.body == (
        "<p>The first rains came on Tuesday.<br>\nFarmers were ready.</p>\n"
        "<p>Wells in the old town filled within a day.</p>"
    )
    assert article.standfirst == "After a dry spring, the <em>rains</em>."
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_imported_post_has_a_version_and_is_found_by_search(client):
    run()
    article = Article.objects.get(slug="rains-return-to-gao")
    assert Version.objects.get_for_object(article).count() == 1
    response = client.get("/", {"q": "wells"})
    assert response.status_code == 200
    assert "Rains return to Gao" in response.content.decode()


def test_draft_without_gmt_date_is_a_draft():
    run()
    article = Article.objects.get(title="Notes for a piece on grain prices")
    assert article.status == "draft"
    assert article.slug == "notes-for-a-piece-on-grain-prices"
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_published_post_without_gmt_date_is_dated_in_the_site_time_zone(settings, tmp_path):
    settings.TIME_ZONE = "Africa/Niamey"  # UTC+1
    run(
        edited(
            tmp_path,
            "<wp:post_date_gmt><![CDATA[2024-07-06 10:00:00]]>",
            "<wp:post_date_gmt><![CDATA[0000-00-00 00:00:00]]>",
        )
    )
    article = Article.objects.get(slug="a-guests-view")
    assert article.published_at == datetime(2024, 7, 6, 9, 0, tzinfo=UTC)


def test_future_post_is_scheduled_behind_the_gate():
    run()
    article = Article.objects.get(slug="election-day-in-niamey")
    assert article.status == "published"
    assert article.published_at == datetime(2099, 1, 5, 7, 0, tzinfo=UTC)
    assert article.is_scheduled
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_private_post_is_a_draft_with_a_note():
    run()
    article = Article.objects.get(slug="sources")
    assert article.status == "draft"
    assert "Private in WordPress" in article.internal_note


def test_pending_post_is_in_review():
    run()
    assert Article.objects.get(slug="new-bridge").status == "review"


def test_broken_markup_and_shortcodes_become_sanitised_paragraphs():
    output = run()
    article = Article.objects.get(title="Market day, in pictures")
    body = article.body
    assert "[caption" not in body and "[gallery" not in body and "<img" not in body
    assert "<p>The stalls open at dawn, <b>before the heat</b></p>" in body
    assert "script" not in body and "onclick" not in body and "javascript" not in body
    assert "Prices rose" in body and ">again<" in body
    assert body.endswith("<p>Last line <i>unclosed</i></p>")
    assert "2 shortcodes removed" in output


def test_taken_slug_gets_a_suffix():
    run()
    assert Article.objects.get(title="Market day, in pictures").slug == "rains-return-to-gao-2"


def test_authors_are_created_once_with_their_display_names():
    Author.objects.create(name="Moussa Diallo", slug="moussa-diallo")
    output = run()
    assert sorted(Author.objects.values_list("name", flat=True)) == [
        "Aminata Traoré",
        "Moussa Diallo",
        "guest_writer",
    ]
    article = Article.objects.get(slug="new-bridge")
    assert [a.name for a in article.ordered_authors] == ["Moussa Diallo"]
    assert "2 authors created" in output


def test_post_without_author_is_imported_with_a_notice():
    output = run()
    article = Article.objects.get(slug="a-note-from-nobody")
    assert list(article.ordered_authors) == []
    assert "Notice: A note from nobody: no author in the export" in output


def test_categories_become_a_vocabulary_with_their_parents():
    run()
    terms = Term.objects.filter(vocabulary__slug="wordpress-categories")
    tree = terms.tree()
    gao = terms.get(slug="gao")
    assert tree.path(gao) == "Sahel › Mali › Gao"
    assert terms.get(slug="timbuktu").parent is None
    assert list(Article.objects.get(slug="rains-return-to-gao").terms.all()) == [gao]


def test_categories_go_into_the_vocabulary_given():
    run(SITE, "--vocabulary", "places", "--vocabulary-name", "Places")
    assert Term.objects.get(slug="gao").vocabulary.name == "Places"


def test_tags_become_tags():
    run()
    article = Article.objects.get(slug="rains-return-to-gao")
    assert sorted(article.tags.names()) == ["farming", "water"]


def test_comments_attachments_and_other_statuses_are_counted():
    output = run()
    assert "8 created, 0 updated, 0 unchanged, 1 skipped." in output
    assert "1 attachments skipped (no uploads folder)" in output
    assert "2 comments ignored" in output
    assert (
        "Not imported: Thrown away [https://notes.example.org/?p=18]: WordPress status “trash”"
        in output
    )
    assert Article.objects.count() == 8


def test_rerun_changes_nothing():
    run()
    versions = Version.objects.count()
    locks = dict(Article.objects.values_list("pk", "lock_version"))
    output = run()
    assert "0 created, 0 updated, 8 unchanged, 1 skipped." in output
    assert Version.objects.count() == versions
    assert dict(Article.objects.values_list("pk", "lock_version")) == locks


def test_rerun_updates_a_post_changed_in_wordpress(tmp_path):
    run()
    output = run(edited(tmp_path, "Wells in the old town", "Wells in the new town"))
    assert "0 created, 1 updated, 7 unchanged" in output
    article = Article.objects.get(slug="rains-return-to-gao")
    assert "Wells in the new town" in article.body
    assert Version.objects.get_for_object(article).count() == 2
    assert ImportedPost.objects.get(article=article).article_version == article.lock_version


def test_article_edited_after_import_is_left_alone(tmp_path, django_user_model):
    run()
    article = Article.objects.get(slug="rains-return-to-gao")
    article.title = "Rains return to Gao, and stay"
    services.article_save(article=article, user=None)
    output = run(edited(tmp_path, "Wells in the old town", "Wells in the new town"))
    article.refresh_from_db()
    assert article.title == "Rains return to Gao, and stay"
    assert "Wells in the old town" in article.body
    assert "edited since its import" in output
    assert "0 updated" in output


def test_dry_run_writes_nothing():
    output = run(SITE, "--dry-run")
    assert output.startswith("Dry run, nothing written: 8 created")
    assert Article.objects.count() == 0
    assert Author.objects.count() == 0


def test_unreadable_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<rss><channel><item><title>x</item>")
    with pytest.raises(CommandError, match="not a readable WXR file"):
        run(bad)
    with pytest.raises(CommandError, match="no such file"):
        run(tmp_path / "missing.xml")


def test_entities_are_not_expanded(tmp_path):
    text = (
        SITE.read_text()
        .replace(
            '<?xml version="1.0" encoding="UTF-8" ?>',
            '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>',
        )
        .replace("Polls open at eight.", "]]>&secret;<![CDATA[")
    )
    path = tmp_path / "entities.xml"
    path.write_text(text)
    run(path)
    assert "root:" not in Article.objects.get(slug="election-day-in-niamey").body


def _generated_export(path, posts):
    """An export of `posts` published posts over 20 categories, 2 authors and a few tags."""
    head, _, _ = SITE.read_text().partition("\t<item>")
    with path.open("w") as out:
        out.write(head)
        for n in range(posts):
            out.write(
                f"""<item><title>Generated post {n}</title>
<dc:creator><![CDATA[{"aminata" if n % 2 else "moussa"}]]></dc:creator>
<guid isPermaLink="false">https://gen.example.org/?p={n}</guid>
<content:encoded><![CDATA[Para one of post {n}.\n\nParagraph <em>two</em>.]]></content:encoded>
<excerpt:encoded><![CDATA[Standfirst {n}.]]></excerpt:encoded>
<wp:post_id>{n}</wp:post_id>
<wp:post_date_gmt><![CDATA[2023-01-01 10:00:00]]></wp:post_date_gmt>
<wp:post_name><![CDATA[generated-{n}]]></wp:post_name>
<wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>
<category domain="category" nicename="cat-{n % 20}"><![CDATA[Category {n % 20}]]></category>
<category domain="post_tag" nicename="tag-{n % 7}"><![CDATA[tag {n % 7}]]></category>
<wp:comment><wp:comment_id>{n}</wp:comment_id></wp:comment>
</item>
"""
            )
        out.write("</channel></rss>\n")


def test_generated_export_of_2000_posts_imports_and_reports_its_rate(tmp_path, capsys):
    path = tmp_path / "generated.xml"
    _generated_export(path, POSTS)
    started = time.perf_counter()
    output = run(path)
    elapsed = time.perf_counter() - started
    assert f"{POSTS} created" in output
    assert f"{POSTS} comments ignored" in output
    assert Article.objects.count() == POSTS
    with capsys.disabled():
        print(f"\nWXR import: {POSTS} posts in {elapsed:.1f} s, {POSTS / elapsed:.0f} posts/s")
