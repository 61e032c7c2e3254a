import json
import secrets
from pathlib import Path

import reversion
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from reversion.models import Version

from articles import versioning
from articles.models import Article, Author, Page
from taxonomy.models import Term, Vocabulary

SEED_FIXTURE = Path(__file__).resolve().parents[3] / "fixtures" / "seed_documents.json"

# The static pages the footer links to, created when missing with a first text for the
# editors to replace (Static pages in the admin); an existing page is never touched.
STATIC_PAGES = {
    "about": (
        "About Sahel Desk",
        "<p>Sahel Desk publishes analysis of security, peacekeeping and policy in Mali and "
        "the Sahel, written by policy analysts.</p>",
    ),
    "methodology": (
        "Methodology",
        "<p>How we research, source and review our analysis.</p>",
    ),
    "corrections-policy": (
        "Corrections policy",
        "<p>When we get something wrong we correct it on the article, dated and marked, "
        "and list it on the corrections page. A correction is never removed: when one is "
        "itself wrong it is retracted, with the reason, and stays visible.</p>",
    ),
    "contact": (
        "Contact",
        "<p>To suggest a correction or reach the editors, write to the newsroom.</p>",
    ),
}


class Command(BaseCommand):
    help = (
        "First-run set-up for `make run`: load the seed documents when the database has "
        "no articles yet, create the static pages that are missing (About, Methodology, "
        "Corrections policy, Contact) and an admin user with a generated password."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def record_initial_versions(self):
        """Give every article, author, vocabulary and term that has no version a first one.

        Running it again adds none, and neither does loading the fixture again (loaddata
        saves outside any revision).
        """
        seed_slugs = {
            item["fields"]["slug"]
            for item in json.loads(SEED_FIXTURE.read_text())
            if item["model"] == "articles.article"
        }
        counts = {}
        for model in (Vocabulary, Term, Author, Article):
            have = set(Version.objects.get_for_model(model).values_list("object_id", flat=True))
            missing = [obj for obj in model.objects.all() if str(obj.pk) not in have]
            counts[model._meta.verbose_name_plural] = len(missing)
            # One revision per model and origin, not per object: a database of thousands of
            # generated articles gets its first versions in one pass.
            seeds = [o for o in missing if model is not Article or o.slug in seed_slugs]
            others = [o for o in missing if model is Article and o.slug not in seed_slugs]
            for batch, comment in (
                (seeds, "Loaded from the seed documents"),
                (others, "First recorded version"),
            ):
                if not batch:
                    continue
                with versioning.versioned(comment=comment):
                    for obj in batch:
                        if model is Article:
                            versioning.capture(obj)
                        else:
                            reversion.add_to_revision(obj)
        if any(counts.values()):
            done = ", ".join(f"{n} {name}" for name, n in counts.items() if n)
            self.stdout.write(f"Initial versions recorded: {done}.")

    def create_static_pages(self):
        created = [
            slug
            for slug, (title, body) in STATIC_PAGES.items()
            if Page.objects.get_or_create(slug=slug, defaults={"title": title, "body": body})[1]
        ]
        if created:
            self.stdout.write(f"Static pages created: {', '.join(created)}.")

    def handle(self, *args, username, **options):
        if Article.objects.exists():
            self.stdout.write("Articles already present: seed documents not reloaded.")
        else:
            call_command("loaddata", "seed_documents", verbosity=0)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Loaded the seed documents ({Article.objects.count()} articles)."
                )
            )

        self.record_initial_versions()
        self.create_static_pages()

        user_model = get_user_model()
        if user_model.objects.filter(username=username).exists():
            self.stdout.write(
                f"Admin user “{username}” exists. Forgotten the password? "
                f"python manage.py changepassword {username}"
            )
            return
        password = secrets.token_urlsafe(12)
        user_model.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                "\n  Admin user created: log in at http://127.0.0.1:8000/admin/\n"
                f"    username: {username}\n    password: {password}\n"
                "  (shown once; change it with: python manage.py changepassword "
                f"{username})\n"
            )
        )
