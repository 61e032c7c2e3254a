"""The in-process listing index (the domain's; the public site reads it).

- ``index.py``: ``ListingIndex``: the published articles' filter and facet columns
  as numpy arrays, the liveness mask (the public gate at a moment), postings per
  term, author and tag, and related articles by shared specific terms;
- ``store.py``: ``current_index()``: one index per process, rebuilt when the
  database's listing generation (``articles/sql/listing_generation.sql``) moves.

docs/search-and-listing.md describes the design and its costs.
"""
