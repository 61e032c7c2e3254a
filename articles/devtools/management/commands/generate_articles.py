import os
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.devtools.synthetic import GenerationRefused, synthetic_articles_generate

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
        parser.add_argument("--count", type=int, default=10_000, help="Articles wanted in all.")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same articles.")
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument(
            "--jobs",
            type=int,
            default=min(2, os.cpu_count() or 1),
            help="Processes inserting batches in parallel (default: 2, or 1 on one core).",
        )
        parser.add_argument(
            "--now",
            type=datetime.fromisoformat,
            help="Dates are drawn back from this moment (ISO 8601; default: now): the same "
            "seed and moment give the same articles.",
        )
        parser.add_argument(
            "--per-row",
            action="store_true",
            help="Insert through the row triggers (a third more CPU) instead of the bulk "
            "path, which switches them off and computes the same columns set-based.",
        )

    def handle(self, *args, count, seed, batch_size, jobs, now, per_row, verbosity, **options):
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
        bar = None

        def progress(done, total):
            nonlocal bar
            if verbosity < 1:
                return
            if bar is None:
                bar = tqdm(
                    total=total,
                    initial=done,
                    unit=" articles",
                    unit_scale=True,
                    file=self.stderr._out,
                    desc=f"seed {seed}",
                    smoothing=0.1,
                )
            bar.update(done - bar.n)

        try:
            result = synthetic_articles_generate(
                count=count,
                seed=seed,
                batch_size=batch_size,
                jobs=jobs,
                is_per_row=per_row,
                now=now,
                progress=progress,
            )
        except GenerationRefused as refusal:
            raise CommandError(str(refusal)) from None
        finally:
            if bar is not None:
                bar.close()
        rate = result.created / result.seconds if result.seconds else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"Synthetic articles (seed {seed}, {'per-row' if per_row else 'bulk'} path): "
                f"{result.created:,} added, {result.existing:,} already there; "
                f"{result.terms_created} terms, {result.tags_created} tags, "
                f"{result.authors_created} authors added; {result.seconds:.1f} s, "
                f"{rate:,.0f} articles/s."
            )
        )
