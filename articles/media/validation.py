"""Uploads are hostile until proven otherwise.

An image is accepted only when Pillow reads it as one of the allowed formats (by its
content, never its name), within the size and pixel limits (a decompression bomb is
refused from its header, before any pixel is decoded). What is stored is a re-encoded
copy: orientation applied, every metadata block (EXIF with GPS and camera, XMP, comments)
left behind. A document must be a PDF by its magic bytes and its trailer.

Each refusal raises ``UploadRefused`` with a message for the editor; nothing is stored.
"""

import hashlib
import io
import re
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError, features

# Pillow's format name -> (stored extension, content type).
IMAGE_FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}
if features.check("avif"):
    IMAGE_FORMATS["AVIF"] = ("avif", "image/avif")

# An SVG file: an XML declaration, comments or a doctype, then <svg (or the doctype's name).
_SVG = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!DOCTYPE svg|<svg)", re.I | re.S
)
_BOMB = (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning)


class UploadRefused(ValueError):
    """An upload the library does not take; str() is the reason, for the editor."""


@dataclass(frozen=True)
class CleanImage:
    content: bytes  # the re-encoded file, without metadata
    extension: str
    width: int
    height: int
    content_hash: str  # of the bytes uploaded: the same upload twice is the same image


@dataclass(frozen=True)
class CleanDocument:
    content: bytes
    extension: str
    content_type: str
    content_hash: str


def read_upload(upload) -> bytes:
    """The upload's bytes, refused before reading past the size limit."""
    limit = settings.MEDIA_MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise UploadRefused(
            f"The file is {filesizeformat(upload.size)}; the library takes files up to "
            f"{filesizeformat(limit)}."
        )
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise UploadRefused(f"The file is larger than {filesizeformat(limit)}.")
    if not data:
        raise UploadRefused("The file is empty.")
    return data


def clean_image(data: bytes) -> CleanImage:
    """``data`` checked and re-encoded; raises UploadRefused."""
    if _SVG.match(data[:4096]):
        raise UploadRefused(
            "SVG images are refused: they can carry scripts. Export the picture as PNG or JPEG."
        )
    allowed = ", ".join(sorted(IMAGE_FORMATS))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            picture = PILImage.open(io.BytesIO(data))
            fmt, (width, height) = picture.format, picture.size
    except _BOMB:
        raise UploadRefused(_too_many_pixels_message()) from None
    except UnidentifiedImageError:
        raise UploadRefused(f"This is not an image the library takes ({allowed}).") from None
    if fmt not in IMAGE_FORMATS:
        raise UploadRefused(f"{fmt} images are not taken; the library takes {allowed}.")
    if width * height > settings.MEDIA_MAX_PIXELS:
        raise UploadRefused(_too_many_pixels_message(width, height))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            picture.load()
            picture = ImageOps.exif_transpose(picture)
    except _BOMB:
        raise UploadRefused(_too_many_pixels_message()) from None
    except (OSError, SyntaxError, ValueError):
        raise UploadRefused("The picture is damaged: it could not be read to its end.") from None
    extension, _ = IMAGE_FORMATS[fmt]
    return CleanImage(
        content=_without_metadata(picture, fmt),
        extension=extension,
        width=picture.width,
        height=picture.height,
        content_hash=hashlib.sha256(data).hexdigest(),
    )


def _too_many_pixels_message(width=None, height=None) -> str:
    limit = f"the library takes at most {settings.MEDIA_MAX_PIXELS / 1e6:g} megapixels"
    size = f"{width}×{height} pixels" if width else "too many pixels"
    return f"The picture has {size}; {limit}. Scale it down first."


def _without_metadata(picture, fmt: str) -> bytes:
    """Re-encoded in its own format, keeping only the colour profile."""
    out = io.BytesIO()
    options = {}
    if icc := picture.info.get("icc_profile"):
        options["icc_profile"] = icc
    if fmt == "JPEG":
        if picture.mode not in {"RGB", "L", "CMYK"}:
            picture = picture.convert("RGB")
        options.update(quality=90, optimize=True, progressive=True)
    elif fmt in {"WEBP", "AVIF"}:
        options.update(quality=90)
    # exif=b"" and no "xmp"/"comment" keys: Pillow writes none of them.
    picture.save(out, format=fmt, exif=b"", **options)
    return out.getvalue()


def clean_document(data: bytes) -> CleanDocument:
    """A PDF: its header, and a trailer (startxref, %%EOF) near its end."""
    if not data.startswith(b"%PDF-"):
        raise UploadRefused("Only PDF documents are taken: this file is not a PDF.")
    tail = data[-2048:]
    if b"%%EOF" not in tail or b"startxref" not in tail:
        raise UploadRefused("This PDF is incomplete or damaged: it has no end of file.")
    return CleanDocument(
        content=data,
        extension="pdf",
        content_type="application/pdf",
        content_hash=hashlib.sha256(data).hexdigest(),
    )
