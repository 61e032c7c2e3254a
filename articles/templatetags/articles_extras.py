from django import template
from django.template.defaultfilters import date
from django.utils.html import format_html, format_html_join
from django.utils.timezone import template_localtime

from ..media.templatetags.media import thumbnail

register = template.Library()


@register.filter
def get_item(mapping, key):
    """mapping[key], or None: for per-article values computed in the view."""
    return mapping.get(key) if mapping else None


def _time(moment) -> str:
    local = template_localtime(moment)
    return format_html('<time datetime="{}">{}</time>', date(local, "c"), date(local, "j F Y"))


@register.simple_tag
def article_summary(article, snippet=None):
    """An article in a list (the listing, term, author and tag pages): its thumbnail,
    title, dates, byline and snippet or summary.

    Built here rather than in an included template: twenty a page made about a third of
    the listing's time in template nodes (docs/benchmarks.md).
    """
    url = article.get_absolute_url()
    picture = (
        format_html(
            '<a href="{}" tabindex="-1" aria-hidden="true">{}</a>',
            url,
            thumbnail(article.lead_image),
        )
        if article.lead_image
        else ""
    )
    updated = format_html("· Updated {}", _time(article.updated_at)) if article.updated_at else ""
    authors = article.ordered_authors
    byline = (
        format_html(
            " · By {}",
            format_html_join(
                ", ",
                '<a href="{}">{}</a>',
                ((author.get_absolute_url(), author.name) for author in authors),
            ),
        )
        if authors
        else ""
    )
    if snippet:
        text = format_html('<p class="snippet">{}</p>', snippet)
    elif summary := article.summary:  # the body's excerpt when there is no standfirst
        text = format_html('<p class="standfirst">{}</p>', summary)
    else:
        text = ""
    return format_html(
        '<article class="summary">\n  {}\n\n'
        '  <h2><a href="{}">{}</a></h2>\n'
        '  <p class="meta">\n    {}\n    {}\n    {}\n  </p>\n  {}\n</article>\n',
        picture,
        url,
        article.title,
        _time(article.published_at),
        updated,
        byline,
        text,
    )
