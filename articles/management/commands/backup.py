from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from articles.management.backups import backup


class Command(BaseCommand):
    help = (
        "Back up the database with pg_dump (custom format) into backups/ under a timestamped "
        "name, and the media folder beside it when there is one (docs/operations.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", type=Path, default=Path(settings.BASE_DIR) / "backups")

    def handle(self, *args, output_dir, **options):
        written, tools = backup(output_dir=output_dir)
        for path in written:
            self.stdout.write(f"Wrote {path} ({path.stat().st_size:,} bytes).")
        self.stdout.write(f"With pg_dump {tools.version}, {tools.origin}.")
