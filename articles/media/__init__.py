"""The media library (app "media"): images, their renditions, and documents.

It knows nothing of articles: the articles domain points at it (an article's lead image,
its attached documents), never the reverse. Uploads go through ``services`` only, which
validate them (``validation``) before anything is stored.
"""
