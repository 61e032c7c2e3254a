"""The synthetic articles' lead images: a small pool drawn locally with Pillow (no
download), put into the media library as an editor's upload would be, so that the
benchmarks include pages with pictures. The same pool every run (same bytes: reused)."""

import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from PIL import ImageDraw

from ...media import services as media

POOL_SIZE = 12
SIZE = (1600, 1000)
PLACES = ["Gao", "Kidal", "Timbuktu", "Mopti", "Bamako", "Ménaka", "Niamey", "Ouagadougou"]


def _picture(n: int) -> bytes:
    """A landscape: sky and sand in colours of its own, a sun, a few shapes."""
    rng = random.Random(1000 + n)
    picture = PILImage.new("RGB", SIZE)
    draw = ImageDraw.Draw(picture)
    sky = [rng.randint(80, 200) for _ in range(3)]
    sand = [rng.randint(120, 230), rng.randint(90, 180), rng.randint(40, 120)]
    horizon = rng.randint(400, 650)
    for y in range(SIZE[1]):
        colour = sky if y < horizon else sand
        shade = 1 - 0.3 * abs(y - horizon) / SIZE[1]
        draw.line([(0, y), (SIZE[0], y)], fill=tuple(int(c * shade) for c in colour))
    sun = (rng.randint(100, 1500), rng.randint(80, horizon - 80))
    draw.ellipse([sun[0] - 60, sun[1] - 60, sun[0] + 60, sun[1] + 60], fill=(250, 230, 160))
    for _ in range(rng.randint(3, 8)):
        x, w, h = rng.randint(0, 1500), rng.randint(40, 200), rng.randint(30, 160)
        draw.rectangle([x, horizon - h, x + w, horizon + 10], fill=(70, 50, 40))
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=85)
    return out.getvalue()


def synthetic_images_ensure() -> list[int]:
    """The pool's image ids (made the first time, then found by their content)."""
    ids = []
    for n in range(POOL_SIZE):
        place = PLACES[n % len(PLACES)]
        upload = SimpleUploadedFile(f"synthetic-{n}.jpg", _picture(n), "image/jpeg")
        result = media.image_upload(
            upload=upload,
            title=f"Synthetic landscape {n}",
            alt_text=f"A landscape near {place}: sand, low buildings and the sun (drawn).",
            credit="Sahel Desk synthetic data",
        )
        ids.append(result.item.pk)
    return ids
