"""A WordPress export's attachments into the media library (`import_wxr --uploads DIR`).

The export names each file by its URL; the files themselves are the site's
`wp-content/uploads` folder, copied beside the export. Each attachment is read from
there (never fetched from the network, never from outside that folder) and goes through
the library's own upload path: validated by its content, re-encoded without metadata,
and the same bytes twice give the picture already there, so a re-run adds nothing.

Pictures take their alt text (`_wp_attachment_image_alt`), caption (the excerpt), title
and credit (the IPTC credit WordPress keeps in `_wp_attachment_metadata`); PDFs become
documents, attached to the post they were uploaded to. Nothing already in the library
is changed: alt text or captions an editor wrote there stay.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.files import File
from django.utils.html import strip_tags
from django.utils.text import normalize_newlines

from .. import wxr
from ..media.models import Document, Image
from ..media.services import UploadRefused, document_upload, image_upload

# WordPress's resized copies: gao-300x200.jpg, gao-scaled.jpg, gao-rotated.jpg.
_SIZED = re.compile(r"-(?:\d+x\d+|scaled|rotated)(?=\.[A-Za-z0-9]+$)")
# The IPTC credit inside the PHP-serialised `_wp_attachment_metadata`.
_CREDIT = re.compile(r's:6:"credit";s:\d+:"(.*?)";', re.DOTALL)
IMAGE_EXTENSIONS = {"jpg", "jpeg", "jpe", "png", "webp", "avif", "gif", "bmp", "tif", "tiff"}


def _uploads_path(url: str) -> str:
    """An attachment's URL (or a body <img>'s src) as its path under uploads/."""
    path = unquote(urlsplit(url.strip()).path)
    return path.split("/uploads/", 1)[1] if "/uploads/" in path else path.lstrip("/")


def media_key(url: str) -> str:
    """What a body picture and its attachment have in common, whatever the size shown."""
    return _SIZED.sub("", _uploads_path(url)).lower()


def _plain(value: str) -> str:
    return " ".join(normalize_newlines(strip_tags(value or "")).split())


@dataclass
class Attachments:
    """The run's attachments, by WordPress post id and by file; `add` imports one."""

    uploads: Path
    report: object  # the run's ImportReport
    by_id: dict[str, Image | Document] = field(default_factory=dict)
    by_key: dict[str, Image] = field(default_factory=dict)
    documents_by_parent: dict[str, list[Document]] = field(default_factory=dict)
    stored: list = field(default_factory=list)  # the files this run wrote

    def __post_init__(self):
        self.uploads = Path(self.uploads).resolve()

    def add(self, item) -> None:
        fields, meta, counts = item.fields, item.meta, self.report.counts
        url = (fields.get("attachment_url") or fields.get("guid") or "").strip()
        relative = meta.get("_wp_attached_file") or _uploads_path(url)
        title = (fields.get("title") or "").strip()
        label = f"{title or relative or '(untitled)'} [attachment {fields.get('post_id', '?')}]"
        if not relative:
            return self._refuse(label, "no file named (no attachment URL)")
        path = (self.uploads / relative).resolve()
        if not path.is_relative_to(self.uploads):
            return self._refuse(label, f"“{relative}” lies outside the uploads folder")
        if not path.is_file():
            return self._refuse(label, f"“{relative}” is not in the uploads folder")
        kind = (fields.get("post_mime_type") or "").strip().lower()
        extension = path.suffix.lower().lstrip(".")
        try:
            with path.open("rb") as handle:
                upload = File(handle, name=path.name)
                if kind.startswith("image/") or (not kind and extension in IMAGE_EXTENSIONS):
                    uploaded = image_upload(
                        upload=upload,
                        title=title[:255],
                        alt_text=_plain(meta.get("_wp_attachment_image_alt", ""))[:400],
                        caption=_plain(fields.get("excerpt:encoded", "")),
                        credit=_credit(meta.get("_wp_attachment_metadata", ""))[:200],
                    )
                    noun = "images"
                elif kind == "application/pdf" or (not kind and extension == "pdf"):
                    uploaded = document_upload(upload=upload, title=title[:255])
                    noun = "documents"
                else:
                    return self._refuse(
                        label,
                        f"a {kind or extension or 'typeless'} file: the library takes "
                        "pictures (JPEG, PNG, WebP, AVIF) and PDF documents",
                    )
        except UploadRefused as refusal:
            return self._refuse(label, str(refusal))
        counts[f"{noun} {'imported' if uploaded.is_new else 'already in the library'}"] += 1
        library_item = uploaded.item
        if uploaded.is_new:
            self.stored.append(library_item.file)
        self.by_id[(fields.get("post_id") or "").strip()] = library_item
        if isinstance(library_item, Image):
            self.by_key.setdefault(media_key(url or relative), library_item)
            self.by_key.setdefault(media_key(relative), library_item)
        else:
            parent = (fields.get("post_parent") or "").strip()
            if parent and parent != "0":
                self.documents_by_parent.setdefault(parent, []).append(library_item)

    def delete_stored(self) -> None:
        """Remove the files this run wrote (a dry run's, once its rows are rolled back)."""
        for stored in self.stored:
            stored.storage.delete(stored.name)
        self.stored.clear()

    def _refuse(self, label: str, reason: str) -> None:
        self.report.counts["attachments not imported"] += 1
        self.report.problems.append((label, reason))

    # What a post uses ----------------------------------------------------------------

    def post_media(self, item) -> "PostMedia":
        """The post's body with its library pictures, its featured image, its PDFs."""
        used = []

        def image_for(src):
            image = self.by_key.get(media_key(src)) if src else None
            if image is None:
                return None
            used.append(image.content_hash)
            return image.file.url, image.alt, image.width, image.height

        body, removed, placed = wxr.convert(item.fields.get("encoded", ""), image_for)
        lead = self.by_id.get((item.meta.get("_thumbnail_id") or "").strip())
        lead = lead if isinstance(lead, Image) else None
        documents = self.documents_by_parent.get((item.fields.get("post_id") or "").strip(), [])
        used += [x.content_hash for x in ([lead] if lead else []) + documents]
        return PostMedia(body, removed, placed, True, lead, documents, used)


@dataclass
class PostMedia:
    """What a post shows: its body as ours, and the library files it uses."""

    body: str
    shortcodes_removed: int
    pictures_placed: int
    from_library: bool  # False: no uploads folder, so lead image and documents are not known
    lead_image: Image | None = None
    documents: list[Document] = field(default_factory=list)
    used: list[str] = field(default_factory=list)  # content hashes of those files


def post_media(item, attachments: Attachments | None) -> PostMedia:
    """The post's media from the run's attachments, or its bare body without them."""
    if attachments is not None:
        return attachments.post_media(item)
    body, removed, placed = wxr.convert(item.fields.get("encoded", ""))
    return PostMedia(body, removed, placed, from_library=False)


def _credit(metadata: str) -> str:
    match = _CREDIT.search(metadata or "")
    return _plain(match[1]) if match else ""
