"""Production: gunicorn behind a TLS-terminating proxy (`make serve`).

Everything that differs between deployments comes from the environment:

- ``DJANGO_SECRET_KEY`` (required), ``DJANGO_ALLOWED_HOSTS`` (required, comma-separated),
  ``DJANGO_CSRF_TRUSTED_ORIGINS`` (comma-separated ``https://host`` origins);
- ``DATABASE_URL``, ``DATABASE_REPLICA_URLS`` and ``REDIS_URL`` (see base.py);
- ``DJANGO_TRUSTED_PROXIES``: the proxy's addresses, for login throttling (base.py);
- ``DJANGO_CONN_MAX_AGE``: seconds a database connection is kept (default 600);
- ``DJANGO_SITE_URL`` (the newsroom's address, for links in emails),
  ``DJANGO_DEFAULT_FROM_EMAIL``, and SMTP: ``EMAIL_HOST`` (default localhost),
  ``EMAIL_PORT`` (default 25), ``EMAIL_HOST_USER``, ``EMAIL_HOST_PASSWORD``,
  ``EMAIL_USE_TLS`` / ``EMAIL_USE_SSL`` (default off), ``EMAIL_TIMEOUT`` (seconds, 10);
- ``DJANGO_SECURE_SSL_REDIRECT`` (default on), ``DJANGO_SECURE_PROXY_SSL_HEADER`` (on when
  the proxy sets ``X-Forwarded-Proto``), ``DJANGO_SECURE_HSTS_SECONDS`` (default one
  year), ``DJANGO_SECURE_HSTS_PRELOAD``, ``DJANGO_SECURE_COOKIES`` (default on). Turn
  these off only to serve plain HTTP on a loopback address, as the benchmark does.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, MIDDLEWARE, STORAGES


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    if value.strip().lower() in {"1", "true", "yes", "on"}:
        return True
    if value.strip().lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def _env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = False

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "Set DJANGO_SECRET_KEY to a random string of 50 characters or more, e.g. "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
ALLOWED_HOSTS = _env_list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS (comma-separated host names).")
CSRF_TRUSTED_ORIGINS = _env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# One connection per worker, kept across requests (a new one per request halves
# throughput); health-checked before reuse (base.py).
for _database in DATABASES.values():  # the primary and each read replica
    _database["CONN_MAX_AGE"] = int(os.environ.get("DJANGO_CONN_MAX_AGE", "600"))

# Notification emails over SMTP (docs/operations.md, "Email").
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS or EMAIL_USE_SSL, not both.")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))

# Static files from the app server itself: hashed names, gzip/brotli precompressed.
MIDDLEWARE = [*MIDDLEWARE]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES = {
    **STORAGES,  # media: base.py's (local files, or object storage)
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# HTTPS, cookies and headers.
SECURE_SSL_REDIRECT = _env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# Load balancers probe app servers over plain HTTP: no redirect for them.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
if _env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = _env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = _env_bool("DJANGO_SECURE_COOKIES", True)
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
