"""Django's PostgreSQL backend, on the embedded server started when first needed.

``ENGINE: "config.embedded_backend"`` (config/database.py, when DATABASE_URL is
unset): the server starts, or is joined, on the first connection a process
opens, not when the settings are imported.
"""
