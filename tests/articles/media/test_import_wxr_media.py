"""`manage.py import_wxr FILE --uploads DIR`: a WordPress site's attachments into the
media library, its featured images as lead images, its PDFs as attached documents and
its pictures in the body as figures."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from reversion.models import Version

from articles import services
from articles.media.models import Document, Image
from articles.models import Article

from .files import pdf_bytes, picture_bytes

pytestmark = pytest.mark.django_db

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Sahel Notes</title><wp:wxr_version>1.2</wp:wxr_version>
<wp:author><wp:author_login><![CDATA[aminata]]></wp:author_login>
<wp:author_display_name><![CDATA[Aminata Traoré]]></wp:author_display_name></wp:author>
"""
UPLOADS = "https://notes.example.org/wp-content/uploads/"
CREDIT_META = (
    'a:2:{s:5:"width";i:400;s:10:"image_meta";a:2:{s:6:"credit";s:19:"UN Photo/M. Dormino";'
    's:9:"copyright";s:0:"";}}'
)


def meta(key, value):
    return (
        f"<wp:postmeta><wp:meta_key><![CDATA[{key}]]></wp:meta_key>"
        f"<wp:meta_value><![CDATA[{value}]]></wp:meta_value></wp:postmeta>"
    )


def post(post_id, title, body, *, status="publish", thumbnail=None):
    return f"""<item><title>{title}</title><dc:creator><![CDATA[aminata]]></dc:creator>
<guid isPermaLink="false">https://notes.example.org/?p={post_id}</guid>
<content:encoded><![CDATA[{body}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>{post_id}</wp:post_id>
<wp:post_date_gmt><![CDATA[2024-07-02 09:00:00]]></wp:post_date_gmt>
<wp:post_name><![CDATA[post-{post_id}]]></wp:post_name>
<wp:status><![CDATA[{status}]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>
{meta("_thumbnail_id", thumbnail) if thumbnail else ""}
</item>
"""


def attachment(post_id, title, path, *, mime, parent=0, caption="", metas=""):
    return f"""<item><title>{title}</title>
<guid isPermaLink="false">{UPLOADS}{path}</guid>
<content:encoded><![CDATA[]]></content:encoded><excerpt:encoded><![CDATA[{caption}]]></excerpt:encoded>
<wp:post_id>{post_id}</wp:post_id><wp:post_parent>{parent}</wp:post_parent>
<wp:status><![CDATA[inherit]]></wp:status><wp:post_type><![CDATA[attachment]]></wp:post_type>
<wp:post_mime_type><![CDATA[{mime}]]></wp:post_mime_type>
<wp:attachment_url><![CDATA[{UPLOADS}{path}]]></wp:attachment_url>
{meta("_wp_attached_file", path)}{metas}</item>
"""


MARKET_BODY = f"""The stalls open at dawn.

[caption id="attachment_20" align="alignnone" width="300"]<a href="{UPLOADS}2024/07/market.jpg">\
<img src="{UPLOADS}2024/07/market-300x200.jpg" alt="" width="300" height="200" \
class="size-medium wp-image-20" /></a> Stalls at dawn, <em>Gao</em>[/caption]

<img src="{UPLOADS}2024/07/market-1024x683.jpg" alt="" />

A line with a picture from elsewhere <img src="https://tracker.example.com/pixel.gif" /> in it."""


@pytest.fixture
def site(tmp_path):
    """An export and its uploads folder: the attachments come after the posts, as
    WordPress writes them, and cover every case the importer reports."""
    uploads = tmp_path / "uploads"
    (uploads / "2024" / "07").mkdir(parents=True)
    (uploads / "2024/07/market.jpg").write_bytes(picture_bytes(size=(400, 300)))
    (uploads / "2024/07/market-copy.jpg").write_bytes(
        (uploads / "2024/07/market.jpg").read_bytes()
    )
    (uploads / "2024/07/no-alt.png").write_bytes(picture_bytes(size=(300, 200), fmt="PNG"))
    (uploads / "2024/07/report.pdf").write_bytes(pdf_bytes("Water report"))
    (uploads / "2024/07/clip.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64)
    (uploads / "2024/07/fake.jpg").write_bytes(b"not a picture at all")
    (tmp_path / "secret.jpg").write_bytes(picture_bytes(size=(50, 50)))
    items = [
        post(15, "Market day", MARKET_BODY, thumbnail=20),
        post(16, "A picture nobody described", "Text.", thumbnail=21),
        post(17, "Water, a draft", "Draft text.", status="draft", thumbnail=21),
        attachment(
            20,
            "Market at dawn",
            "2024/07/market.jpg",
            mime="image/jpeg",
            parent=15,
            caption="Stalls at dawn in <b>Gao</b>.",
            metas=meta("_wp_attachment_image_alt", "Traders set out vegetables at dawn")
            + meta("_wp_attachment_metadata", CREDIT_META),
        ),
        attachment(21, "No alt", "2024/07/no-alt.png", mime="image/png", parent=16),
        attachment(22, "Water report", "2024/07/report.pdf", mime="application/pdf", parent=15),
        attachment(23, "Gone", "2024/07/gone.jpg", mime="image/jpeg"),
        attachment(24, "Escaping", "../secret.jpg", mime="image/jpeg"),
        attachment(25, "A clip", "2024/07/clip.mp4", mime="video/mp4"),
        attachment(26, "Fake", "2024/07/fake.jpg", mime="image/jpeg"),
        attachment(27, "Market again", "2024/07/market-copy.jpg", mime="image/jpeg"),
    ]
    export = tmp_path / "site.xml"
    export.write_text(HEAD + "".join(items) + "</channel></rss>\n")
    return export, uploads


def run(export, *args):
    out = StringIO()
    call_command("import_wxr", str(export), "--no-progress", *args, stdout=out)
    return out.getvalue()


def test_pictures_come_into_the_library_with_their_alt_text_caption_and_credit(local_media, site):
    export, uploads = site
    output = run(export, "--uploads", str(uploads))
    market = Image.objects.get(title="Market at dawn")
    assert market.alt_text == "Traders set out vegetables at dawn"
    assert market.caption == "Stalls at dawn in Gao."
    assert market.credit == "UN Photo/M. Dormino"
    assert (market.width, market.height) == (400, 300)
    assert Image.objects.count() == 2  # market and no-alt; the copy is the same picture
    assert "2 images imported" in output
    assert "1 images already in the library" in output


def test_featured_image_becomes_the_lead_image_in_the_first_version(local_media, site, client):
    export, uploads = site
    run(export, "--uploads", str(uploads))
    article = Article.objects.get(title="Market day")
    assert article.lead_image == Image.objects.get(title="Market at dawn")
    assert Version.objects.get_for_object(article).count() == 1
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'alt="Traders set out vegetables at dawn"' in page


def test_pictures_in_the_body_become_figures_of_the_library(local_media, site):
    export, uploads = site
    output = run(export, "--uploads", str(uploads))
    market = Image.objects.get(title="Market at dawn")
    body = Article.objects.get(title="Market day").body
    alt = "Traders set out vegetables at dawn"
    img = f'<img src="{market.file.url}" alt="{alt}" width="400" height="300">'
    assert f"<figure>{img}<figcaption>Stalls at dawn, <em>Gao</em></figcaption></figure>" in body
    assert f"<figure>{img}</figure>" in body  # the resized copy, standing alone
    assert "tracker.example.com" not in body and "A line with a picture from elsewhere" in body
    assert "uploads/" not in body
    assert "2 pictures placed in bodies" in output


def test_pdfs_are_attached_to_the_post_they_were_uploaded_to(local_media, site, client):
    export, uploads = site
    run(export, "--uploads", str(uploads))
    article = Article.objects.get(title="Market day")
    report = Document.objects.get()
    assert report.title == "Water report"
    assert [link.document for link in article.article_documents.all()] == [report]
    assert "Water report" in client.get(article.get_absolute_url()).content.decode()


def test_attachments_it_cannot_take_are_reported_with_their_reasons(local_media, site, tmp_path):
    export, uploads = site
    output = run(export, "--uploads", str(uploads))
    assert "4 attachments not imported" in output
    assert "Not imported: Gone [attachment 23]: “2024/07/gone.jpg” is not in the uploads" in output
    assert "Not imported: Escaping [attachment 24]: “../secret.jpg” lies outside" in output
    assert "Not imported: A clip [attachment 25]: a video/mp4 file: the library takes" in output
    assert "Not imported: Fake [attachment 26]: " in output
    assert not Image.objects.filter(title="Escaping").exists()


def test_a_published_post_whose_picture_has_no_alt_text_keeps_no_lead_image(local_media, site):
    export, uploads = site
    output = run(export, "--uploads", str(uploads))
    published = Article.objects.get(title="A picture nobody described")
    assert published.status == "published" and published.lead_image is None
    assert "Notice: A picture nobody described: featured image “No alt” has no alt" in output
    # A draft may have it: the rule asks for alt text when it is published.
    assert Article.objects.get(title="Water, a draft").lead_image.title == "No alt"


def test_a_rerun_adds_nothing(local_media, site):
    export, uploads = site
    run(export, "--uploads", str(uploads))
    files = sorted(p for p in local_media.rglob("*") if p.is_file())
    output = run(export, "--uploads", str(uploads))
    assert "0 created, 0 updated, 3 unchanged, 0 skipped." in output
    assert "3 images already in the library" in output and "images imported" not in output
    assert Image.objects.count() == 2 and Document.objects.count() == 1
    assert sorted(p for p in local_media.rglob("*") if p.is_file()) == files


def test_files_brought_later_update_the_posts_imported_without_them(local_media, site):
    export, uploads = site
    assert "3 created" in run(export)
    assert "attachments skipped (no uploads folder)" in run(export)
    assert Article.objects.get(title="Market day").lead_image is None
    output = run(export, "--uploads", str(uploads))
    assert "0 created, 3 updated" in output
    article = Article.objects.get(title="Market day")
    assert article.lead_image.title == "Market at dawn"
    assert "<figure>" in article.body


def test_files_never_overwrite_an_editors_later_change(local_media, site):
    export, uploads = site
    run(export)
    article = Article.objects.get(title="Market day")
    article.title = "Market day in Gao"
    services.article_save(article=article, user=None)  # an editor's save since the import
    output = run(export, "--uploads", str(uploads))
    assert "Not imported: Market day [https://notes.example.org/?p=15]: edited since" in output
    assert Article.objects.get(pk=article.pk).lead_image is None


def test_a_dry_run_stores_no_file_and_no_row(local_media, site):
    export, uploads = site
    output = run(export, "--uploads", str(uploads), "--dry-run")
    assert "Dry run, nothing written" in output and "2 images imported" in output
    assert not Image.objects.exists() and not Article.objects.exists()
    assert [p for p in local_media.rglob("*") if p.is_file()] == []


def test_a_missing_uploads_folder_is_a_clear_error(site, tmp_path):
    export, _ = site
    with pytest.raises(CommandError, match="no such folder"):
        run(export, "--uploads", str(tmp_path / "nowhere"))
