from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.devtools.seeds import SeedSourceError, build_seed_fixture, render_fixture


class Command(BaseCommand):
    help = (
        "Rebuild fixtures/seed_documents.json from the source documents and the editorial "
        "decisions in fixtures/sources/. With --check, only report whether it is up to date."
    )

    def add_arguments(self, parser):
        fixtures = Path(settings.BASE_DIR) / "fixtures"
        parser.add_argument("--sources", type=Path, default=fixtures / "sources")
        parser.add_argument("--output", type=Path, default=fixtures / "seed_documents.json")
        parser.add_argument("--check", action="store_true")

    def handle(self, *args, sources, output, check, **options):
        try:
            content = render_fixture(build_seed_fixture(sources))
        except SeedSourceError as error:
            raise CommandError(f"Nothing written; in {sources}:\n{error}") from None
        if check:
            if not output.exists() or output.read_text() != content:
                raise CommandError(f"{output} is out of date: run manage.py build_seed_fixture")
            self.stdout.write(f"{output} is up to date.")
            return
        output.write_text(content)
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}."))
