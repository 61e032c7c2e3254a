"""The article list as an editor sees it at 1280×800: every column on the screen without
scrolling sideways, and a term filter found by typing."""

import pytest
from playwright.sync_api import expect

from tests.conftest import editorial_group

from .helpers import axe_violations, blocking, describe, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-long-test-password"
LAPTOP = {"viewport": {"width": 1280, "height": 800}}


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(
        username="eddie", password=PASSWORD, is_staff=True, first_name="Eddie"
    )
    user.groups.add(editorial_group("Editor"))
    return user


@pytest.fixture
def crowded_list(newsroom, make_author, make_article, editor):
    """Long titles, several authors, updates and corrections: the widest rows there are."""
    authors = [make_author(name=name) for name in ("Aminata Traoré-Maïga", "Jean-Hervé Jezequel",
                                                   "Ornella Moderan")]  # fmt: skip
    for n in range(8):
        make_article(
            title=f"Mali's transitional authorities and the regional security architecture {n}",
            authors=authors,
            updates=[{"kind": "update", "body": "<p>U</p>"}, {"kind": "correction", "body": "c"}],
            modified_by=editor,
        )
    return newsroom


def test_the_article_list_fits_1280_pixels_with_every_column_visible(
    new_context, editor, crowded_list
):
    page = new_context(**LAPTOP).new_page()
    log_in(page, "eddie", PASSWORD)
    page.goto("/admin/articles/article/")
    table = page.locator("#result_list")
    expect(table).to_be_visible()
    widths = page.evaluate(
        """() => ({
            page: document.documentElement.scrollWidth,
            viewport: document.documentElement.clientWidth,
            results: document.querySelector('.results').scrollWidth,
            shown: document.querySelector('.results').clientWidth,
        })"""
    )
    assert widths["page"] <= widths["viewport"], widths
    assert widths["results"] <= widths["shown"], widths
    # Every column's header is inside the screen.
    for header in table.locator("thead th").all():
        box = header.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 1280, header.inner_text()
    assert not blocking(axe_violations(page, context="'#result_list'")), describe(
        axe_violations(page, context="'#result_list'")
    )


def test_the_term_filter_is_found_by_typing_and_applies_at_once(new_context, editor, crowded_list):
    page = new_context(**LAPTOP).new_page()
    log_in(page, "eddie", PASSWORD)
    page.goto("/admin/articles/article/")
    page.locator("#changelist-filter .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("sahel gao")
    choice = page.locator(
        ".select2-results__option", has_text="Places › Africa › Sahel › Mali › Gao"
    )
    expect(choice).to_be_visible()
    expect(page.locator(".select2-results__option")).to_have_count(1)
    choice.click()
    page.wait_for_url("**/admin/articles/article/?term=*")
    # The newsroom's two articles about Gao (one a draft), none of the others.
    titles = page.locator("#result_list tbody .field-title")
    expect(titles).to_have_text(["Secret draft about Gao", "Ambush near Gao"])
    expect(page.locator("#changelist-filter .select2-selection")).to_contain_text("Gao")
