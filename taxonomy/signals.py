"""Signals of writes that bypass save() (bulk imports), for the apps that cache pages.

`terms_changed(sender=Term, vocabulary=..., term_ids=[...])`: after a bulk write of a
vocabulary's terms, sent inside its transaction; `term_ids` are the terms that existed
before and changed (new terms are on no page yet).
"""

from django.dispatch import Signal

terms_changed = Signal()
