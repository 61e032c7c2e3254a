from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from lxml import etree
from tqdm import tqdm

from articles import services

MAIN = ("created", "updated", "unchanged", "skipped")


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR 1.2): posts as articles, authors, categories as a "
        "vocabulary, tags; with --uploads, attachments into the media library. Re-running "
        "it writes only what changed in the export and never overwrites an article an "
        "editor saved since (README, “WordPress import”)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The export WordPress wrote (Tools › Export).")
        parser.add_argument(
            "--vocabulary",
            default="wordpress-categories",
            help="Slug of the vocabulary the categories go into (made if missing).",
        )
        parser.add_argument(
            "--vocabulary-name",
            default="WordPress categories",
            help="Its name, if it has to be made.",
        )
        parser.add_argument(
            "--uploads",
            metavar="DIR",
            help="The site's wp-content/uploads folder, copied here: attachments go into "
            "the media library (pictures, PDFs), featured images become lead images. "
            "Without it, attachments are skipped with a count.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; write nothing."
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        uploads = Path(options["uploads"]) if options["uploads"] else None
        if uploads is not None and not uploads.is_dir():
            raise CommandError(f"{uploads}: no such folder (--uploads).")
        files = tqdm(
            unit=" attachments",
            desc="Attachments",
            disable=options["no_progress"] or uploads is None,
            file=self.stderr,
        )
        progress = tqdm(
            unit=" items",
            desc="Importing",
            disable=options["no_progress"],
            file=self.stderr,
        )
        try:
            report = services.wxr_import(
                path=path,
                vocabulary_slug=options["vocabulary"],
                vocabulary_name=options["vocabulary_name"],
                uploads=uploads,
                dry_run=options["dry_run"],
                progress=progress,
                attachments_progress=files,
            )
        except etree.XMLSyntaxError as error:
            raise CommandError(
                f"{path} is not a readable WXR file ({error}); the posts before that point "
                "are imported, a re-run after fixing the file picks up the rest."
            ) from error
        finally:
            files.close()
            progress.close()
        self._summary(report, dry_run=options["dry_run"])

    def _summary(self, report, *, dry_run):
        counts = report.counts
        lead = "Dry run, nothing written: " if dry_run else ""
        main = ", ".join(f"{counts[name]} {name}" for name in MAIN)
        self.stdout.write(f"{lead}{main}.")
        others = sorted(k for k in counts if k not in MAIN and counts[k])
        if others:
            self.stdout.write(", ".join(f"{counts[k]} {k}" for k in others) + ".")
        for post, reason in report.problems:
            self.stdout.write(f"Not imported: {post}: {reason}")
        for post, what in report.notices:
            self.stdout.write(f"Notice: {post}: {what}")
