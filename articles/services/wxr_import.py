"""Importing a WordPress export (articles/wxr.py reads it) through the editors' save path.

Each post is written by `article_save` (user None: the system), so it gets a version,
its search vectors and its listing-index entry like any save in the admin. Status mapping:

    publish  -> published
    future   -> published, with its future date: scheduled (the publication gate hides it)
    draft    -> draft
    pending  -> in review
    private  -> draft (private posts are not for readers; the internal note says so)

Anything else (trash, auto-draft, inherit) is skipped with its reason. A re-run matches
posts by GUID (ImportedPost): an unchanged post is not written; a changed one is updated,
unless an editor saved the article since its import (then it is reported and skipped).

With an uploads folder, a first pass over the export takes its attachments into the media
library (wxr_media.py); the posts then get their featured image as lead image, their
PDFs as attached documents and their pictures in the body as the editor's figures.
Without one, attachments are counted as skipped.
"""

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from .. import wxr
from ..models import Article, ArticleAuthor, ArticleDocument, ImportedPost
from .editing import article_save
from .rules import StaleEdit, WorkflowError
from .wxr_channel import Channel
from .wxr_media import Attachments, PostMedia, post_media

STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.PUBLISHED,
    "draft": Article.Status.DRAFT,
    "pending": Article.Status.IN_REVIEW,
    "private": Article.Status.DRAFT,
}
PRIVATE_NOTE = "Private in WordPress: not for readers."
NO_DATE = "0000-00-00 00:00:00"


@dataclass
class ImportReport:
    counts: Counter = field(default_factory=Counter)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (post, reason)
    notices: list[tuple[str, str]] = field(default_factory=list)  # imported, but (post, what)

    def skip(self, post: str, reason: str) -> None:
        self.counts["skipped"] += 1
        self.problems.append((post, reason))


def _date(item: wxr.WxrItem) -> datetime | None:
    gmt = item.fields.get("post_date_gmt", "").strip()
    if gmt and gmt != NO_DATE:
        return datetime.fromisoformat(gmt).replace(tzinfo=UTC)
    local = item.fields.get("post_date", "").strip()
    if local and local != NO_DATE:
        return timezone.make_aware(datetime.fromisoformat(local))
    return None


def _digest(item: wxr.WxrItem, media: list[str]) -> str:
    """The post as exported, and the library files it uses (when it uses any, so that a
    post imported before its files were at hand is updated once they are)."""
    data = [item.fields, item.categories, item.tags] + ([media] if media else [])
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


class WxrImporter:
    """One run over one export; `run` returns the report."""

    def __init__(self, *, vocabulary_slug: str, vocabulary_name: str, uploads=None):
        self.report = ImportReport()
        self.attachments = Attachments(uploads, self.report) if uploads else None
        self.channel = Channel(
            self.report, vocabulary_slug=vocabulary_slug, vocabulary_name=vocabulary_name
        )

    def run(self, entries, *, progress=None) -> ImportReport:
        for entry in entries:
            if isinstance(entry, wxr.WxrItem):
                self.item(entry)
                if progress is not None:
                    progress.update(1)
            else:
                self.channel.add(entry)
        return self.report

    def run_attachments(self, entries, *, progress=None) -> None:
        """The first pass, with an uploads folder: every attachment into the library."""
        for entry in entries:
            if isinstance(entry, wxr.WxrItem) and entry.fields.get("post_type") == "attachment":
                self.attachments.add(entry)
                if progress is not None:
                    progress.update(1)

    # Posts ---------------------------------------------------------------------------

    def item(self, item: wxr.WxrItem) -> None:
        fields, counts = item.fields, self.report.counts
        counts["comments ignored"] += item.comments
        kind = fields.get("post_type", "")
        title = (fields.get("title") or "").strip()
        label = f"{title or '(untitled)'} [{fields.get('guid', '').strip() or 'no GUID'}]"
        if kind == "attachment":
            if self.attachments is None:
                counts["attachments skipped (no uploads folder)"] += 1
            return
        if kind != "post":
            counts[f"{kind or 'unknown'} items skipped"] += 1
            return
        status = fields.get("status", "")
        guid = fields.get("guid", "").strip() or fields.get("post_id", "").strip()
        if status not in STATUSES:
            self.report.skip(label, f"WordPress status “{status}” is not imported")
            return
        if not guid:
            self.report.skip(label, "no GUID and no post id: a re-run could not match it")
            return
        if not title:
            self.report.skip(label, "no title")
            return
        media = post_media(item, self.attachments)
        digest = _digest(item, media.used)
        record = ImportedPost.objects.filter(guid=guid).select_related("article").first()
        if record is not None and record.content_hash == digest:
            counts["unchanged"] += 1
            return
        if record is not None and record.article.lock_version != record.article_version:
            self.report.skip(
                label, f"edited since its import (“{record.article.slug}”): left as it is"
            )
            return
        try:
            with transaction.atomic():
                self._write(
                    item, record, guid=guid, title=title, status=status, digest=digest, media=media
                )
        except (WorkflowError, StaleEdit) as error:
            self.report.skip(label, str(error))
            return
        counts["updated" if record else "created"] += 1

    def _write(self, item, record, *, guid, title, status, digest, media: PostMedia) -> None:
        fields = item.fields
        article = record.article if record else Article()
        self.report.counts["shortcodes removed"] += media.shortcodes_removed
        self.report.counts["pictures placed in bodies"] += media.pictures_placed
        article.title = title[:300]
        if record is None:
            article.slug = self._free_slug(fields.get("post_name", ""), title, fields)
        article.standfirst = wxr.sanitize_html(fields.get("excerpt:encoded", "").strip())
        article.body = media.body
        article.status = STATUSES[status]
        article.published_at = _date(item) if article.status == "published" else None
        if status == "private":
            article.internal_note = PRIVATE_NOTE
        if article.status == "published" and article.published_at is None:
            raise WorkflowError("a published post without a date")
        login = (fields.get("creator") or "").strip()
        if not login:
            self.report.notices.append((title, "no author in the export: imported without one"))
        authors = [self.channel.author(login)] if login else []
        terms = [self.channel.term(slug, name) for slug, name in item.categories]
        lead = media.lead_image
        if media.from_library:
            if lead is not None and article.status == "published" and not lead.has_alt_text:
                self.report.notices.append(
                    (title, f"featured image “{lead}” has no alt text: not set as lead image")
                )
                lead = None
            article.lead_image = lead

        def save_related(saved: Article) -> str:
            saved.article_authors.all().delete()
            for position, author in enumerate(authors):
                ArticleAuthor.objects.create(article=saved, author=author, position=position)
            saved.terms.set(terms)
            saved.tags.set(item.tags)
            if media.from_library:
                saved.article_documents.all().delete()
                ArticleDocument.objects.bulk_create(
                    ArticleDocument(article=saved, document=document, position=position)
                    for position, document in enumerate(media.documents)
                )
            return "Imported from WordPress"

        article_save(article=article, user=None, save_related=save_related)
        ImportedPost.objects.update_or_create(
            guid=guid,
            defaults={
                "article": article,
                "content_hash": digest,
                "article_version": article.lock_version,
                "imported_at": timezone.now(),
            },
        )

    def _free_slug(self, post_name: str, title: str, fields: dict) -> str:
        base = (slugify(post_name) or slugify(title) or f"post-{fields.get('post_id', '')}")[
            :290
        ].strip("-") or "post"
        slug, number = base, 1
        while Article.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug


class _DryRun(Exception):
    """Raised to roll a dry run back once its report is made (carried in args[0])."""


def wxr_import(
    *,
    path,
    vocabulary_slug: str = "wordpress-categories",
    vocabulary_name: str = "WordPress categories",
    uploads=None,
    dry_run: bool = False,
    progress=None,
    attachments_progress=None,
) -> ImportReport:
    """Import the export at `path` (its files from the folder `uploads`, if given); see
    the module docstring for what it writes.

    A real run commits post by post (an interrupted run keeps what it imported). A dry
    run is one transaction, rolled back, and the files it stored are deleted again.
    """
    importer = WxrImporter(
        vocabulary_slug=vocabulary_slug, vocabulary_name=vocabulary_name, uploads=uploads
    )

    def run():
        if uploads is not None:
            importer.run_attachments(wxr.read(path), progress=attachments_progress)
        return importer.run(wxr.read(path), progress=progress)

    if not dry_run:
        return run()
    try:
        with transaction.atomic():
            raise _DryRun(run())
    except _DryRun as rolled_back:
        return rolled_back.args[0]
    finally:
        if importer.attachments is not None:
            importer.attachments.delete_stored()
