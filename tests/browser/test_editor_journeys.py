"""An editor's journeys through the admin, in Chromium, and what readers then see."""

import re

import pytest
from django.apps import apps
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from articles.models import Article
from tests.conftest import editorial_group

from .helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _has_url(name, *args):
    try:
        reverse(name, args=args)
    except NoReverseMatch:
        return False
    return True


needs_admin = pytest.mark.skipif(
    not (apps.is_installed("django_prose_editor") and _has_url("articles:preview", 1)),
    reason="needs the editorial admin of issue 4 (rich-text editor, preview URL, groups): "
    "not on main yet",
)

PASSWORD = "a-long-test-password"


@pytest.fixture
def staff(django_user_model):
    def make(username, group):
        user = django_user_model.objects.create_user(
            username=username, password=PASSWORD, is_staff=True, first_name=username.title()
        )
        user.groups.add(editorial_group(group))
        return user

    return make


@pytest.fixture
def editor(staff):
    return staff("eddie", "Editor")


@pytest.fixture
def contributor(staff):
    return staff("cora", "Contributor")


def pick(page, field, text, option=None):
    """Choose `option` (default: `text`) in the admin's select2 autocomplete `field`."""
    page.locator(f".field-{field} .select2-selection").click()
    search = page.locator(".select2-container--open .select2-search__field")
    search.fill(text)
    choice = page.locator(".select2-results__option", has_text=option or text).first
    expect(choice).to_be_visible()
    choice.click()


def pick_in_row(page, row, text):
    """Choose `text` in the select2 autocomplete of an inline `row`."""
    row.locator(".select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    choice = page.locator(".select2-results__option", has_text=text).first
    expect(choice).to_be_visible()
    choice.click()


def write_body(editor_area):
    """A heading, a list and a link, typed as an editor would (the editor's input rules
    turn "## " into a heading and "- " into a list; a typed address becomes a link)."""
    editor_area.click()
    keyboard = editor_area.page.keyboard
    keyboard.type("## Background")
    keyboard.press("Enter")
    keyboard.type("Drones were seen over Kidal twice this week.")
    keyboard.press("Enter")
    keyboard.type("- Seen from Gao")
    keyboard.press("Enter")
    keyboard.type("Seen from Tessalit")
    keyboard.press("Enter")
    keyboard.press("Enter")
    keyboard.type("Source: https://www.un.org/en/ and our reporters.")


def add_author(page, name, position):
    group = page.locator("#article_authors-group")
    group.get_by_role("button", name=re.compile("Add another")).click()
    row = group.locator("tr.form-row.dynamic-article_authors").last
    row.locator("input[name$='-position']").fill(str(position))
    pick_in_row(page, row, name)


def save_and_continue(page):
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_be_visible()


def publish_changes(page):
    page.get_by_role("button", name="Publish changes").click()
    expect(page.locator(".messagelist .success")).to_be_visible()


def create_draft(page, newsroom):
    page.goto(reverse("admin:articles_article_add"))
    page.locator("#id_title").fill("Drones over Kidal")
    page.locator("#id_standfirst").fill("Unidentified aircraft seen over the north.")
    expect(page.locator("#id_slug")).to_have_value("drones-over-kidal")
    write_body(page.locator(".field-body .ProseMirror[contenteditable=true]"))
    add_author(page, "Zach Silberman", 0)
    add_author(page, "Ada Diallo", 1)
    pick(page, "terms", "Mali")
    pick(page, "terms", "MINUSMA")
    pick(page, "terms", "Keïta", "Ibrahim Boubacar Keïta")
    pick(page, "tags", "peacekeeping")
    page.locator("#id_new_tags").fill("drones, surveillance")
    save_and_continue(page)
    return Article.objects.get(slug="drones-over-kidal")


@needs_admin
def test_editor_writes_classifies_and_previews_a_draft(page, new_context, newsroom, editor):
    log_in(page, editor.username, PASSWORD)

    article = create_draft(page, newsroom)

    assert article.status == Article.Status.DRAFT
    assert [a.name for a in article.ordered_authors] == ["Zach Silberman", "Ada Diallo"]
    assert {t.slug for t in article.terms.all()} == {"mali", "minusma", "keita"}
    assert set(article.tags.names()) == {"peacekeeping", "drones", "surveillance"}
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Preview").click()
    preview = opened.value
    expect(preview.get_by_role("heading", level=1)).to_have_text("Drones over Kidal")
    body = preview.locator("article .body").first
    expect(body.get_by_role("heading", level=2)).to_have_text("Background")
    expect(body.locator("ul > li")).to_have_text(["Seen from Gao", "Seen from Tessalit"])
    expect(body.get_by_role("link", name="https://www.un.org/en/")).to_have_attribute(
        "href", "https://www.un.org/en/"
    )
    expect(preview.locator("a[rel=author]")).to_have_text(["Zach Silberman", "Ada Diallo"])
    # Readers (not logged in) cannot see the draft yet.
    assert new_context().new_page().goto(article.get_absolute_url()).status == 404


@needs_admin
def test_editor_publishes_and_readers_find_it_by_a_term(page, new_context, newsroom, editor):
    log_in(page, editor.username, PASSWORD)
    article = create_draft(page, newsroom)

    page.locator("#id_status").select_option(label="Published")
    save_and_continue(page)

    article.refresh_from_db()
    assert article.is_published()
    reader = new_context().new_page()  # anonymous
    reader.goto("/")
    # By its id, not its label: the chip the reload adds carries the name too.
    reader.locator("#f-people-keita").check()  # applies at once
    expect(reader.locator("#results-heading")).to_have_text("2 articles")
    reader.get_by_role("link", name="Drones over Kidal").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Drones over Kidal")
    expect(reader.locator("article .body h2")).to_have_text("Background")


@needs_admin
def test_editor_adds_a_correction_that_readers_see(page, newsroom, editor):
    log_in(page, editor.username, PASSWORD)
    page.goto(reverse("admin:articles_article_change", args=[newsroom.ambush.pk]))

    group = page.locator("#updates-group")
    group.get_by_role("button", name=re.compile("Add another")).click()
    form = group.locator(".inline-related.dynamic-updates").last
    form.get_by_label("Kind").select_option(label="Correction")
    form.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type("An earlier version placed the ambush north of Gao.")
    publish_changes(page)  # a live article: a plain save would stage the change

    page.goto(newsroom.ambush.get_absolute_url())
    expect(page.locator("header .meta")).to_contain_text("Updated")
    correction = page.locator("section.updates .update--correction")
    expect(correction).to_contain_text("An earlier version placed the ambush north of Gao.")
    expect(correction.locator(".kind")).to_have_text("Correction")


@needs_admin
def test_contributor_cannot_publish_even_with_a_forged_choice(page, newsroom, contributor):
    log_in(page, contributor.username, PASSWORD)
    page.goto(reverse("admin:articles_article_add"))
    page.locator("#id_title").fill("A contributor's scoop")
    page.locator("#id_standfirst").fill("Written by a contributor.")
    status = page.locator("#id_status")
    # The form does not offer publishing to a contributor…
    assert "published" not in status.locator("option").evaluate_all(
        "options => options.map(o => o.value)"
    )
    # …and the server refuses it when the browser sends it anyway.
    status.evaluate(
        "select => { select.add(new Option('Published', 'published')); "
        "select.value = 'published'; }"
    )
    page.get_by_role("button", name="Save and continue editing").click()

    expect(page.locator(".errornote, .errorlist").first).to_be_visible()
    assert not Article.objects.filter(title="A contributor's scoop", status="published").exists()


needs_versioning = pytest.mark.skipif(
    not _has_url("admin:articles_article_compare", 1),
    reason="needs versioning of issue 5 (history, compare and restore in the admin): "
    "not on main yet",
)


@needs_admin
@needs_versioning
def test_editor_compares_and_restores_the_first_version(page, new_context, newsroom, editor):
    log_in(page, editor.username, PASSWORD)
    article = newsroom.timbuktu
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    page.goto(change_url)
    save_and_continue(page)  # version 1: the text as it is now
    page.locator(".field-body .ProseMirror[contenteditable=true]").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Residents welcomed the patrols warmly.")
    publish_changes(page)  # version 2 (a live article: a plain save would stage it)

    page.goto(reverse("admin:articles_article_history", args=[article.pk]))
    page.get_by_label("Compare from version 1").check()
    page.get_by_label("Compare to version 2").check()
    page.get_by_role("button", name="Compare the two ticked versions").click()
    expect(page.locator("ins", has_text="welcomed")).not_to_have_count(0)

    page.get_by_role("button", name="Restore version 1…").click()
    expect(page.get_by_role("heading", name=re.compile("Restore version 1"))).to_be_visible()
    page.get_by_role("button", name="Yes, restore version 1").click()
    expect(page.locator(".messagelist")).to_be_visible()

    reader = new_context().new_page()
    reader.goto(article.get_absolute_url())
    body = reader.locator("article .body").first
    expect(body).to_have_text("Blue helmets patrol the old town again.")
