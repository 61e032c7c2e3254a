"""gunicorn settings for `make serve` and the benchmark; override with GUNICORN_CMD_ARGS."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: one per core (WEB_CONCURRENCY); requests are short and CPU-bound.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
wsgi_app = "config.wsgi:application"
# The proxy in front terminates TLS and sets X-Forwarded-Proto.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
graceful_timeout = 10
# gunicorn 24+ opens a control socket at one fixed path per user; two servers on one
# machine (make serve and the benchmark) would share it. We do not use it.
control_socket_disable = True
# The longest request line gunicorn accepts (its maximum but for "unlimited"): a listing
# URL of up to 8,000 bytes reaches Django, which ignores a search longer than 200
# characters with a notice (docs/security.md; tests/config/test_request_limits.py).
limit_request_line = 8190
