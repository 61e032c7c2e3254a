"""The address holds only the parameters in use: a form sent with its empty fields, or a
default value, is answered with a 302 to the same address without them."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_empty_fields_of_the_filter_form_are_redirected_away(client, world):
    response = client.get(
        "/?q=&places=gao&places=&organisations=minusma&date_from=&date_to=&sort=newest"
    )
    assert response.status_code == 302
    assert response["Location"] == "/?places=gao&organisations=minusma"


def test_the_redirect_keeps_every_other_parameter(client, world):
    response = client.get("/?sort=oldest&q=+&places=niger&zzz=1&places=gao&page=2&has_updates=")
    # In the order of their first appearance, a repeated one's values together.
    assert response["Location"] == "/?sort=oldest&places=niger&places=gao&zzz=1&page=2"


def test_only_empty_fields_redirect_to_the_bare_listing(client, world):
    response = client.get("/?q=&date_from=&sort=newest&page=1")
    assert response.status_code == 302
    assert response["Location"] == reverse("articles:list")


def test_a_clean_address_is_answered_directly(client, world):
    response = client.get("/?places=gao&sort=oldest")
    assert response.status_code == 200
    assert [a.slug for a in response.context["articles"]] == ["ambush-near-gao"]


@pytest.mark.parametrize("page", ["1", ""])
def test_term_author_and_tag_pages_drop_a_first_or_empty_page(client, world, page):
    for url in [
        world.mali.get_absolute_url(),
        world.zach.get_absolute_url(),
        reverse("articles:tag", args=["peacekeeping"]),
    ]:
        response = client.get(url, {"page": page})
        assert (response.status_code, response["Location"]) == (302, url)


def test_the_header_search_sends_only_the_search(client, world):
    text = client.get(world.gao_ambush.get_absolute_url()).text
    form = text.split('<form class="site-search"', 1)[1].split("</form>", 1)[0]
    assert 'action="/"' in form
    assert form.count("name=") == 1 and 'name="q"' in form


def test_the_listing_has_no_second_search_box(client, world):
    text = client.get("/").text
    assert 'class="site-search"' not in text
    assert text.count('name="q"') == 1
