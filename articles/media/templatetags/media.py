"""{% picture %} and {% thumbnail %}: responsive images from the library's renditions.

    {% load media %}
    {% picture image sizes="(min-width: 48rem) 46rem, 100vw" loading="eager" %}
    {% thumbnail image %}
    {% rendition_url image "social.jpeg" as social_url %}

Renditions missing are made on the first page that asks (renditions.py), then reused.
"""

from django import template
from django.utils.html import format_html, format_html_join

from ..renditions import CONTENT_TYPES, FORMATS, SHAPES, renditions, widths_for

register = template.Library()


@register.simple_tag
def picture(image, sizes="100vw", loading="lazy"):
    """A <picture> with one srcset per format (the best first) and a JPEG <img>.

    Written here rather than by a template: the article page's lead image is its only
    user, and a template (its lookup, context and loop) cost more than the rest of the
    image's work. The markup ends in a newline as the template it replaced did (pages stay
    byte for byte what they were); each value is escaped as that template escaped it (a
    string the calling template wrote itself is safe already).
    """
    if image is None:
        return ""
    widths = widths_for(image)
    specs = [f"w{w}.{fmt}" for fmt in FORMATS for w in widths]
    made = renditions(image, specs)
    srcsets = [
        (
            CONTENT_TYPES[fmt],
            ", ".join(f"{made[f'w{w}.{fmt}'].url} {made[f'w{w}.{fmt}'].width}w" for w in widths),
        )
        for fmt in FORMATS
    ]
    *sources, (_, fallback) = srcsets
    largest = made[f"w{widths[-1]}.jpeg"]
    src = made[f"w{widths[min(1, len(widths) - 1)]}.jpeg"].url
    sources = format_html_join(
        "", '<source type="{}" srcset="{}" sizes="{}">', ((t, s, sizes) for t, s in sources)
    )
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" '
        'loading="{}" decoding="async"></picture>\n',
        sources,
        src,
        fallback,
        sizes,
        largest.width,
        largest.height,
        image.alt,
        loading,
    )


def _srcset(files) -> str:
    return ", ".join(f"{r.url} {r.width}w" for r in files)


@register.simple_tag
def thumbnail(image):
    """The listing's small picture, cut around the focal point (shown at half its size)."""
    if image is None:
        return ""
    made = renditions(image, ["thumb.webp", "thumb.jpeg"])
    width, height = SHAPES["thumb"]
    return format_html(
        '<picture class="thumbnail"><source type="image/webp" srcset="{} 2x">'
        '<img src="{}" width="{}" height="{}" alt="{}" loading="lazy" decoding="async">'
        "</picture>\n",
        made["thumb.webp"].url,
        made["thumb.jpeg"].url,
        width // 2,
        height // 2,
        image.alt,
    )


@register.simple_tag
def rendition_url(image, spec):
    if image is None:
        return ""
    return renditions(image, [spec])[spec].url
