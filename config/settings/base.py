"""Every setting lives here; dev.py, test.py and prod.py override a few lines."""

import os
from pathlib import Path

from django.urls import reverse

from config.database import database_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "django_prose_editor",
    "reversion",
    "taggit",
    "taxonomy",
    "articles",
    "articles.pagecache",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "articles.public.middleware.ApplyDueChangesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": database_config(conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

TAGGIT_CASE_INSENSITIVE = True

# Django's Redis cache when REDIS_URL is set (shared by every server process), else
# local memory (one per process: fine for runserver and the tests).
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, reusing its redis-py client (config/cache.py).
            "BACKEND": "config.cache.ReusedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_KEY_PREFIX", "sahel-desk"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Public pages are cached for at most this many seconds (0: not cached); every
# editorial change invalidates them at once (articles/cache.py). Only a cache that
# every process shares can be told of every change: a `manage.py loaddata` run
# beside `make run` writes from another process, whose local memory the server
# never sees. So without Redis the page cache is off unless asked for.
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "600" if REDIS_URL else "0"))

SITE_NAME = "Sahel Desk"

# taxonomy knows nothing of the pages that show its terms: the project says where they are.
ABSOLUTE_URL_OVERRIDES = {
    "taxonomy.vocabulary": lambda vocabulary: reverse(
        "articles:vocabulary", kwargs={"vocabulary": vocabulary.slug}
    ),
    "taxonomy.term": lambda term: reverse(
        "articles:term", kwargs={"vocabulary": term.vocabulary.slug, "slug": term.slug}
    ),
}
