"""What base.html's head says of every public page: its canonical address, OpenGraph."""

from django import template
from django.conf import settings
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def page_block(context, name):
    """The page's block ``name`` (as its template fills it) rendered once more, as text.

    So og:title is the page's <title> (without the site's name) and og:description its
    meta description, each written once in the page's template. Empty outside a template
    that extends another.
    """
    blocks = context.render_context.get(BLOCK_CONTEXT_KEY)
    block = blocks.get_block(name) if blocks is not None else None
    if block is None:
        return ""
    text = " ".join(block.render(context).split())
    # The template's output, escaped as it rendered it: safe; only whitespace is changed.
    return mark_safe(text.removesuffix(f" · {settings.SITE_NAME}"))


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's own address: ``canonical_url`` from the view, else its path without the
    query string, but for the page number of a list (page 2 is a page of its own)."""
    if context.get("canonical_url"):
        return context["canonical_url"]
    request = context.get("request")
    if request is None:
        return ""
    url = request.build_absolute_uri(request.path)
    page = request.GET.get("page", "")
    if page.isdigit() and int(page) > 1:
        url += f"?page={int(page)}"
    return url
