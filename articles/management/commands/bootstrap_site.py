import json
import secrets
from pathlib import Path

import reversion
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from reversion.models import Version

from articles import versioning
from articles.models import Article, Author
from taxonomy.models import Term, Vocabulary

SEED_FIXTURE = Path(__file__).resolve().parents[3] / "fixtures" / "seed_documents.json"


class Command(BaseCommand):
    help = (
        "First-run set-up for `make run`: load the seed documents when the database has "
        "no articles yet, and create an admin user with a generated password."
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
