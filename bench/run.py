#!/usr/bin/env python
"""The benchmark: `make bench` (or `.venv/bin/python bench/run.py --help`).

1. Prepares, once per scale, a database of synthetic articles (`manage.py
   generate_articles`), apart from the development data (bench/common.py says where).
   Later runs reuse it (the generator adds only what is missing).
2. Starts the production server (gunicorn, 2 workers, config.settings.prod, DEBUG off)
   on 127.0.0.1 on a free port, once with the page cache off (cold) and once on (warm).
3. Loads each page of bench/common.py's PAGES for a fixed duration with a separate
   load-generator process: wrk (installed with apt-get when missing and possible), else
   bench/loadgen.py.
4. Prints requests per second, p50 and p99 latency, the ratio to the hello-world
   ceiling (hello-world measured again right before each page: the cores are
   shared), and the error count (non-2xx/3xx responses and socket errors; a page
   whose first answer is not 200 is flagged).

With `--scales 10000,100000,1000000` it does all that at each scale, each in its own
database, then prints the scale curve: each page's p50 and req/s per scale, as a table
and as a chart (a PNG beside the results, bench/chart.py).

The warm run uses Redis when REDIS_URL is set; otherwise each worker's local memory
(enough for a read-only load; not for production, see README).
"""

import argparse
import os
import platform
from pathlib import Path

from chart import scale_chart
from common import (
    ROOT,
    add_load_arguments,
    base_environment,
    is_failed,
    loadgen_for,
    machine,
    measure_mode,
    prepare,
    table,
)


def parse_args():
    parser = argparse.ArgumentParser(description="Load-test the production server.")
    parser.add_argument("--articles", type=int, default=100_000, help="default: 100,000")
    parser.add_argument(
        "--scales",
        help="several article counts, e.g. 10000,100000,1000000: the scale curve "
        "(overrides --articles)",
    )
    parser.add_argument("--modes", default="cold,warm", help="cold, warm or both")
    add_load_arguments(parser)
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "last-run.md")
    return parser.parse_args()


def scale_table(rows, scales) -> str:
    """One line per page and mode: p50 ms and req/s at each scale."""
    head = " | ".join(f"{n:,}: p50 ms / req/s" for n in scales)
    lines = [f"| page | cache | {head} |", "|---|---|" + "---:|" * len(scales)]
    keys = list(dict.fromkeys((row["page"], row["mode"]) for row in rows))
    for page, mode in keys:
        cells = []
        for n in scales:
            found = [r for r in rows if (r["page"], r["mode"], r["articles"]) == (page, mode, n)]
            cells.append(f"{found[0]['p50']:.1f} / {found[0]['rps']:,.0f}" if found else "")
        lines.append(f"| {page} | {mode} | {' | '.join(cells)} |")
    return "\n".join(lines)


def main():
    args = parse_args()
    scales = [int(n) for n in args.scales.split(",")] if args.scales else [args.articles]
    loadgen, generator = loadgen_for(args)
    cache = "Redis (REDIS_URL)" if os.environ.get("REDIS_URL") else "local memory per worker"
    load_before = os.getloadavg()[0]
    rows, sections = [], []
    for articles in scales:
        env, database = base_environment(articles)
        version, total, published = prepare(env, articles)
        scale_rows = []
        for mode in [m.strip() for m in args.modes.split(",") if m.strip()]:
            scale_rows += measure_mode(env, args, loadgen, cached=mode == "warm")
        for row in scale_rows:
            row["articles"] = articles
        rows += scale_rows
        sections.append(
            f"### {articles:,} articles\n\n- Database: {database}, PostgreSQL {version}; "
            f"{int(total):,} articles ({int(published):,} published)\n\n{table(scale_rows)}"
        )

    summary = "\n".join(
        [
            f"- Machine: {machine()}; Python {platform.python_version()}",
            f"- Server: gunicorn, {args.workers} sync workers, config.settings.prod (DEBUG off), "
            f"persistent connections; warm cache: {cache}",
            f"- Load: {generator} per page after a {args.warmup} s warm-up, on 127.0.0.1",
            # The cores are shared: what else ran is part of the result.
            f"- Machine load average (1 min) before / after: {load_before:.1f} / "
            f"{os.getloadavg()[0]:.1f}",
        ]
    )
    report = f"{summary}\n\n" + "\n\n".join(sections) + "\n"
    if len(scales) > 1:
        chart = args.output.with_suffix(".png")
        scale_chart(rows, chart)
        report += (
            f"\n### The scale curve\n\n{scale_table(rows, scales)}\n\n"
            f"![p50 per page and scale]({chart.name})\n"
        )
    args.output.write_text(report)
    print(f"\n{report}\n(also written to {args.output})")
    return 1 if is_failed(rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
