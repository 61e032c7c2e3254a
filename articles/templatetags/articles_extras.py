from html import escape

from django import template
from django.utils import dateformat
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime

from ..media.templatetags.media import thumbnail
from ..public.article_page import Addresses

register = template.Library()


@register.filter
def get_item(mapping, key):
    """mapping[key], or None: for per-article values computed in the view."""
    return mapping.get(key) if mapping else None


def _time(moment) -> str:
    local = template_localtime(moment)
    return (
        f'<time datetime="{local.isoformat()}">{escape(dateformat.format(local, "j F Y"))}</time>'
    )


@register.simple_tag(takes_context=True)
def article_summary(context, article, snippet=None):
    """An article in a list (the listing, term, author and tag pages): its thumbnail,
    title, dates, byline and snippet or summary.

    Built here rather than in an included template: twenty a page made about a third of
    the listing's time in template nodes (docs/benchmarks.md). Plain text is escaped
    with ``html.escape``, as ``format_html`` does, without its per-argument checks.
    """
    # One reverse() per kind of address for the whole list, not two per article.
    urls = context.render_context.get(Addresses)
    if urls is None:
        urls = context.render_context[Addresses] = Addresses()
    url = escape(urls.of("articles:detail", slug=article.slug))
    picture = (
        f'<a href="{url}" tabindex="-1" aria-hidden="true">{thumbnail(article.lead_image)}</a>'
        if article.lead_image
        else ""
    )
    updated = f"· Updated {_time(article.updated_at)}" if article.updated_at else ""
    authors = ", ".join(
        f'<a href="{escape(address)}">{escape(author.name)}</a>'
        for author in article.ordered_authors
        if (address := urls.of("articles:author", slug=author.slug))
    )
    byline = f" · By {authors}" if authors else ""
    if snippet:  # marked-up already (the matches highlighted), or plain text
        text = f'<p class="snippet">{conditional_escape(snippet)}</p>'
    elif summary := article.summary:  # the body's excerpt when there is no standfirst
        text = f'<p class="standfirst">{escape(summary)}</p>'
    else:
        text = ""
    return mark_safe(
        f'<article class="summary">\n  {picture}\n\n'
        f'  <h2><a href="{url}">{escape(article.title)}</a></h2>\n'
        f'  <p class="meta">\n    {_time(article.published_at)}\n    {updated}\n    {byline}\n'
        f"  </p>\n  {text}\n</article>\n"
    )
