"""Renditions: the files readers get, made from an image once per spec and reused.

Pillow directly (README, "Dependencies and why"): it reads and writes JPEG, PNG, WebP
and AVIF itself, and a focal-point crop is one box computed here.

A spec is "<name>.<format>": ``w960.webp`` is 960 pixels wide at the image's own shape;
``social.jpeg`` and ``thumb.webp`` are cut to a fixed shape around the focal point.
Width renditions do not depend on the focal point; shaped ones are made again after it
moves (their ``focal_key`` changes), the old ones stay until the image is deleted.
"""

import hashlib
import io
import secrets
import time
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from PIL import Image as PILImage
from PIL import ImageOps, features

from .models import Image, Rendition

WIDTHS = (480, 960, 1440)
SHAPES = {"social": (1200, 630), "thumb": (320, 200)}
# Best first: a <picture> offers them in this order, the last is the fallback.
FORMATS = ("avif", "webp", "jpeg") if features.check("avif") else ("webp", "jpeg")
CONTENT_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}
SAVE_OPTIONS = {
    "avif": {"quality": 60, "speed": 8},
    "webp": {"quality": 78, "method": 4},
    "jpeg": {"quality": 80, "optimize": True, "progressive": True},
}


@dataclass(frozen=True)
class Spec:
    name: str  # "w960" or a SHAPES key
    fmt: str

    @classmethod
    def parse(cls, value: str) -> "Spec":
        name, _, fmt = value.partition(".")
        if fmt not in CONTENT_TYPES or not (name in SHAPES or _width_of(name)):
            raise ValueError(f"Unknown rendition spec {value!r}.")
        return cls(name, fmt)

    def __str__(self):
        return f"{self.name}.{self.fmt}"

    @property
    def is_shaped(self):
        return self.name in SHAPES


def _width_of(name: str) -> int | None:
    if name.startswith("w") and name[1:].isdigit() and int(name[1:]) in WIDTHS:
        return int(name[1:])
    return None


def focal_key(image: Image, spec: Spec) -> str:
    return f"{image.focal_x:.3f},{image.focal_y:.3f}" if spec.is_shaped else ""


def widths_for(image: Image) -> list[int]:
    """The widths (of ``WIDTHS``, the specs' names) offered for an image: those not wider
    than it, at least the smallest; a picture narrower than that gets its own width in the
    file (``_fitted``: no upscaling)."""
    return [w for w in WIDTHS if w <= image.width] or [WIDTHS[0]]


def offered_specs(image: Image) -> list[str]:
    """Every rendition the site's pages make of an image, in the order a ``<picture>``
    offers them: its widths in each format (the best first), then the social card and
    the listing's thumbnail in the formats the pages use. A client that names a spec
    (the API's rendition addresses) gets one of these, never anything else."""
    widths = [f"w{w}.{fmt}" for fmt in FORMATS for w in widths_for(image)]
    return [*widths, "social.jpeg", "thumb.webp", "thumb.jpeg"]


def output_size(image: Image, spec: Spec) -> tuple[int, int]:
    """The width and height of the rendition's file, known before it is made."""
    if spec.is_shaped:
        left, top, right, bottom = crop_box(
            image.width, image.height, SHAPES[spec.name], _focal(image)
        )
        return _fitted(right - left, bottom - top, spec)
    return _fitted(image.width, image.height, spec)


def version(image: Image, spec: Spec) -> str:
    """Names what the rendition's file shows: the image's content and, for a shaped spec,
    the focal point it is cut around. It changes exactly when the file would."""
    text = f"{image.content_hash}|{focal_key(image, spec)}"
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _focal(image: Image) -> tuple[float, float]:
    return (image.focal_x, image.focal_y)


def renditions(image: Image, specs: list[str]) -> dict[str, Rendition]:
    """The renditions of ``image`` for ``specs``, made now where missing.

    Reads the image's prefetched renditions when there are (``prefetch_related(
    "renditions")``), else one query.
    """
    parsed = [Spec.parse(s) for s in specs]
    found = {(r.spec, r.focal_key): r for r in image.renditions.all()}
    result, source = {}, None
    for spec in parsed:
        key = (str(spec), focal_key(image, spec))
        if key not in found:
            # The original is decoded once for all the renditions missing (most of the
            # time a rendition takes); its time is shared among them.
            if source is None:
                started = time.process_time()
                source = _decode(image)
                missing = sum((str(s), focal_key(image, s)) not in found for s in parsed)
                share_ms = (time.process_time() - started) * 1000 / missing
            found[key] = _make(image, spec, source, share_ms)
        result[str(spec)] = found[key]
    return result


def crop_box(width: int, height: int, target: tuple[int, int], focal: tuple[float, float]):
    """The largest box of the target's shape, centred on the focal point where the edges
    allow."""
    tw, th = target
    if width * th > height * tw:  # wider than the target: full height
        box_w, box_h = round(height * tw / th), height
    else:
        box_w, box_h = width, round(width * th / tw)
    left = min(max(round(focal[0] * width - box_w / 2), 0), width - box_w)
    top = min(max(round(focal[1] * height - box_h / 2), 0), height - box_h)
    return (left, top, left + box_w, top + box_h)


def _decode(image: Image) -> PILImage.Image:
    with image.file.open("rb") as f:
        picture = PILImage.open(io.BytesIO(f.read()))
        picture.load()
    return ImageOps.exif_transpose(picture)


def _render(picture: PILImage.Image, image: Image, spec: Spec) -> tuple[bytes, int, int]:
    if spec.is_shaped:
        box = crop_box(picture.width, picture.height, SHAPES[spec.name], _focal(image))
        picture = picture.crop(box)
    size = _fitted(picture.width, picture.height, spec)
    if size != picture.size:
        picture = picture.resize(size, PILImage.Resampling.LANCZOS, reducing_gap=3.0)
    if spec.fmt == "jpeg" and picture.mode != "RGB":
        picture = picture.convert("RGB")
    elif picture.mode not in {"RGB", "RGBA"}:
        picture = picture.convert("RGBA" if "A" in picture.getbands() else "RGB")
    out = io.BytesIO()
    picture.save(out, format=spec.fmt.upper(), **SAVE_OPTIONS[spec.fmt])
    return out.getvalue(), picture.width, picture.height


def _fitted(width: int, height: int, spec: Spec) -> tuple[int, int]:
    """The size of a rendition cut from ``width``×``height`` (the image, or the crop of a
    shaped spec): a shape's own size, or the spec's width at the picture's own shape;
    never larger than what it is cut from (no upscaling)."""
    if spec.is_shaped:
        target = SHAPES[spec.name]
        return target if width > target[0] else (width, height)
    fitted = min(_width_of(spec.name), width)
    return fitted, max(1, round(height * fitted / width))


def _make(image: Image, spec: Spec, source: PILImage.Image, share_ms: float) -> Rendition:
    started = time.process_time()
    content, width, height = _render(source, image, spec)
    elapsed_ms = (time.process_time() - started) * 1000 + share_ms
    rendition = Rendition(
        image=image,
        spec=str(spec),
        focal_key=focal_key(image, spec),
        width=width,
        height=height,
        file_size=len(content),
        render_ms=elapsed_ms,
    )
    name = f"renditions/{image.pk}/{spec.name}-{secrets.token_hex(6)}.{spec.fmt}"
    rendition.file.name = rendition.file.storage.save(name, ContentFile(content))
    try:
        with transaction.atomic():
            rendition.save()
    except IntegrityError:  # made at the same moment by another request: use theirs
        rendition.file.storage.delete(rendition.file.name)
        return Rendition.objects.get(image=image, spec=str(spec), focal_key=focal_key(image, spec))
    return rendition
