"""manage.py bench_term_suggestions [--terms 10000] [--requests 100]: the article form's
term suggestions, timed on a large thesaurus.

Adds a vocabulary of ``--terms`` terms (labels as generate_thesaurus makes them: an
English name, French and Spanish aliases, an altLabel for one in three; ten narrower
terms each), writes an article of about ``--words`` words (seed sentences, with term
labels in them), then posts it to the endpoint the form asks as the editor types,
through the whole stack (middleware, session, permissions), as a logged-in superuser.
The first request reads every label again (the terms changed); the others are what an
editor's typing costs. Everything is rolled back at the end.
"""

import random
import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import Client
from django.urls import reverse
from tqdm import tqdm

from taxonomy.models import Term, Vocabulary

from ...synthetic import text
from .generate_thesaurus import WORDS


class Rollback(Exception):
    """Leaves the database as it was."""


def _label(n, language, rng):
    first, second = rng.sample(WORDS, 2)
    return f"{first} {second} {language} {n}"


class Command(BaseCommand):
    help = "Time the article form's term suggestions on a large thesaurus (rolled back)."

    def add_arguments(self, parser):
        parser.add_argument("--terms", type=int, default=10_000)
        parser.add_argument("--requests", type=int, default=100)
        parser.add_argument("--words", type=int, default=1_500)
        parser.add_argument("--seed", type=int, default=20)

    def handle(self, *args, terms, requests, words, seed, **options):
        try:
            with transaction.atomic():
                self.run(terms=terms, requests=requests, words=words, seed=seed)
                raise Rollback
        except Rollback:
            pass

    def run(self, *, terms, requests, words, seed):
        rng = random.Random(seed)
        labels = self.thesaurus(terms, rng)
        names = {
            slot: rng.sample(labels, 20)
            for slot in ("places", "organisations", "people", "topics", "operations")
        }
        texts = {
            "title": text.title(rng, names),
            "standfirst": text.standfirst(rng, names),
            "body": text.body(rng, names, target_words=words, pool=text.seed_sentences()),
        }
        user = get_user_model().objects.create_superuser("bench-suggestions", password=None)
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        url = reverse("admin:articles_article_suggest_terms")
        total_terms = Term.objects.count()

        start = time.perf_counter()
        response = client.post(url, texts)
        cold = time.perf_counter() - start
        if response.status_code != 200:
            self.stderr.write(f"The endpoint answered {response.status_code}: {response.content}")
            return
        found = len(response.json()["suggestions"])
        times = []
        for _ in tqdm(range(requests), unit=" requests", file=self.stderr._out, desc="suggest"):
            start = time.perf_counter()
            client.post(url, texts)
            times.append(time.perf_counter() - start)
        times.sort()
        p95 = times[max(0, round(len(times) * 0.95) - 1)]
        self.stdout.write(
            self.style.SUCCESS(
                f"Term suggestions, {total_terms:,} terms ({len(labels):,} labels of the "
                f"bench vocabulary), a text of {len(texts['body'].split()):,} words, "
                f"{found} suggestions: first request (labels read) {cold * 1000:.0f} ms; "
                f"then median {statistics.median(times) * 1000:.1f} ms, "
                f"95th percentile {p95 * 1000:.1f} ms over {requests} requests."
            )
        )

    def thesaurus(self, count, rng):
        """``count`` terms in a new vocabulary; answers their labels."""
        vocabulary = Vocabulary.objects.create(name="Bench thesaurus", slug="bench-thesaurus")
        labels, rows = [], []
        for n in range(1, count + 1):
            name = _label(n, "en", rng)
            aliases = [_label(n, "fr", rng), _label(n, "es", rng)]
            if n % 3 == 0:
                aliases.append(f"alt {_label(n, 'en', rng)}")
            labels += [name, *aliases]
            rows.append(Term(vocabulary=vocabulary, name=name, slug=f"c-{n}", aliases=aliases))
        created = Term.objects.bulk_create(rows, batch_size=2_000)
        for n, term in enumerate(created, start=1):
            term.parent_id = created[n // 10 - 1].pk if n > 10 else None
        Term.objects.bulk_update(created, ["parent"], batch_size=2_000)
        return labels
