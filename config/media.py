"""The media storage's settings, from the environment (base.py; docs/media.md)."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


def s3_storage_options(
    *, bucket, endpoint_url, region, access_key, secret_key, public_url
) -> dict:
    """django-storages' S3Storage options: public, unsigned URLs (readers fetch the files
    from the object store or the CDN, not through Django), never overwriting a name."""
    if bool(access_key) != bool(secret_key):
        raise ImproperlyConfigured(
            "Set both MEDIA_S3_ACCESS_KEY_ID and MEDIA_S3_SECRET_ACCESS_KEY, or neither "
            "(then the usual AWS credential chain applies)."
        )
    options = {
        "bucket_name": bucket,
        "file_overwrite": False,
        "querystring_auth": False,
        "default_acl": None,
        "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
    }
    if endpoint_url:
        options["endpoint_url"] = endpoint_url
    if region:
        options["region_name"] = region
    if access_key:
        options["access_key"], options["secret_key"] = access_key, secret_key
    if public_url:
        parts = urlsplit(public_url)
        if not parts.scheme or not parts.netloc:
            raise ImproperlyConfigured(
                f"MEDIA_PUBLIC_URL must be an absolute URL (https://cdn.example.org), "
                f"not {public_url!r}."
            )
        options["custom_domain"] = parts.netloc + parts.path
        options["url_protocol"] = parts.scheme + ":"
    return options


def media_origins(media_url: str, storage: dict) -> list[str]:
    """The origins pages load media from, for the Content-Security-Policy's img-src."""
    origins = []
    for url in (media_url, storage.get("OPTIONS", {}).get("endpoint_url", "")):
        parts = urlsplit(url)
        if parts.scheme and parts.netloc:
            origins.append(f"{parts.scheme}://{parts.netloc}")
    return origins
