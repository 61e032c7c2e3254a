"""manage.py generate_thesaurus FILE [--concepts 50000]: a synthetic SKOS thesaurus.

For timing import_skos at the scale of AGROVOC or EuroVoc: every concept has an English,
a French and a Spanish prefLabel, one in three an altLabel, one in five a scope note, a
notation, and a broader concept (ten narrower concepts each, so five or six levels).
Written as Turtle or N-Triples, by the file's extension, without rdflib (fast).
"""

import random

from django.core.management.base import BaseCommand

SKOS = "http://www.w3.org/2004/02/skos/core#"
BASE = "http://thesaurus.example/concept/"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
WORDS = [
    "water",
    "soil",
    "grain",
    "market",
    "road",
    "border",
    "river",
    "cattle",
    "health",
    "school",
    "rain",
    "trade",
    "law",
    "conflict",
    "drought",
    "harvest",
    "millet",
    "sorghum",
    "transport",
    "union",
    "rights",
    "survey",
    "census",
]


def _label(n, language, rng):
    words = rng.sample(WORDS, 2)
    return f"{words[0]} {words[1]} {language} {n}"


class Command(BaseCommand):
    help = "Write a synthetic SKOS thesaurus (Turtle or N-Triples, by extension)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--concepts", type=int, default=50_000)
        parser.add_argument("--seed", type=int, default=20)

    def handle(self, *args, file, concepts, seed, **options):
        rng = random.Random(seed)
        scheme = "http://thesaurus.example/scheme"
        lines = [
            f"<{scheme}> {TYPE} <{SKOS}ConceptScheme> .",
            f'<{scheme}> <{SKOS}prefLabel> "Synthetic thesaurus"@en .',
        ]
        for n in range(1, concepts + 1):
            uri = f"<{BASE}c_{n}>"
            lines.append(f"{uri} {TYPE} <{SKOS}Concept> .")
            lines.append(f"{uri} <{SKOS}inScheme> <{scheme}> .")
            for language in ("en", "fr", "es"):
                lines.append(f'{uri} <{SKOS}prefLabel> "{_label(n, language, rng)}"@{language} .')
            if n % 3 == 0:
                lines.append(f'{uri} <{SKOS}altLabel> "alt {_label(n, "en", rng)}"@en .')
            if n % 5 == 0:
                lines.append(f'{uri} <{SKOS}scopeNote> "Synthetic concept {n}."@en .')
            lines.append(f'{uri} <{SKOS}notation> "{n:06d}" .')
            if n > 10:
                lines.append(f"{uri} <{SKOS}broader> <{BASE}c_{n // 10}> .")
        with open(file, "w", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")
        self.stderr.write(f"Wrote {concepts} concepts ({len(lines)} triples) to {file}.")
