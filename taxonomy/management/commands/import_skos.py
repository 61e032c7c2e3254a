"""manage.py import_skos FILE [--vocabulary SLUG] [--language en] [--format turtle|xml|nt]"""

from pathlib import Path
from xml.sax import SAXException

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError
from django.utils.text import slugify
from rdflib.exceptions import ParserError
from rdflib.plugins.parsers.notation3 import BadSyntax
from tqdm import tqdm

from taxonomy.skos.load import vocabulary_import_skos
from taxonomy.skos.read import FORMATS, read


class Command(BaseCommand):
    help = (
        "Create or update a vocabulary from a SKOS thesaurus file. Matched by concept URI: "
        "running it again changes nothing; terms the file does not name are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--vocabulary", help="the vocabulary's slug (default: the file's name)"
        )
        parser.add_argument("--language", default="en", help="the names' language (default en)")
        parser.add_argument("--format", choices=sorted(FORMATS), help="default: by extension")

    def handle(self, *args, file, vocabulary, language, format, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No file {path}.")
        slug = vocabulary or slugify(path.stem) or "thesaurus"
        self.stderr.write(f"Reading {path.name}…")
        try:
            reading = read(path, language=language, format=format)
        except (BadSyntax, ParserError, SAXException, UnicodeDecodeError) as error:
            raise CommandError(f"{path.name} is not readable as RDF: {error}") from error
        except ValueError as error:  # an unknown format
            raise CommandError(str(error)) from error
        bar = tqdm(total=len(reading.concepts), unit="concept", file=self.stderr, disable=None)
        try:
            report = vocabulary_import_skos(
                reading=reading,
                slug=slug,
                language=language,
                source=path.name,
                progress=bar.update,
            )
        except IntegrityError as error:
            raise CommandError(f"Nothing imported: the database refused it ({error}).") from error
        finally:
            bar.close()
        for note in report.notes:
            self.stdout.write(f"note: {note}")
        for uri, reason in report.skipped:
            self.stdout.write(f"skipped: {uri}: {reason}")
        self.stdout.write(
            f"Vocabulary “{report.vocabulary}” ({report.vocabulary.slug}): "
            f"{report.created} added, {report.updated} changed, {report.unchanged} unchanged, "
            f"{len(report.skipped)} skipped, {report.kept} terms not in the file kept."
        )
