"""Rebuild the raster icons in static/brand/ from static/brand/icon.svg.

Chromium (through Playwright, as the browser tests use it) draws the SVG, so the
PNGs are the same picture as the SVG favicon; Pillow packs the ICO. Run it after
changing icon.svg, then commit the files:

    python manage.py build_brand_icons
"""

import base64
import io
import os
import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from PIL import Image
from playwright.sync_api import sync_playwright

BRAND = Path(settings.BASE_DIR) / "static" / "brand"
# The ground colour of icon.svg: the apple-touch-icon is a full square (iOS rounds it
# itself and would fill transparent corners with black).
GROUND = "#8a3b12"


class Command(BaseCommand):
    help = "Draw static/brand/icon.svg as favicon.ico and apple-touch-icon.png."

    def handle(self, *args, **options):
        svg = (BRAND / "icon.svg").read_text()
        uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
        chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--headless"])
            page = browser.new_page()
            pngs = {size: self.draw(page, uri, size) for size in (16, 32, 48)}
            touch = self.draw(page, uri, 180, ground=GROUND, bleed=True)
            browser.close()
        (BRAND / "apple-touch-icon.png").write_bytes(touch)
        images = [Image.open(io.BytesIO(pngs[size])) for size in (48, 32, 16)]
        images[0].save(
            BRAND / "favicon.ico",
            format="ICO",
            sizes=[(48, 48), (32, 32), (16, 16)],
            append_images=images[1:],
        )
        self.stdout.write(f"Wrote favicon.ico and apple-touch-icon.png in {BRAND}")

    def draw(self, page, uri, size, *, ground="transparent", bleed=False):
        """The SVG at ``size`` pixels; ``bleed`` scales it so the rounded corners fall
        outside the square."""
        scale = 1.14 if bleed else 1
        page.set_viewport_size({"width": size, "height": size})
        page.set_content(
            f'<body style="margin:0;background:{ground};overflow:hidden">'
            f'<img src="{uri}" width="{size * scale:.0f}" height="{size * scale:.0f}" '
            f'style="display:block;margin:{-size * (scale - 1) / 2:.1f}px"></body>'
        )
        page.wait_for_function("document.images[0].complete")
        return page.screenshot(omit_background=not bleed, type="png")
