"""The benchmark's own parts: the ceiling view, the fallback load generator, the chart."""

import importlib.util
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db


def _bench_module(name):
    """A script of bench/ as a module (bench/ is not a package)."""
    bench = Path(__file__).resolve().parents[3] / "bench"
    spec = importlib.util.spec_from_file_location(f"bench_{name}", bench / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _loadgen():
    return _bench_module("loadgen")


def test_hello_world_touches_neither_database_nor_cache(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/hello/")
    assert response.status_code == 200
    assert response.text == "Hello, world\n"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        body = b"Hello" if self.path == "/hello/" else b"Not found"
        self.send_response(200 if self.path == "/hello/" else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def http_server():
    """A plain HTTP server: the load generator needs no Django (nor a flushed database)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_fallback_load_generator_counts_requests_and_errors(http_server):
    ok = _loadgen().run(f"{http_server}/hello/", duration=0.5, connections=2)
    assert ok["requests"] > 0
    assert ok["errors"] == 0
    assert 0 < ok["p50_us"] <= ok["p99_us"]
    missing = _loadgen().run(f"{http_server}/no-such-page/", duration=0.3, connections=1)
    assert missing["errors"] > 0


def test_the_scale_chart_is_a_png_with_a_line_per_page(tmp_path):
    rows = [
        {"page": page, "mode": mode, "articles": n, "p50": p50 * n / 1000, "rps": 1000 / p50}
        for page, p50 in (("listing", 5.0), ("article page", 2.0))
        for mode in ("cold", "warm")
        for n in (10_000, 100_000, 1_000_000)
    ]
    path = _bench_module("chart").scale_chart(rows, tmp_path / "curve.png")
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 20_000  # four panels with lines, not an empty canvas
