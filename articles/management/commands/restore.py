from pathlib import Path

from django.core.management.base import BaseCommand

from articles.management.backups import restore


class Command(BaseCommand):
    help = (
        "Replace the database with a backup made by `manage.py backup` (and the media "
        "beside it), in one transaction. Refuses a database that has data unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="A .dump file written by manage.py backup.")
        parser.add_argument(
            "--force", action="store_true", help="Replace a database that has data."
        )

    def handle(self, *args, file, force, **options):
        tools = restore(file, force=force)
        self.stdout.write(
            self.style.SUCCESS(f"Restored {file} with pg_restore {tools.version}, {tools.origin}.")
        )
