"""``{% site_url %}`` and ``{% site_static %}``: the fixed addresses every page links to.

base.html and its includes link the same addresses on every page (the site's sections,
the footer's pages, the stylesheets and icons). ``{% url %}`` and ``{% static %}``
resolve each of them again on every render: several hundred function calls a page.
These give the same strings, escaped the same way, each worked out once:

- ``{% site_url "articles:page" "about" %}`` is ``{% url "articles:page" "about" %}``,
  remembered per URLconf and script prefix (what ``reverse()`` reads besides the name
  and the arguments). For fixed arguments only: an address that depends on the page
  keeps ``{% url %}`` (the site mounts the ``articles`` namespace once, so the current
  app changes nothing);
- ``{% site_static "css/site.css" %}`` is ``{% static "css/site.css" %}``, remembered
  per path (the static files storage gives a path the same address until the settings
  change: the hashed names of production are read once, from the manifest).

Both are forgotten whenever a setting changes (``setting_changed``: the tests that
override ``ROOT_URLCONF``, ``STATIC_URL`` or ``STORAGES``).
"""

from django import template
from django.core.signals import setting_changed
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()

_urls: dict[tuple, str] = {}
_statics: dict[str, str] = {}


@register.simple_tag
def site_url(name, *args):
    key = (get_urlconf(), get_script_prefix(), name, args)
    url = _urls.get(key)
    if url is None:
        url = _urls[key] = reverse(name, args=args)
    return url


@register.simple_tag
def site_static(path):
    url = _statics.get(path)
    if url is None:
        url = _statics[path] = static(path)
    return url


def _forget(**kwargs):
    _urls.clear()
    _statics.clear()


setting_changed.connect(_forget, dispatch_uid="site-links-forget")
