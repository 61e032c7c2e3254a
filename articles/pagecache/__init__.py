"""The page cache: public pages cached per publication generation.

Its own app (``articles.pagecache``) so that the domain never imports it: it listens to
the domain's signals (signals.py), and the public site decorates its views with
``pages.cache_public_page``. Writes that send no signal call ``pages.publication_changed()``.
"""
