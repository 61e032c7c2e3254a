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
