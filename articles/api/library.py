"""The media library in the API's answers: an article's lead image and its documents.

``LeadImage`` (schemas.py), with no query: read from the image row the listing already
joins (``for_listing``'s ``select_related("lead_image")``); the renditions' sizes are
computed, not read, and their addresses are the public site's rendition view
(articles/public/views/images.py), which makes a file on its first request and redirects
to it. So an answer never waits for a picture to be rendered, and its URLs work for a
client that never saw a page.
"""

from ..media.renditions import CONTENT_TYPES, FORMATS, Spec, offered_specs, output_size
from ..models import Article
from ..public.views.images import rendition_path

#: What a shaped rendition is for, by its spec's name (renditions.SHAPES); the others
#: are widths, for a srcset.
PURPOSES = {"social": "social", "thumb": "thumbnail"}


def lead_image(item: Article, urls) -> dict | None:
    """``urls``: the answer's ``serialise.Addresses``."""
    image = item.lead_image
    if image is None:
        return None
    files = []
    for name in offered_specs(image):
        spec = Spec.parse(name)
        width, height = output_size(image, spec)
        files.append(
            {
                "spec": name,
                "purpose": PURPOSES.get(spec.name, "width"),
                "format": spec.fmt,
                "content_type": CONTENT_TYPES[spec.fmt],
                "width": width,
                "height": height,
                "url": urls.root + rendition_path(image, spec),
            }
        )
    sources = [
        {
            "format": fmt,
            "content_type": CONTENT_TYPES[fmt],
            "srcset": ", ".join(
                f"{r['url']} {r['width']}w"
                for r in files
                if r["purpose"] == "width" and r["format"] == fmt
            ),
        }
        for fmt in FORMATS
    ]
    return {
        "alt": image.alt,
        "is_decorative": image.is_decorative,
        "caption": item.lead_caption,
        "credit": item.lead_credit,
        "width": image.width,
        "height": image.height,
        "focal_point": {"x": image.focal_x, "y": image.focal_y},
        "original_url": urls.absolute(image.file.url),
        "renditions": files,
        "sources": sources,
    }


def documents(item: Article, urls) -> list[dict]:
    """The article's attached documents, in the page's order (read with the row)."""
    return [
        {
            "title": link.document.title,
            "type": link.document.type_label,
            "content_type": link.document.content_type,
            "size": link.document.file_size,
            "url": urls.absolute(link.document.file.url),
        }
        for link in item.article_documents.all()
    ]
