"""``media|with_nonce:request.csp_nonce``: a form's media with the request's CSP nonce.

The prose editor's media (django-js-asset) includes an inline
``<script type="importmap">``; the Content-Security-Policy allows inline scripts only
with the nonce of the request (config/settings/base.py).
"""

from django import template

register = template.Library()


@register.filter
def with_nonce(media, nonce):
    """Media that knows nonces (js_asset.Media) renders each tag with ``nonce``; plain
    forms.Media has no inline script, and is returned as it is."""
    if hasattr(media, "with_nonce"):
        return media.with_nonce(str(nonce))
    return media
