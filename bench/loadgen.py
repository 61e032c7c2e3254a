"""A small HTTP load generator, for when wrk cannot be installed.

    python bench/loadgen.py http://127.0.0.1:8000/ --duration 10 --connections 8

Keep-alive connections, one thread each, for a fixed duration; prints the same
``BENCH`` lines as bench/report.lua does for wrk. It is written in Python, so it
uses far more CPU per request than wrk: on a 2-core machine it takes a larger
share from the server, and its figures are lower than wrk's.
"""

import argparse
import http.client
import threading
import time
from urllib.parse import urlsplit


def _worker(url, deadline, latencies, errors, lock):
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    mine, failed = [], 0
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status >= 400:
                failed += 1
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
        except (OSError, http.client.HTTPException):
            failed += 1
            conn.close()
            continue
        mine.append(time.perf_counter() - started)
    conn.close()
    with lock:
        latencies.extend(mine)
        errors[0] += failed


def run(url: str, *, duration: float, connections: int) -> dict:
    latencies, errors, lock = [], [0], threading.Lock()
    started = time.monotonic()
    deadline = started + duration
    threads = [
        threading.Thread(target=_worker, args=(url, deadline, latencies, errors, lock))
        for _ in range(connections)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()

    def percentile(p):
        if not latencies:
            return 0.0
        return latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))] * 1e6

    return {
        "requests": len(latencies),
        "duration_us": elapsed * 1e6,
        "p50_us": percentile(50),
        "p99_us": percentile(99),
        "errors": errors[0],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    for key, value in run(args.url, duration=args.duration, connections=args.connections).items():
        print(f"BENCH {key} {value}")


if __name__ == "__main__":
    main()
