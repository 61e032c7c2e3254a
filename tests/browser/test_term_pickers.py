"""The parent picker of a term, in Chromium: it offers the vocabulary chosen on the form,
with paths, never the term itself or its narrower terms."""

import pytest
from playwright.sync_api import expect

from taxonomy.models import Term
from tests.conftest import editorial_group

from .helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-long-test-password"


@pytest.fixture
def tina(django_user_model):
    user = django_user_model.objects.create_user(username="tina", password=PASSWORD, is_staff=True)
    user.groups.add(editorial_group("Taxonomy manager"))
    return user


def test_the_parent_picker_offers_only_possible_broader_terms(page, tina, newsroom):
    log_in(page, "tina", PASSWORD)
    mali = Term.objects.get(name="Mali")
    page.goto(f"/admin/taxonomy/term/{mali.pk}/change/")
    page.locator(".field-parent .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("a")
    options = page.locator(".select2-results__option")
    expect(options.first).to_contain_text("Places ›")
    texts = options.all_inner_texts()
    assert "Places › Africa" in texts and "Places › Africa › Sahel" in texts
    assert not any("Mali" in text for text in texts), texts  # itself and Gao below it
    assert not any(text.startswith(("Organisations", "People")) for text in texts), texts
