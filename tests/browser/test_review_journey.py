"""A contributor comments on a passage and asks an editor for review; the editor finds it
on the dashboard, replies, resolves the thread and returns the article with a reason.
Each step's email is read from Django's test outbox."""

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from tests.conftest import editorial_group

from .helpers import axe_violations, blocking, describe, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-long-test-password"


@pytest.fixture
def cora(django_user_model):
    user = django_user_model.objects.create_user(
        username="cora", password=PASSWORD, is_staff=True, email="cora@example.org"
    )
    user.groups.add(editorial_group("Contributor"))
    return user


@pytest.fixture
def eddie(django_user_model):
    user = django_user_model.objects.create_user(
        username="eddie", password=PASSWORD, is_staff=True, email="eddie@example.org"
    )
    user.groups.add(editorial_group("Editor"))
    return user


def test_comment_on_a_passage_review_request_reply_resolve_and_return(
    page, new_context, make_article, cora, eddie
):
    draft = make_article(
        title="Convoy in Kidal",
        status="draft",
        created_by=cora,
        body="<p>The convoy left Kidal at dawn under escort.</p>",
    )
    change_url = reverse("admin:articles_article_change", args=[draft.pk])
    log_in(page, "cora", PASSWORD)
    page.goto(change_url)

    # A comment on a passage: select words in the body's editor, quote them.
    passage = page.locator(".field-body .ProseMirror p", has_text="The convoy left Kidal")
    expect(passage).to_have_text("The convoy left Kidal at dawn under escort.")
    passage.evaluate(
        """p => { const range = document.createRange(); range.selectNodeContents(p);
                 const s = window.getSelection(); s.removeAllRanges(); s.addRange(range); }"""
    )
    page.get_by_role("button", name="Quote the selection").click()
    quoted = "The convoy left Kidal at dawn under escort."
    expect(page.locator("#id_comment_quote")).to_have_value(quoted)
    page.locator("#id_comment_body").fill("Is the time right?")
    page.locator("#id_title").fill("Convoy in Kidal at dawn")  # an edit not saved yet
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator("#comments .comment-status")).to_have_text("Comment posted.")
    thread = page.locator("#comments article.comment").first
    expect(thread.locator(".comment-quote")).to_have_text(quoted)
    expect(thread).to_contain_text("Is the time right?")
    expect(page.locator("#id_title")).to_have_value("Convoy in Kidal at dawn")  # kept
    # The quoted passage is highlighted in the editor (CSS Custom Highlight API).
    marked = "() => [...(CSS.highlights.get('comment-quote') || [])].map(r => r.toString())"
    assert page.evaluate(marked) == [quoted]
    found = blocking(axe_violations(page, context="'#comments'"))
    assert not found, describe(found)

    # Submit for review to Eddie, from the form.
    page.locator("#id_status").select_option("review")
    page.locator("#id_assignee").select_option(label="eddie")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success").first).to_be_visible()
    assert [m.to for m in mail.outbox] == [["eddie@example.org"]]
    assert "http://127.0.0.1:8000" + change_url in mail.outbox[0].body

    # Eddie finds it on his dashboard, replies and resolves the thread.
    desk = new_context().new_page()
    log_in(desk, "eddie", PASSWORD)
    found = blocking(axe_violations(desk, context="'.dashboard'"))
    assert not found, describe(found)
    waiting = desk.get_by_role("region", name="Waiting for my review")
    waiting.get_by_role("link", name="Convoy in Kidal at dawn").click()
    expect(desk.locator("#comments .comment-quote")).to_have_text(quoted)
    desk.wait_for_function(f"({marked})().length === 1")  # highlighted on opening too
    desk.get_by_label("Reply").fill("Yes: 05:40, two sources.")
    desk.get_by_role("button", name="Reply").click()
    expect(desk.locator("#comments")).to_contain_text("Yes: 05:40, two sources.")
    desk.get_by_role("button", name="Resolve").click()
    expect(desk.locator("#comments article.comment.is-resolved")).to_have_count(1)
    assert desk.evaluate(marked) == []  # a resolved thread's passage is no longer marked

    # And returns it to Cora, saying why.
    desk.get_by_role("link", name="Return to the author…").click()
    desk.get_by_label("Reason").fill("Add the second source's name.")
    desk.get_by_role("button", name="Return to the author").click()
    returned_message = "Returned “Convoy in Kidal at dawn” to its author"
    expect(desk.locator(".messagelist")).to_contain_text(returned_message)
    returned = [m for m in mail.outbox if m.to == ["cora@example.org"]]
    assert len(returned) == 1 and "Add the second source's name." in returned[0].body
