"""ETags and 304s without computing the answer: from the listing generation.

What an API answer shows changes only when (a) a row it reads changes, which moves the
listing generation (articles/sql/listing_generation.sql: articles, their authors,
terms, tags and updates, authors, terms, vocabularies, tags, the images articles lead;
whatever the path), or
(b) the publication gate's clock passes a scheduled go-live or a time to leave the
site. So the ETag of an address is a hash of the address, the generation and the last
such moment already passed: one primary-key read (the generation, which the listing
index needs anyway) and two vector operations on the index, before any other query.
A staged change that falls due is published first (``apply_due_changes``), as on the
public pages, and its save moves the generation.
"""

import hashlib

from django.utils import timezone
from django.utils.cache import get_conditional_response

from .. import services
from ..listing_index.index import ListingIndex, microseconds
from ..listing_index.store import current_index

#: Raised when the answers' shape changes, so that clients' cached copies go stale.
SHAPE_VERSION = "2"  # 2: lead images; relevance cursors by position


def last_moment_passed(index: ListingIndex, now_us: int) -> int:
    """The latest go-live or leaving time of a published article at or before now."""
    published = index.published_us[index.published_us <= now_us]
    left = index.expires_us[index.expires_us <= now_us]
    return int(max(published.max(initial=0), left.max(initial=0)))


def etag_for(request, index: ListingIndex, now_us: int) -> str:
    moment = last_moment_passed(index, now_us)
    text = f"{SHAPE_VERSION}|{index.generation}|{moment}|{request.get_full_path()}"
    return f'W/"{hashlib.sha256(text.encode()).hexdigest()[:32]}"'


def begin(request, response):
    """(index, now, a 304 or None) for an API request; sets ``response``'s ETag.

    ``response`` is django-ninja's temporal response, whose headers the answer gets.
    """
    services.apply_due_changes()
    index = current_index()
    now = timezone.now()
    response["Cache-Control"] = "no-cache"
    if index.generation is None:  # an index built for this request only: no promise
        return index, now, None
    etag = etag_for(request, index, microseconds(now))
    response["ETag"] = etag
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        not_modified["ETag"] = etag
        not_modified["Cache-Control"] = "no-cache"
    return index, now, not_modified
