"""Addresses that hold only the parameters in use.

A form submitted without JavaScript sends every field, empty or not
(``?q=&date_from=&sort=newest``); the listing answers such a request with a 302
to the same address without them, keeping every other parameter as it was
(unknown ones too: the page reports those). Pages of lists do the same for
``page=1``. With JavaScript the form never sends them (static/js/listing.js).
"""

from urllib.parse import urlencode

#: Values that say nothing: the parameter means the same when it is left out.
DEFAULTS = {"sort": "newest", "page": "1"}


def clean_address(path, data):
    """The address without empty or default-valued parameters, or None when ``data``
    (a QueryDict) has none of them."""
    kept, dropped = [], False
    for key, values in data.lists():
        for value in values:
            if not value.strip() or DEFAULTS.get(key) == value.strip():
                dropped = True
            else:
                kept.append((key, value))
    if not dropped:
        return None
    return f"{path}?{urlencode(kept)}" if kept else path
