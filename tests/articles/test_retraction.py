"""Retracting a published correction: an explicit, versioned act readers see, with a reason."""

import json
import re

import pytest
from django.urls import reverse
from reversion.models import Version

from articles import services
from articles.models import Update
from articles.services import WorkflowError

pytestmark = pytest.mark.django_db


@pytest.fixture
def corrected(make_article):
    return make_article(
        slug="corrected",
        updates=[{"kind": "correction", "body": "<p>The convoy came from Libya.</p>"}],
    )


def json_ld(page):
    return json.loads(re.search(r'ld\+json">(.*?)</script>', page.text, re.S).group(1))


def test_a_retraction_shows_on_the_page_and_in_the_json_ld(client, editor, corrected):
    update = corrected.updates.get()
    services.update_retract(update=update, reason="The source withdrew it.", user=editor)
    page = client.get(corrected.get_absolute_url())
    assert "Retracted on" in page.text and "The source withdrew it." in page.text
    assert "<del" in page.text and "The convoy came from Libya." in page.text
    (comment,) = json_ld(page)["correction"]
    assert comment["@type"] == "CorrectionComment"
    assert comment["text"].startswith("Retracted on ")
    assert "The source withdrew it." in comment["text"]


def test_a_retraction_is_versioned_and_needs_a_reason(editor, corrected):
    update = corrected.updates.get()
    with pytest.raises(WorkflowError):
        services.update_retract(update=update, reason="  ", user=editor)
    services.update_retract(update=update, reason="Wrong source.", user=editor)
    version = Version.objects.get_for_object(corrected).select_related("revision").last()
    assert version.revision.comment.startswith("Retracted ")
    assert Update.objects.get().retracted_at is not None


def test_a_contributor_cannot_retract(contributor, corrected):
    with pytest.raises(WorkflowError):
        services.update_retract(update=corrected.updates.get(), reason="No.", user=contributor)
    assert Update.objects.get().retracted_at is None


def test_an_editor_retracts_from_the_update_list_after_giving_a_reason(
    client, login, editor, corrected
):
    update = corrected.updates.get()
    url = reverse("admin:articles_update_changelist")
    chosen = {"action": "retract_selected", "_selected_action": [update.pk]}
    editor_client = login(editor)
    asked = editor_client.post(url, chosen)
    assert "Retract updates and corrections" in asked.text
    assert Update.objects.get().retracted_at is None
    editor_client.post(url, {**chosen, "apply": "Retract", "reason": "Misattributed."})
    assert Update.objects.get().retraction_reason == "Misattributed."
    assert "Misattributed." in client.get(corrected.get_absolute_url()).text


def test_a_published_update_cannot_be_deleted_on_its_own_page(login, editor, make_article):
    article = make_article(updates=[{"kind": "correction", "body": "<p>Fixed.</p>"}])
    update = article.updates.get()
    client = login(editor)
    url = reverse("admin:articles_update_delete", args=[update.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    changelist = client.get(reverse("admin:articles_update_changelist"))
    assert "delete_selected" not in changelist.text
    assert Update.objects.filter(pk=update.pk).exists()
