"""The benchmark's own parts: the ceiling view and the fallback load generator."""

import importlib.util
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db


def _loadgen():
    path = Path(__file__).resolve().parent.parent / "bench" / "loadgen.py"
    spec = importlib.util.spec_from_file_location("bench_loadgen", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_hello_world_touches_neither_database_nor_cache(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/hello/")
    assert response.status_code == 200
    assert response.text == "Hello, world\n"


def test_fallback_load_generator_counts_requests_and_errors(live_server):
    ok = _loadgen().run(f"{live_server.url}/hello/", duration=0.5, connections=2)
    assert ok["requests"] > 0
    assert ok["errors"] == 0
    assert 0 < ok["p50_us"] <= ok["p99_us"]
    missing = _loadgen().run(f"{live_server.url}/no-such-page/", duration=0.3, connections=1)
    assert missing["errors"] > 0
