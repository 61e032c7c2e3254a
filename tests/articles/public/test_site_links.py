"""``{% site_url %}`` and ``{% site_static %}`` (articles/templatetags/site_links.py), which
base.html uses for its fixed links, give what ``{% url %}`` and ``{% static %}`` give, also
after the script prefix or the settings change."""

import pytest
from django.template import engines
from django.test.utils import override_script_prefix

OURS = (
    "{% load site_links %}{% site_url 'articles:list' %} {% site_url 'articles:page' 'about' %} "
    "{% site_static 'css/site.css' %}"
)
DJANGOS = (
    "{% load static %}{% url 'articles:list' %} {% url 'articles:page' 'about' %} "
    "{% static 'css/site.css' %}"
)


def render(source):
    return engines["django"].from_string(source).render({})


def test_links_are_those_of_url_and_static():
    assert render(OURS) == render(DJANGOS) == "/ /about/ /static/css/site.css"


def test_links_follow_the_script_prefix():
    render(OURS)
    with override_script_prefix("/desk/"):
        assert render(OURS) == render(DJANGOS) == "/desk/ /desk/about/ /static/css/site.css"
    assert render(OURS) == "/ /about/ /static/css/site.css"


@pytest.mark.parametrize("static_url", ["/assets/", "https://cdn.example/s/"])
def test_static_links_follow_the_settings(settings, static_url):
    render(OURS)
    settings.STATIC_URL = static_url
    assert render(OURS) == render(DJANGOS)
    assert render(OURS).endswith(f"{static_url}css/site.css")
