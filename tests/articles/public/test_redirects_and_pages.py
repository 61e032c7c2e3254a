"""Editors' redirects and the static pages (About, Methodology, Corrections policy, Contact)."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Page, Redirect

pytestmark = pytest.mark.django_db

REDIRECT_ADD = reverse("admin:articles_redirect_add")
PAGE_ADD = reverse("admin:articles_page_add")


def test_an_editors_redirect_answers_301(client, admin_client, make_article):
    article = make_article()
    response = admin_client.post(
        REDIRECT_ADD,
        {"old_path": "/2019/old-report/", "new_path": article.get_absolute_url(), "note": ""},
    )
    assert response.status_code == 302
    answer = client.get("/2019/old-report/")
    assert (answer.status_code, answer["Location"]) == (301, article.get_absolute_url())
    assert client.get("/2019/old-report")["Location"] == article.get_absolute_url()


def test_a_redirect_without_a_new_address_answers_410(client, db):
    Redirect.objects.create(old_path="/dossier/", new_path="")
    response = client.get("/dossier/")
    assert response.status_code == 410 and "No longer available" in response.text


def test_a_redirect_never_hides_a_live_page(client, make_article):
    article = make_article()
    Redirect.objects.create(old_path=article.get_absolute_url(), new_path="/")
    assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("old_path", "new_path", "message"),
    [
        ("no-slash/", "/", "Start with a slash"),
        ("/admin/articles/", "/", "cannot be redirected"),
        ("/a/", "javascript:alert(1)", "full address"),
        ("/a/", "/a/", "where they are"),
    ],
)
def test_a_redirect_the_admin_refuses_says_why(admin_client, db, old_path, new_path, message):
    response = admin_client.post(
        REDIRECT_ADD, {"old_path": old_path, "new_path": new_path, "note": ""}
    )
    assert response.status_code == 200 and message in response.text
    assert not Redirect.objects.exists()


def test_a_static_page_edited_in_the_admin_is_sanitised_and_shown(client, admin_client, db):
    response = admin_client.post(
        PAGE_ADD,
        {
            "title": "About us",
            "slug": "about",
            "body": '<p onclick="x()">We write <script>alert(1)</script>analysis.</p>',
        },
    )
    assert response.status_code == 302
    assert Page.objects.get().body == "<p>We write analysis.</p>"
    text = client.get("/about/").text
    assert "<h1>About us</h1>" in text and "<p>We write analysis.</p>" in text


def test_a_static_page_cannot_take_another_pages_address(admin_client, db):
    response = admin_client.post(PAGE_ADD, {"title": "Feeds", "slug": "feeds", "body": ""})
    assert response.status_code == 200 and "/feeds/ is already an address" in response.text


def test_a_static_page_edited_makes_its_cached_page_stale(client, db, settings):
    settings.PAGE_CACHE_SECONDS = 600
    page = Page.objects.create(title="Contact", slug="contact", body="<p>Write to us.</p>")
    client.get("/contact/")
    assert client.get("/contact/")["X-Cache"] == "hit"
    page.body = "<p>Call us.</p>"
    page.save()
    assert "Call us." in client.get("/contact/").text


def test_bootstrap_site_creates_the_missing_pages_and_keeps_the_editors_text(db):
    Page.objects.create(title="Our story", slug="about", body="<p>Ours.</p>")
    call_command("bootstrap_site", verbosity=0)
    pages = {page.slug: page for page in Page.objects.all()}
    assert set(pages) == {"about", "methodology", "corrections-policy", "contact"}
    assert (pages["about"].title, pages["about"].body) == ("Our story", "<p>Ours.</p>")
    call_command("bootstrap_site", verbosity=0)
    assert Page.objects.count() == 4


def test_the_footer_links_to_every_static_page(client, make_article):
    make_article()
    footer = client.get("/").text.split('<footer class="site-footer">')[1]
    for slug in ("about", "methodology", "corrections-policy", "contact"):
        assert f'href="/{slug}/"' in footer


def test_a_missing_static_page_is_a_404(client, db):
    assert client.get("/methodology/").status_code == 404


def test_the_sitemap_lists_the_static_pages_and_the_corrections_page(client, db):
    Page.objects.create(title="Methodology", slug="methodology", body="<p>How.</p>")
    text = client.get("/sitemap.xml").text
    assert "<loc>http://testserver/methodology/</loc>" in text
    assert "<loc>http://testserver/corrections/</loc>" in text
