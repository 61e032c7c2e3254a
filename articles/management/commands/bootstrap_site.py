import secrets

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from articles.models import Article


class Command(BaseCommand):
    help = (
        "First-run set-up for `make run`: load the seed documents when the database has "
        "no articles yet, and create an admin user with a generated password."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

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
