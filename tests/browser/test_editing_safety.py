"""Editing safely, in Chromium: the unsaved-changes warning, autosave recovery, spelling,
and two editors seeing each other (static/js/editing-safety.js, taxonomy/presence.py)."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.conftest import editorial_group

from .helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-long-test-password"


@pytest.fixture
def staff(django_user_model):
    def make(username, first, last):
        user = django_user_model.objects.create_user(
            username=username,
            password=PASSWORD,
            is_staff=True,
            first_name=first,
            last_name=last,
        )
        user.groups.add(editorial_group("Editor"))
        return user

    return make


@pytest.fixture
def article(make_article):
    return make_article(title="Ambush near Gao", slug="ambush-near-gao")


@pytest.fixture
def quiet(page):
    """No heartbeats from this page's context: a request still running when the test
    ends would race the live server's database flush. The presence test has its own."""
    page.context.route("**/presence/", lambda route: route.fulfill(status=204))
    return page


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def open_form(page, article):
    page.goto(change_url(article))
    expect(page.locator(".field-body .ProseMirror[contenteditable=true]")).to_be_visible()


def test_leaving_a_changed_form_asks_first_and_saving_does_not(page, quiet, staff, article):
    eddie = staff("eddie", "Eddie", "Desk")
    log_in(page, eddie.username, PASSWORD)
    open_form(page, article)
    dialogs = []

    def dismiss(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.locator("#id_title").fill("Ambush near Gao, revised")
    page.get_by_role("link", name="History").click()
    page.wait_for_timeout(500)  # let a dialog, if any, be handled; not an assertion on time
    assert dialogs == ["beforeunload"]
    expect(page).to_have_url(re.compile(re.escape(change_url(article)) + "$"))
    expect(page.locator("#id_title")).to_have_value("Ambush near Gao, revised")

    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert dialogs == ["beforeunload"]  # no second dialog for the save


def test_an_unchanged_form_leaves_without_a_question(page, quiet, staff, article):
    log_in(page, staff("eddie", "Eddie", "Desk").username, PASSWORD)
    open_form(page, article)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    page.get_by_role("link", name="History").click()
    expect(page).to_have_url(re.compile(f"/{article.pk}/history/$"))
    assert dialogs == []


def test_typed_changes_are_offered_back_after_the_tab_closes(
    page, quiet, new_context, staff, article
):
    log_in(page, staff("eddie", "Eddie", "Desk").username, PASSWORD)
    open_form(page, article)
    page.locator("#id_standfirst").fill("A standfirst typed before the crash.")
    page.wait_for_function(
        "() => Object.keys(localStorage).some(k => k.startsWith('sahel-desk:autosave:'))"
    )
    reopened = page.context.new_page()
    page.close()  # no beforeunload: the tab is gone, as after a crash

    reopened.goto(change_url(article))
    offer = reopened.get_by_role("alert")
    expect(offer).to_contain_text("Restore your unsaved changes from")
    offer.get_by_role("button", name="Restore").click()
    expect(reopened.locator("#id_standfirst")).to_have_value(
        "A standfirst typed before the crash."
    )

    reopened.get_by_role("button", name="Save and continue editing").click()
    expect(reopened.locator(".messagelist .success")).to_be_visible()
    # The offer is cleared by the save (a live article's staged-change banner may remain).
    offers = reopened.get_by_role("alert").filter(has_text="Restore your unsaved changes")
    expect(offers).to_have_count(0)


def test_the_body_editor_checks_spelling(page, quiet, staff, article):
    log_in(page, staff("eddie", "Eddie", "Desk").username, PASSWORD)
    open_form(page, article)
    expect(page.locator(".field-body .ProseMirror[contenteditable=true]")).to_have_attribute(
        "spellcheck", "true"
    )


def test_two_editors_see_each_other_on_the_same_article(new_context, staff, article):
    ada_page = new_context().new_page()
    ben_page = new_context().new_page()
    log_in(ada_page, staff("ada", "Ada", "Diallo").username, PASSWORD)
    log_in(ben_page, staff("ben", "Ben", "Ould").username, PASSWORD)
    open_form(ada_page, article)

    open_form(ben_page, article)
    expect(ben_page.locator(".messagelist")).to_contain_text(
        "Ada Diallo has had this article open since"
    )
    expect(ben_page.locator("#presence-banner")).to_contain_text("Ada Diallo")

    ada_page.reload()
    expect(ada_page.locator("#presence-banner")).to_contain_text(
        "Ben Ould has had this article open since"
    )
    for page in (ada_page, ben_page):
        page.close()  # before the live server's flush, with every heartbeat answered
