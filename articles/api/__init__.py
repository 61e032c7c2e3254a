"""The read-only JSON API under /api/ (django-ninja): docs/api.md.

Readers' data only: every article comes through ``Article.objects.published()`` and the
listing index's live rows; authors and tags through ``public.visible``. The listing's
parameters are cleaned by the public listing's own ``listing_query`` (one meaning for
`/` and `/api/articles/`), but where the site ignores a value with a notice, the API
answers 400 with the notices: a client never gets results for a question it did not ask.
"""
