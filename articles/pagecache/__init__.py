"""The page cache: public pages cached by the cache tags they declare.

Its own app (``articles.pagecache``) so that the domain never imports it: it listens to
the domain's signals (signals.py, stale.py), the public site decorates its views with
``pages.cache_public_page`` and declares what they show with ``tags.add``. Writes that
send no signal call ``pages.publication_changed()``. edge.py purges an edge cache.
"""
