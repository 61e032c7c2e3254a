"""manage.py export_skos VOCABULARY [--format turtle|xml] [-o FILE]"""

from django.core.management.base import BaseCommand, CommandError

from taxonomy.models import Vocabulary
from taxonomy.skos.export import vocabulary_graph

FORMATS = {"turtle": "turtle", "ttl": "turtle", "xml": "pretty-xml", "rdf": "pretty-xml"}


class Command(BaseCommand):
    help = "Write a vocabulary as SKOS (Turtle by default, RDF/XML with --format xml)."

    def add_arguments(self, parser):
        parser.add_argument("vocabulary", help="the vocabulary's slug")
        parser.add_argument("--format", default="turtle", choices=sorted(FORMATS))
        parser.add_argument("-o", "--output", help="the file to write (default: stdout)")

    def handle(self, *args, vocabulary, format, output, **options):
        found = Vocabulary.objects.filter(slug=vocabulary).first()
        if found is None:
            slugs = ", ".join(Vocabulary.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"No vocabulary “{vocabulary}” (the slugs are: {slugs}).")
        text = vocabulary_graph(found).serialize(format=FORMATS[format])
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text)
            self.stderr.write(f"Wrote “{found}” to {output}.")
        else:
            self.stdout.write(text, ending="")
