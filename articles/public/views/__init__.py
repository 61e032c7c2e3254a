"""The reader's site: one module per kind of page."""
