"""Every setting lives here; dev.py, test.py and prod.py override a few lines."""

import os
from datetime import timedelta
from pathlib import Path

from csp.constants import NONCE, NONE, SELF
from django.urls import reverse

from config.database import database_config, replica_database_configs
from config.media import media_origins, s3_storage_options

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "config.admin.NewsroomAdminConfig",  # django.contrib.admin, our site
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
    "articles.media",
    "articles.pagecache",
    "axes",
    "csp",
    # django-ninja: the API's docs page template and its Swagger UI assets (static).
    "ninja",
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
    # Editors' redirects (the admin's "Redirects"), consulted only where the site answers 404.
    "articles.public.middleware.RedirectFallbackMiddleware",
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
# The one rule for a client's address: login throttling and the API's rate limit.
CLIENT_ADDRESS_CALLABLE = "config.middleware.client_address"
AXES_CLIENT_IP_CALLABLE = CLIENT_ADDRESS_CALLABLE
TRUSTED_PROXIES = [
    address.strip()
    for address in os.environ.get("DJANGO_TRUSTED_PROXIES", "").split(",")
    if address.strip()
]

# The JSON API's anonymous reads, per client address (articles/api/throttling.py):
# "N/second", "N/minute", "N/hour" or "N/day"; empty turns the limit off. Counted in the
# cache, so shared by every process only with Redis (REDIS_URL).
API_RATE_LIMIT = os.environ.get("DJANGO_API_RATE_LIMIT", "120/minute")

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
# Dates name the time zone: "9 January 2013, 14:05 UTC" (config/formats/en_GB).
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# The media library (articles/media/, docs/media.md). Images, their renditions and
# documents all go through the "default" storage: local files under .data/media/ (served
# by runserver in development), or S3-compatible object storage (django-storages) when
# MEDIA_S3_BUCKET is set. Django never serves media in production: the object store's
# URLs, or MEDIA_PUBLIC_URL (a CDN in front of it), do.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / ".data" / "media"))
MEDIA_PUBLIC_URL = os.environ.get("MEDIA_PUBLIC_URL", "").strip().rstrip("/")
MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET", "").strip()
MEDIA_URL = f"{MEDIA_PUBLIC_URL}/" if MEDIA_PUBLIC_URL else "/media/"
# Only runserver and the tests serve MEDIA_ROOT themselves (dev.py, test.py).
MEDIA_SERVED_BY_DJANGO = False
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT, "base_url": MEDIA_URL},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": s3_storage_options(
            bucket=MEDIA_S3_BUCKET,
            endpoint_url=os.environ.get("MEDIA_S3_ENDPOINT_URL", ""),
            region=os.environ.get("MEDIA_S3_REGION", ""),
            access_key=os.environ.get("MEDIA_S3_ACCESS_KEY_ID", ""),
            secret_key=os.environ.get("MEDIA_S3_SECRET_ACCESS_KEY", ""),
            public_url=MEDIA_PUBLIC_URL,
        ),
    }
# Pages may show pictures from the object store (or the CDN): its origin joins img-src.
CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] += media_origins(MEDIA_URL, STORAGES["default"])
# Uploads: at most this many bytes, and this many pixels (a decompression bomb, a small
# file that decodes to billions of pixels, is refused from its header).
MEDIA_MAX_UPLOAD_BYTES = int(os.environ.get("MEDIA_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
MEDIA_MAX_PIXELS = int(os.environ.get("MEDIA_MAX_PIXELS", str(40_000_000)))
# Images are read in memory (validation.py): never spooled to a temporary file on disk.
FILE_UPLOAD_MAX_MEMORY_SIZE = MEDIA_MAX_UPLOAD_BYTES + 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

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
# Where the newsroom reaches this site: the links in notification emails are absolute.
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000")

# Notification emails (articles/services/notify.py): written to an outbox in the
# editorial act's transaction, sent after it commits; `manage.py send_notifications`
# (every minute) sends scheduled ones and retries failures. SMTP settings: prod.py.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "newsroom@localhost")
EMAIL_TIMEOUT = 10  # seconds: a mail server that hangs holds the sender no longer
# After the commit, send in a thread of its own: no response waits for the mail server.
NOTIFICATIONS_SEND_IN_BACKGROUND = True
# The publisher's logo in the articles' JSON-LD (a static file, about 600×60).
SITE_LOGO = "brand/logo.png"
# Feed entry ids are tag: URIs (RFC 4151) under this authority: a domain the newsroom owned
# on that date. Set it once and never change it: feed readers know entries by these ids.
FEED_TAG_AUTHORITY = os.environ.get("DJANGO_FEED_TAG_AUTHORITY", "saheldesk.example,2026")
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

# The relevance order ranks at most this many articles whose title or standfirst match
# the search (the newest of them); the other results follow, newest first
# (articles/public/listing/ranking.py). The result count is exact whatever this is.
SEARCH_RANKED_CANDIDATES = int(os.environ.get("DJANGO_SEARCH_RANKED_CANDIDATES", "500"))
# The search's matching ids are one bitmap scan of the GIN index. With the default 4 MB
# of work_mem the bitmap turns lossy past ~100,000 matches, and PostgreSQL then rechecks
# every row of those pages, reading each one's whole search vector from TOAST: 1.3 s
# instead of 0.2 s for a word in 230,000 of 1,000,000 articles (docs/benchmarks.md).
# This much memory, for that one statement only.
SEARCH_WORK_MEM = os.environ.get("DJANGO_SEARCH_WORK_MEM", "64MB")
