import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from reversion.models import Version

from articles.models import Article
from articles.versioning import capture, versioned


class Rollback(Exception):
    """Leaves the database as it was."""


class Command(BaseCommand):
    help = (
        "Measure versions: bytes stored per version of each article's first version, and the "
        "time to save an article with versioning on and off. Writes nothing (rolled back)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--saves", type=int, default=200)
        parser.add_argument("--slug", help="Article to time (default: the one with most rows)")

    def handle(self, *args, saves, slug, **options):
        try:
            with transaction.atomic():
                self.storage()
                self.timing(saves, slug)
                raise Rollback
        except Rollback:
            pass

    def storage(self):
        self.stdout.write("Storage of each article's first version (all rows of its revision):")
        for article in Article.objects.order_by("published_at"):
            version = Version.objects.get_for_object(article).order_by("pk").first()
            if version is None:
                continue
            rows = list(version.revision.version_set.all())
            text = sum(len(v.serialized_data.encode()) for v in rows)
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT (SELECT sum(pg_column_size(v.*)) FROM reversion_version v"
                    " WHERE v.revision_id = %s)"
                    " + (SELECT pg_column_size(r.*) FROM reversion_revision r WHERE r.id = %s)",
                    [version.revision_id, version.revision_id],
                )
                stored = cursor.fetchone()[0]
            self.stdout.write(
                f"  {article.slug[:50]:50} {len(rows):3} rows, "
                f"serialised {text:7,} B, stored {stored:7,} B"
            )

    def timing(self, saves, slug):
        if slug:
            article = Article.objects.get(slug=slug)
        else:
            article = max(
                Article.objects.all(),
                key=lambda a: (
                    a.article_authors.count() + a.tagged_items.count() + a.updates.count()
                ),
            )

        def off():
            article.save()

        def on():
            with versioned(comment="bench_versions"):
                article.save()
                capture(article)

        off()
        on()
        best = {}
        for label, save in (("off", off), ("on", on), ("off", off), ("on", on)):
            start = time.perf_counter()
            for _ in range(saves):
                save()
            elapsed = (time.perf_counter() - start) / saves * 1000
            best[label] = min(best.get(label, elapsed), elapsed)
        self.stdout.write(
            f"Saving “{article.slug}” {saves}× (best of two rounds): versioning off "
            f"{best['off']:.2f} ms, on {best['on']:.2f} ms, ratio {best['on'] / best['off']:.2f}"
        )
