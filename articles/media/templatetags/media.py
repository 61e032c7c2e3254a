"""{% picture %} and {% thumbnail %}: responsive images from the library's renditions.

    {% load media %}
    {% picture image sizes="(min-width: 48rem) 46rem, 100vw" loading="eager" %}
    {% thumbnail image %}
    {% rendition_url image "social.jpeg" as social_url %}

Renditions missing are made on the first page that asks (renditions.py), then reused.
"""

from django import template
from django.template.loader import render_to_string

from ..renditions import CONTENT_TYPES, FORMATS, SHAPES, renditions, widths_for

register = template.Library()


@register.simple_tag
def picture(image, sizes="100vw", loading="lazy"):
    """A <picture> with one srcset per format (the best first) and a JPEG <img>."""
    if image is None:
        return ""
    widths = widths_for(image)
    specs = [f"w{w}.{fmt}" for fmt in FORMATS for w in widths]
    made = renditions(image, specs)
    sources = [
        {
            "type": CONTENT_TYPES[fmt],
            "srcset": ", ".join(
                f"{made[f'w{w}.{fmt}'].url} {made[f'w{w}.{fmt}'].width}w" for w in widths
            ),
        }
        for fmt in FORMATS
    ]
    fallback = sources.pop()
    largest = made[f"w{widths[-1]}.jpeg"]
    return render_to_string(
        "includes/media/picture.html",
        {
            "image": image,
            "sources": sources,
            "srcset": fallback["srcset"],
            "src": made[f"w{widths[min(1, len(widths) - 1)]}.jpeg"].url,
            "width": largest.width,
            "height": largest.height,
            "sizes": sizes,
            "loading": loading,
        },
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
    return render_to_string(
        "includes/media/thumbnail.html",
        {
            "image": image,
            "webp": made["thumb.webp"],
            "jpeg": made["thumb.jpeg"],
            "width": width // 2,
            "height": height // 2,
        },
    )


@register.simple_tag
def rendition_url(image, spec):
    if image is None:
        return ""
    return renditions(image, [spec])[spec].url
