"""The edge cache (Varnish, a CDN): told which tags to purge after an editorial change.

Pages carry their tags in ``Surrogate-Key`` (space-separated, Varnish xkey and
Fastly) and ``Cache-Tag`` (comma-separated, Cloudflare); an edge cache keeps
them for ``Surrogate-Control: max-age``. When tags go stale, the adapter named by
``settings.EDGE_CACHE_BACKEND`` purges them:

- ``articles.pagecache.edge.NoEdgeCache`` (the default): nothing to purge;
- ``articles.pagecache.edge.VarnishXkey``: one ``PURGE`` request to each URL of
  ``settings.EDGE_CACHE_PURGE_URL`` (comma-separated: one per Varnish) with the
  tags in an ``xkey-purge`` header, as ``deploy/varnish/default.vcl`` expects.

A purge that fails is logged, never raised: the editor's save has committed,
and the edge copy still expires after its max-age.
"""

import logging
import urllib.request
from functools import cache as memoize

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# Varnish refuses request headers longer than 8 KB by default (http_req_hdr_len).
HEADER_BUDGET = 6000


class NoEdgeCache:
    def purge(self, tags: set[str]) -> None:
        pass


class VarnishXkey:
    timeout = 2.0

    def __init__(self, urls: list[str]):
        self.urls = urls

    def purge(self, tags: set[str]) -> None:
        for chunk in _chunks(sorted(tags)):
            for url in self.urls:
                request = urllib.request.Request(
                    url, method="PURGE", headers={"xkey-purge": " ".join(chunk)}
                )
                try:
                    with urllib.request.urlopen(request, timeout=self.timeout) as response:
                        response.read()
                except OSError as error:
                    logger.warning(
                        "Edge purge of %d tags at %s failed: %s", len(chunk), url, error
                    )


def _chunks(tags: list[str]):
    chunk, size = [], 0
    for tag in tags:
        if chunk and size + len(tag) + 1 > HEADER_BUDGET:
            yield chunk
            chunk, size = [], 0
        chunk.append(tag)
        size += len(tag) + 1
    if chunk:
        yield chunk


@memoize
def _adapter(path: str, urls: str):
    adapter_class = import_string(path)
    if adapter_class is NoEdgeCache:
        return adapter_class()
    return adapter_class([url.strip() for url in urls.split(",") if url.strip()])


def purge(tags) -> None:
    """Purge these tags at the edge through the configured adapter."""
    adapter = _adapter(settings.EDGE_CACHE_BACKEND, settings.EDGE_CACHE_PURGE_URL)
    adapter.purge(set(tags))


def tag_headers(response, tags) -> None:
    """Name the page's tags for the edge cache."""
    ordered = sorted(tags)
    response["Surrogate-Key"] = " ".join(ordered)
    response["Cache-Tag"] = ",".join(ordered)
