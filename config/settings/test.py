"""The test suite: fast hashing; local-memory cache unless REDIS_URL is set."""

import atexit
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, STORAGES

SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The cache is base.py's: local memory, or Redis when REDIS_URL is set, so the suite runs
# against both. Each test gets a key prefix of its own (tests/conftest.py), never a
# flush of what may be a shared server.
# Pages are cached only in the tests that turn it on (tests/articles/test_cache.py),
# so that page content and query counts elsewhere never depend on what is cached.
PAGE_CACHE_SECONDS = 0

# Notifications are sent in line after the commit, so a test reads them in mail.outbox.
NOTIFICATIONS_SEND_IN_BACKGROUND = False

# Synthetic data, benchmarks and the seed-fixture builder: never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "articles.devtools"]

# Media: a temporary folder of this process's own, removed when it ends (never .data/).
# The storage tests (tests/articles/media/test_storage.py) run also on a real S3 server.
_MEDIA_TMP = tempfile.mkdtemp(prefix="sahel-desk-media-")
atexit.register(shutil.rmtree, _MEDIA_TMP, ignore_errors=True)
MEDIA_ROOT = Path(_MEDIA_TMP)
STORAGES = {
    **STORAGES,
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT, "base_url": "/media/"},
    },
}
MEDIA_SERVED_BY_DJANGO = True  # the browser tests load the pictures from the live server
