"""Every setting lives here; dev.py, test.py and prod.py override a few lines."""

import os
from datetime import timedelta
from pathlib import Path

from csp.constants import NONCE, NONE, SELF
from django.urls import reverse

from config.database import database_config, replica_database_configs

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
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.RefuseNulCharactersMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "articles.public.middleware.ApplyDueChangesMiddleware",
    # A database error in a view: 503 with Retry-After, not 500 (config/unavailable.py).
    "config.unavailable.DatabaseUnavailableMiddleware",
    # After it (so before it for view errors): a replica's error is retried on the primary
    # rather than answered 503. After authentication: it asks whether the user logged in.
    "config.middleware.ReplicaReadsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
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

_CONN_MAX_AGE = int(os.environ.get("CONN_MAX_AGE", "0"))
DATABASES = {
    "default": database_config(conn_max_age=_CONN_MAX_AGE),
    **replica_database_configs(
        os.environ.get("DATABASE_REPLICA_URLS", ""), conn_max_age=_CONN_MAX_AGE
    ),
}
# Read replicas (config/replicas.py, docs/operations.md): public reads go to one of
# these when it answers and lags at most MAX_LAG seconds (checked once per CHECK
# seconds per process); a client that wrote reads the primary for PIN seconds.
DATABASE_REPLICAS = [alias for alias in DATABASES if alias != "default"]
DATABASE_ROUTERS = ["config.routers.ReplicaRouter"]
DATABASE_REPLICA_PIN_SECONDS = int(os.environ.get("DATABASE_REPLICA_PIN_SECONDS", "10"))
DATABASE_REPLICA_MAX_LAG_SECONDS = float(os.environ.get("DATABASE_REPLICA_MAX_LAG_SECONDS", "5"))
DATABASE_REPLICA_CHECK_SECONDS = float(os.environ.get("DATABASE_REPLICA_CHECK_SECONDS", "5"))
DATABASE_REPLICA_PIN_COOKIE = "primary_pin"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Login throttling (django-axes): 5 failures for one username, or from one address, lock
# it out for 15 minutes (each further failure starts the 15 minutes again); a success
# clears the count. A superuser lifts a lockout in the admin ("Access attempts") or with
# `manage.py axes_reset` (docs/security.md). The address: REMOTE_ADDR, or, from a proxy
# in DJANGO_TRUSTED_PROXIES (comma-separated addresses), the last X-Forwarded-For entry.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"
AXES_CLIENT_IP_CALLABLE = "config.middleware.client_address"
TRUSTED_PROXIES = [
    address.strip()
    for address in os.environ.get("DJANGO_TRUSTED_PROXIES", "").split(",")
    if address.strip()
]

# Content-Security-Policy (django-csp) on every response, public and admin: our own
# origin only, no inline script except one carrying the request's nonce (the prose
# editor's import map, templates/admin/change_form.html); no inline style except the one
# stylesheet the editor (Tiptap) writes into the page, allowed by its hash (the browser
# test tests/browser/test_content_security_policy.py fails if an upgrade changes it).
# docs/security.md.
PROSE_EDITOR_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, PROSE_EDITOR_STYLE_HASH],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features no page of ours uses (config/middleware.py sends it).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
SECURE_REFERRER_POLICY = "same-origin"

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
# No stampede (articles/pagecache/pages.py): while one request renders a stale page,
# others get the stale copy if the change it missed is at most this old, else wait
# for the new page at most this long, then render it themselves.
PAGE_CACHE_STALE_SECONDS = float(os.environ.get("DJANGO_PAGE_CACHE_STALE_SECONDS", "3"))
PAGE_CACHE_WAIT_SECONDS = float(os.environ.get("DJANGO_PAGE_CACHE_WAIT_SECONDS", "2"))
# The edge cache in front of the app servers, told which cache tags to purge after
# each change (articles/pagecache/edge.py; deploy/varnish/default.vcl). Default: none.
EDGE_CACHE_BACKEND = os.environ.get(
    "DJANGO_EDGE_CACHE_BACKEND", "articles.pagecache.edge.NoEdgeCache"
)
EDGE_CACHE_PURGE_URL = os.environ.get("DJANGO_EDGE_CACHE_PURGE_URL", "")

SITE_NAME = "Sahel Desk"
# The stem of the SKOS addresses of our vocabularies and terms (export_skos): a term is
# <stem>terms/<id>, whatever its slug becomes. Set it once, to an address you control.
SKOS_BASE_URI = os.environ.get("DJANGO_SKOS_BASE_URI", "https://sahel-desk.example/skos/")

# taxonomy knows nothing of the pages that show its terms: the project says where they are.
ABSOLUTE_URL_OVERRIDES = {
    "taxonomy.vocabulary": lambda vocabulary: reverse(
        "articles:vocabulary", kwargs={"vocabulary": vocabulary.slug}
    ),
    "taxonomy.term": lambda term: reverse(
        "articles:term", kwargs={"vocabulary": term.vocabulary.slug, "slug": term.slug}
    ),
}
