"""Local development: `make run`."""

import os

from .base import *  # noqa: F403
from .base import INSTALLED_APPS

DEBUG = True
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-not-secret")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# Notification emails are printed on the console of `make run`, never sent.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Synthetic data, benchmarks and the seed-fixture builder: never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "articles.devtools"]

# runserver serves the local media folder (config/urls.py); production never does.
MEDIA_SERVED_BY_DJANGO = True
