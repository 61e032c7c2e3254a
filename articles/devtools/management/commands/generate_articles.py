import os

from django.core.management.base import BaseCommand, CommandError

from articles.devtools.synthetic import synthetic_articles_generate

#: More than this is a typo, not a benchmark: 5 million ~700-word articles is ~40 GB.
MAX_COUNT = 5_000_000
MAX_BATCH_SIZE = 50_000
MAX_JOBS = 16


class Command(BaseCommand):
    help = (
        "Generate realistic synthetic articles for load tests and the benchmark: ~700-word "
        "bodies, twelve years of dates, drafts/scheduled/withdrawn among them, terms from the "
        "real vocabularies (grown to ~970 terms), ~2,000 tags, authors, updates and "
        "corrections. --count is the total wanted for the seed: a second run adds only what "
        "is missing, so it is cheap to call before every benchmark."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=10_000, help="Articles wanted.")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same articles.")
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument(
            "--jobs",
            type=int,
            default=min(2, os.cpu_count() or 1),
            help="Processes inserting batches in parallel (default: 2, or 1 on one core).",
        )

    def handle(self, *args, count, seed, batch_size, jobs, verbosity, **options):
        # Checked before anything is generated or allocated.
        problems = [
            f"--{name} must be between 1 and {highest:,}, not {value:,}."
            for name, value, highest in [
                ("count", count, MAX_COUNT),
                ("batch-size", batch_size, MAX_BATCH_SIZE),
                ("jobs", jobs, MAX_JOBS),
            ]
            if not 1 <= value <= highest
        ]
        if problems:
            raise CommandError(" ".join(problems))

        def progress(done, total):
            if verbosity >= 2 or (verbosity >= 1 and (done % 10_000 == 0 or done == total)):
                self.stdout.write(f"  {done:,} / {total:,} articles")

        result = synthetic_articles_generate(
            count=count, seed=seed, batch_size=batch_size, jobs=jobs, progress=progress
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Synthetic articles (seed {seed}): {result.created:,} added, "
                f"{result.existing:,} already there; {result.terms_created} terms, "
                f"{result.tags_created} tags, {result.authors_created} authors added "
                f"in {result.seconds:.1f} s."
            )
        )
