"""Renditions: the files readers get, made from an image once per spec and reused.

Pillow directly (README, "Dependencies and why"): it reads and writes JPEG, PNG, WebP
and AVIF itself, and a focal-point crop is one box computed here.

A spec is "<name>.<format>": ``w960.webp`` is 960 pixels wide at the image's own shape;
``social.jpeg`` and ``thumb.webp`` are cut to a fixed shape around the focal point.
Width renditions do not depend on the focal point; shaped ones are made again after it
moves (their ``focal_key`` changes), the old ones stay until the image is deleted.
"""

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
    """The widths offered for an image: never wider than it (no upscaling), at least one."""
    return [w for w in WIDTHS if w <= image.width] or [min(WIDTHS[0], image.width)]


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
        target = SHAPES[spec.name]
        box = crop_box(picture.width, picture.height, target, (image.focal_x, image.focal_y))
        picture = picture.crop(box)
        if picture.width > target[0]:
            picture = picture.resize(target, PILImage.Resampling.LANCZOS, reducing_gap=3.0)
    else:
        width = min(_width_of(spec.name), picture.width)
        height = max(1, round(picture.height * width / picture.width))
        picture = picture.resize((width, height), PILImage.Resampling.LANCZOS, reducing_gap=3.0)
    if spec.fmt == "jpeg" and picture.mode != "RGB":
        picture = picture.convert("RGB")
    elif picture.mode not in {"RGB", "RGBA"}:
        picture = picture.convert("RGBA" if "A" in picture.getbands() else "RGB")
    out = io.BytesIO()
    picture.save(out, format=spec.fmt.upper(), **SAVE_OPTIONS[spec.fmt])
    return out.getvalue(), picture.width, picture.height


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
