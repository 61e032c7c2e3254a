from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from lxml import etree
from tqdm import tqdm

from articles import services

MAIN = ("created", "updated", "unchanged", "skipped")


class _DryRun(Exception):
    """Raised to roll the whole run back once its report is made (carried in args[0])."""


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR 1.2): posts as articles, authors, categories as a "
        "vocabulary, tags. Re-running it writes only what changed in the export and never "
        "overwrites an article an editor saved since (README, “WordPress import”)."
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
            "--dry-run", action="store_true", help="Report what would happen; write nothing."
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        progress = tqdm(
            unit=" items",
            desc="Importing",
            disable=options["no_progress"],
            file=self.stderr,
        )
        run = lambda: services.wxr_import(  # noqa: E731
            path=path,
            vocabulary_slug=options["vocabulary"],
            vocabulary_name=options["vocabulary_name"],
            progress=progress,
        )
        try:
            if options["dry_run"]:
                # One transaction, rolled back; a real run commits post by post.
                try:
                    with transaction.atomic():
                        report = run()
                        raise _DryRun(report)
                except _DryRun as rolled_back:
                    report = rolled_back.args[0]
            else:
                report = run()
        except etree.XMLSyntaxError as error:
            raise CommandError(
                f"{path} is not a readable WXR file ({error}); the posts before that point "
                "are imported, a re-run after fixing the file picks up the rest."
            ) from error
        finally:
            progress.close()
        self._summary(report, dry_run=options["dry_run"])

    def _summary(self, report, *, dry_run):
        counts = report.counts
        lead = "Dry run, nothing written: " if dry_run else ""
        main = ", ".join(f"{counts[name]} {name}" for name in MAIN)
        self.stdout.write(f"{lead}{main}.")
        others = sorted(
            k for k in counts if k not in {"created", "updated", "unchanged", "skipped"}
        )
        if others:
            self.stdout.write(", ".join(f"{counts[k]} {k}" for k in others) + ".")
        for post, reason in report.problems:
            self.stdout.write(f"Not imported: {post}: {reason}")
        for post, what in report.notices:
            self.stdout.write(f"Notice: {post}: {what}")
