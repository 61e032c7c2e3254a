#!/usr/bin/env python
"""Readers under editors' writes: `make bench-writes` (or `bench/writes.py --help`).

The pages of `make bench` (bench/common.py's PAGES: article, listing, filtered
listing, searches, feed), each against the hello-world ceiling measured beside it,
twice in one run for each cache mode: readers only, then readers while
bench/editor.py saves an article every few seconds and publishes one every half
minute through the services. Page cache off (cold) and on (warm, Redis: REDIS_URL,
else a private redis-server on a free port, so that the editor's changes reach
every worker as in production). Same database as `make bench` at that scale.
"""

import argparse
import os
import platform
import re
import shutil
import subprocess
import time
from pathlib import Path

from common import (
    PYTHON,
    ROOT,
    add_load_arguments,
    base_environment,
    free_port,
    is_failed,
    loadgen_for,
    machine,
    measure_pages,
    prepare,
    server_environment,
    start_server,
    stop_server,
)


def parse_args():
    parser = argparse.ArgumentParser(description="Readers under editors' writes.")
    parser.add_argument("--articles", type=int, default=100_000, help="default: 100,000")
    parser.add_argument("--modes", default="cold,warm", help="cold, warm or both")
    parser.add_argument("--save-every", type=float, default=5, help="seconds between saves")
    parser.add_argument("--publish-every", type=float, default=30, help="seconds")
    add_load_arguments(parser)
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "last-run-writes.md")
    return parser.parse_args()


def private_redis():
    """A redis-server of our own on a free port (no persistence), or None without one."""
    binary = shutil.which("redis-server")
    if not binary:
        return None, None
    port = free_port()
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    time.sleep(0.5)
    return server, f"redis://127.0.0.1:{port}/0"


def start_editor(env, args):
    command = [PYTHON, str(ROOT / "bench" / "editor.py")]
    command += ["--save-every", str(args.save_every), "--publish-every", str(args.publish_every)]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True, start_new_session=True
    )


def stop_editor(editor) -> dict:
    editor.terminate()
    try:
        output, _ = editor.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        editor.kill()
        output, _ = editor.communicate()
    found = re.search(r"EDITOR saves (\d+) publishes (\d+) mean_ms ([\d.]+)", output or "")
    if not found:
        return {"saves": 0, "publishes": 0, "mean_ms": 0.0, "failed": True}
    saves, publishes, mean = found.groups()
    return {"saves": int(saves), "publishes": int(publishes), "mean_ms": float(mean)}


def measure(env, args, loadgen, *, cached: bool) -> tuple[list, list, dict]:
    mode = "warm" if cached else "cold"
    port = free_port()
    print(f"== {mode}: gunicorn ({args.workers} workers) on 127.0.0.1:{port}, readers only")
    server = start_server(env, port=port, workers=args.workers, cached=cached)
    try:
        quiet = measure_pages(port, args, loadgen, mode=mode)
        print(f"== {mode}: readers while an editor saves every {args.save_every:g} s")
        editor_env = server_environment(env, port=port, workers=args.workers, cached=cached)
        editor = start_editor(editor_env, args)
        try:
            busy = measure_pages(port, args, loadgen, mode=mode)
        finally:
            writes = stop_editor(editor)
    finally:
        stop_server(server)
    return quiet, busy, writes


def comparison(pairs) -> str:
    lines = [
        "| page | cache | readers only: req/s | p50 ms | p99 ms | with writes: req/s | p50 ms "
        "| p99 ms | ceiling req/s (with writes) | with writes vs ceiling | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for quiet, busy in pairs:
        errors = quiet["errors"] + busy["errors"]
        if 200 not in (quiet["status"], busy["status"]) or not (quiet["rps"] and busy["rps"]):
            errors = f"{errors} (a page did not answer 200, or no request finished)"
        lines.append(
            f"| {quiet['page']} | {quiet['mode']} | {quiet['rps']:,.0f} | {quiet['p50']:.1f} | "
            f"{quiet['p99']:.1f} | {busy['rps']:,.0f} | {busy['p50']:.1f} | {busy['p99']:.1f} "
            f"| {busy['ceiling']:,.0f} | {busy['ratio']:.0%} | {errors} |"
        )
    return "\n".join(lines)


def main():
    args = parse_args()
    loadgen, generator = loadgen_for(args)
    env, database = base_environment(args.articles)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    redis = None
    if "warm" in modes and not env.get("REDIS_URL"):
        redis, env["REDIS_URL"] = private_redis()
        if redis is None:
            raise SystemExit("The warm mode needs Redis: set REDIS_URL or install redis-server.")
    cache = f"Redis ({env['REDIS_URL']})" if env.get("REDIS_URL") else "none"
    try:
        version, total, published = prepare(env, args.articles)
        load_before = os.getloadavg()[0]
        pairs, editors, rows = [], [], []
        for mode in modes:
            quiet, busy, writes = measure(env, args, loadgen, cached=mode == "warm")
            pairs += list(zip(quiet, busy, strict=True))
            rows += quiet + busy
            editors.append(
                f"{mode}: {writes['saves']} saves and {writes['publishes']} publications, "
                f"{writes['mean_ms']:.0f} ms each on average"
                + (
                    " (the editor script failed: see its output above)"
                    if "failed" in writes
                    else ""
                )
            )
    finally:
        if redis is not None:
            redis.terminate()
            redis.wait()
    summary = "\n".join(
        [
            f"- Machine: {machine()}; Python {platform.python_version()}",
            f"- Database: {database}, PostgreSQL {version}; {int(total):,} articles "
            f"({int(published):,} published)",
            f"- Server: gunicorn, {args.workers} sync workers, config.settings.prod (DEBUG off), "
            f"persistent connections; warm cache: {cache}",
            f"- Load: {generator} per page after a {args.warmup} s warm-up, on 127.0.0.1",
            f"- Writes: bench/editor.py, a save every {args.save_every:g} s and a publication "
            f"every {args.publish_every:g} s through the services; " + "; ".join(editors),
            f"- Machine load average (1 min) before / after: {load_before:.1f} / "
            f"{os.getloadavg()[0]:.1f}",
        ]
    )
    report = f"{summary}\n\n{comparison(pairs)}\n"
    args.output.write_text(report)
    print(f"\n{report}\n(also written to {args.output})")
    return 1 if is_failed(rows) or any("failed" in e for e in editors) else 0


if __name__ == "__main__":
    raise SystemExit(main())
