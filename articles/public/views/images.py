"""A lead image's renditions at stable addresses, for clients that never saw a page.

The pages make the renditions they show while they render (``{% picture %}``: the
media library makes each file once, on the first page that asks). The API cannot do
that for the 20 articles of a page (a photo's dozen files take seconds of CPU), so it
names each rendition by an address of this view instead: ``/images/<key>/<spec>``,
where the key is the image's id and the rendition's ``version`` (its content and, for a
crop, the focal point). The first request makes that one file; every request is then a
redirect to it, on the media storage (the local folder, the object store or its CDN).

Only the lead images of published articles (``Article.objects.published()``): a draft's
picture has no address here, and only the renditions the pages themselves make
(``offered_specs``) are ever made, so a client cannot make the server render anything
the site would not.
"""

from functools import cache

from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_safe

from ...media.models import Image
from ...media.renditions import Spec, offered_specs, renditions, version
from ...models import Article

# An id as PostgreSQL's integer holds it: a longer number never reaches the query.
MAX_ID = 2**31 - 1
# A redirect to the file its address names: the same for as long as the image exists.
CACHE_MATCHING = "public, max-age=86400"


def rendition_key(image: Image, spec: Spec) -> str:
    return f"{image.pk}-{version(image, spec)}"


@cache
def _address_template() -> str:
    return reverse("articles:rendition", kwargs={"key": "KEY", "spec": "SPEC"})


def rendition_path(image: Image, spec: Spec) -> str:
    """The address of this view for one rendition (a path: make it absolute)."""
    key = rendition_key(image, spec)
    return _address_template().replace("KEY", key, 1).replace("SPEC", str(spec), 1)


def _shown_image(key: str) -> Image:
    """The image the key names, if it leads a published article; else a 404."""
    pk, _, _ = key.partition("-")
    if not pk.isascii() or not pk.isdigit() or not 0 < int(pk) <= MAX_ID:
        raise Http404("No such image.")
    leads = Article.objects.published().filter(lead_image=OuterRef("pk"))
    image = Image.objects.filter(Exists(leads), pk=int(pk)).first()
    if image is None:
        raise Http404("No such image.")
    return image


@require_safe
def rendition(request, key, spec):
    """A redirect to the rendition's file, made now if it does not exist yet.

    A key of an older version (the focal point has moved since the address was given)
    still leads to the rendition as it is now, without the promise to last.
    """
    image = _shown_image(key)
    if spec not in offered_specs(image):
        raise Http404("No such rendition.")
    made = renditions(image, [spec])[spec]
    response = HttpResponseRedirect(request.build_absolute_uri(made.url))
    is_current = key == rendition_key(image, Spec.parse(spec))
    response["Cache-Control"] = CACHE_MATCHING if is_current else "no-cache"
    return response
