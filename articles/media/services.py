"""Putting files into the library: validated first, then stored under a generated name.

A refused upload stores nothing. An accepted one writes its file, then its row, in one
transaction; should the row fail, the file is deleted again, so no file is left without
a row. The same bytes uploaded twice give the image (document) already in the library.
"""

import secrets
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from .models import Document, Image
from .validation import UploadRefused, clean_document, clean_image, read_upload

__all__ = ["UploadRefused", "Uploaded", "document_upload", "image_upload"]


@dataclass(frozen=True)
class Uploaded:
    item: Image | Document
    is_new: bool  # False: the same file was in the library already, and is reused


def _stored_name(folder: str, content_hash: str, extension: str) -> str:
    """Never the uploaded name: a hash prefix (for spreading) and a random part."""
    return f"{folder}/{content_hash[:2]}/{secrets.token_hex(10)}.{extension}"


def _store(instance, content: bytes, name: str):
    stored = instance.file.storage.save(name, ContentFile(content))
    instance.file.name = stored
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError:
        instance.file.storage.delete(stored)
        raise
    return instance


def image_upload(*, upload, user=None, **fields) -> Uploaded:
    """An image from an uploaded file (``fields``: alt_text, caption, credit, ...).

    Raises UploadRefused with the reason.
    """
    clean = clean_image(read_upload(upload))
    existing = Image.objects.filter(content_hash=clean.content_hash).first()
    if existing is not None:
        return Uploaded(existing, is_new=False)
    image = Image(
        width=clean.width,
        height=clean.height,
        file_size=len(clean.content),
        content_hash=clean.content_hash,
        uploaded_by=user,
        **fields,
    )
    if not image.title:
        image.title = _title_from(upload.name)
    name = _stored_name("images", clean.content_hash, clean.extension)
    try:
        return Uploaded(_store(image, clean.content, name), is_new=True)
    except IntegrityError:  # the same file, uploaded at the same moment by someone else
        return Uploaded(Image.objects.get(content_hash=clean.content_hash), is_new=False)


def document_upload(*, upload, title="", user=None) -> Uploaded:
    """A document from an uploaded file; raises UploadRefused with the reason."""
    clean = clean_document(read_upload(upload))
    existing = Document.objects.filter(content_hash=clean.content_hash).first()
    if existing is not None:
        return Uploaded(existing, is_new=False)
    document = Document(
        title=title or _title_from(upload.name),
        file_size=len(clean.content),
        content_type=clean.content_type,
        content_hash=clean.content_hash,
        uploaded_by=user,
    )
    name = _stored_name("documents", clean.content_hash, clean.extension)
    try:
        return Uploaded(_store(document, clean.content, name), is_new=True)
    except IntegrityError:
        return Uploaded(Document.objects.get(content_hash=clean.content_hash), is_new=False)


def _title_from(filename: str | None) -> str:
    """The uploaded name as a title only, never a path: "gao-market.jpg" -> "gao market"."""
    stem = (filename or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1].rsplit(".", 1)[0]
    return " ".join(stem.replace("_", " ").replace("-", " ").split())[:255]
