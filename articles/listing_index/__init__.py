"""The in-process listing index (the domain's; the public site reads it).

- ``index.py``: ``ListingIndex``: the published articles' filter and facet columns
  as numpy arrays, the liveness mask (the public gate at a moment), postings per
  term, author and tag, and related articles by shared specific terms;
- ``store.py``: ``current_index()``: one index per process, brought up to date
  when the database's listing generation (``articles/sql/listing_generation.sql``)
  moves: the articles its change log names are re-read (``apply_changes``), or,
  when the log cannot say, every row (``build_index``);
- ``splice.py``: those re-read rows merged into the arrays.

docs/search-and-listing.md describes the design and its costs.
"""
