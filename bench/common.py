"""What the benchmarks share: the database, the server, the load generator, one measure.

bench/run.py (the pages against the hello-world ceiling, at one or several scales)
and bench/writes.py (the same under editors' writes) are built from these.
"""

import http.client
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

# What is measured: edit freely. "{article}" becomes a published article's address.
PAGES = [
    ("hello-world (ceiling)", "/hello/"),
    ("article page", "{article}"),
    ("listing", "/"),
    ("listing, two vocabulary filters", "/?places=mali&organisations=minusma"),
    ("search", "/?q=minusma"),
    ("search with filters", "/?q=minusma&places=mali"),
    ("feed", "/feeds/rss/"),
    ("API: article list", "/api/articles/"),
]
BENCH_DATABASE = "newsroom_bench"

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
LOG = ROOT / ".data" / "bench-server.log"


# -- The database -------------------------------------------------------------------


def base_environment(articles: int) -> tuple[dict, str]:
    """The environment of every child process, and a description of the database.

    Each scale has its own database, reused when present: an embedded PostgreSQL in
    ``.data/bench-postgres-<articles>/``, or a database ``newsroom_bench_<articles>`` on
    the server of DATABASE_URL. The development data is never touched.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        # Plain HTTP on loopback: no HTTPS redirect, HSTS or secure-only cookies.
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SECURE_HSTS_SECONDS="0",
        DJANGO_SECURE_COOKIES="false",
        # Every request of a run comes from one address: no per-address API limit.
        DJANGO_API_RATE_LIMIT="",
    )
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        folder = f"bench-postgres-{articles}"
        env["EMBEDDED_PGDATA"] = str(ROOT / ".data" / folder)
        return env, f"embedded PostgreSQL 18 in .data/{folder}/"
    name = f"{BENCH_DATABASE}_{articles}"
    parts = urlsplit(url)
    env["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
    _create_database(url, name)
    return env, f"PostgreSQL at {parts.hostname}:{parts.port or 5432}, database {name}"


def _create_database(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def manage(env, *args, capture=False) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout or ""


def prepare(env, articles: int) -> list[str]:
    """Migrate and generate (only what is missing); (server version, articles, published)."""
    print(f"== Preparing the database ({articles:,} synthetic articles; reused when present)")
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    # The generator is development tooling (articles.devtools), absent from production.
    dev = {**env, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    manage(dev, "generate_articles", "--count", str(articles), "--seed", "1", "--jobs", "2")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    return (
        manage(
            env,
            "shell",
            "--verbosity",
            "0",
            "-c",
            "from django.db import connection; from articles.models import Article; "
            "c = connection.cursor(); c.execute('SHOW server_version'); "
            "print(c.fetchone()[0].split()[0], Article.objects.count(), "
            "Article.objects.published().count())",
            capture=True,
        )
        .splitlines()[-1]
        .split()
    )


# -- The server ---------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str, *, timeout: float = 120) -> tuple[int, str]:
    """Status and body; status 0 when no answer came in time (the row is flagged)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    except (TimeoutError, OSError):
        return 0, ""
    finally:
        conn.close()


def server_environment(env, *, port: int, workers: int, cached: bool) -> dict:
    """The server's environment; an editor's script that shares its cache uses it too."""
    return {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
        "DJANGO_PAGE_CACHE_SECONDS": "600" if cached else "0",
        "DJANGO_CACHE_KEY_PREFIX": f"bench-{os.getpid()}-{'warm' if cached else 'cold'}",
    }


def start_server(env, *, port: int, workers: int, cached: bool):
    env = server_environment(env, port=port, workers=workers, cached=cached)
    LOG.parent.mkdir(parents=True, exist_ok=True)
    log = LOG.open("a")
    server = subprocess.Popen(
        [GUNICORN, "-c", "config/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}; see {LOG}")
        if get(port, "/hello/", timeout=5)[0] == 200:
            return server
        time.sleep(0.3)
    stop_server(server)
    raise SystemExit(f"gunicorn did not answer within 90 s; see {LOG}")


def stop_server(server) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


# -- The load generator -------------------------------------------------------------


def find_wrk() -> str | None:
    """wrk from Debian's packages, installed here if missing and we may."""
    if shutil.which("wrk"):
        return shutil.which("wrk")
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return None
    print("== Installing wrk with apt-get")
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "wrk"]
    if subprocess.run(install, env=env, **quiet).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], env=env, **quiet)
        subprocess.run(install, env=env, **quiet)
    return shutil.which("wrk")


def load(loadgen, url: str, *, seconds: int, args) -> dict:
    if loadgen == "python":
        command = [PYTHON, str(ROOT / "bench" / "loadgen.py"), url]
        command += ["--duration", str(seconds), "--connections", str(args.connections)]
    else:
        command = [loadgen, "-t", str(args.threads), "-c", str(args.connections)]
        command += ["-d", f"{seconds}s", "--timeout", "10s"]
        command += ["-s", str(ROOT / "bench" / "report.lua"), url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    values = dict(re.findall(r"^BENCH (\w+) ([\d.]+)$", output, re.M))
    return {key: float(value) for key, value in values.items()}


def article_path(port: int) -> str:
    """The address of the newest published article (the listing's first link)."""
    _status, listing = get(port, "/")
    match = re.search(r'href="(/articles/[^"/]+/)"', listing)
    return match.group(1) if match else "/articles/none/"


def measure_pages(port: int, args, loadgen, *, mode: str, pages=None) -> list[dict]:
    """Each page loaded for args.duration seconds, with the ceiling measured beside it."""
    pages = pages or PAGES
    article = article_path(port)
    rows = []
    for name, path in pages:
        path = path.format(article=article)
        url = f"http://127.0.0.1:{port}{path}"
        status, _ = get(port, path)
        if args.warmup:
            load(loadgen, url, seconds=args.warmup, args=args)
        ceiling = None
        if rows and args.ceiling == "each":
            # The ceiling again, just before this page: the cores are shared, and
            # what else runs on them changes within minutes.
            ceiling_url = f"http://127.0.0.1:{port}{pages[0][1]}"
            measured = load(loadgen, ceiling_url, seconds=args.duration, args=args)
            ceiling = measured.get("requests", 0) / (measured.get("duration_us", 0) / 1e6 or 1)
        result = load(loadgen, url, seconds=args.duration, args=args)
        seconds = result.get("duration_us", 0) / 1e6 or 1
        row = {
            "page": name,
            "path": path,
            "mode": mode,
            "status": status,
            "rps": result.get("requests", 0) / seconds,
            "p50": result.get("p50_us", 0) / 1000,
            "p99": result.get("p99_us", 0) / 1000,
            "errors": int(result.get("errors", 0)),
            "ceiling": ceiling,
        }
        rows.append(row)
        print(
            f"   {name:34} {row['rps']:9.1f} req/s  p50 {row['p50']:7.1f} ms"
            f"  p99 {row['p99']:7.1f} ms  status {status}  errors {row['errors']}"
        )
    for row in rows:
        row["ceiling"] = row["ceiling"] or rows[0]["rps"]
        row["ratio"] = row["rps"] / (row["ceiling"] or 1)
    return rows


def measure_mode(env, args, loadgen, *, cached: bool) -> list[dict]:
    mode = "warm" if cached else "cold"
    port = free_port()
    print(f"== {mode}: gunicorn ({args.workers} workers) on 127.0.0.1:{port}")
    server = start_server(env, port=port, workers=args.workers, cached=cached)
    try:
        return measure_pages(port, args, loadgen, mode=mode)
    finally:
        stop_server(server)


def loadgen_for(args) -> tuple[str, str]:
    """(the load generator, its description): wrk when it is there or can be installed."""
    wrk = None if args.loadgen == "python" else find_wrk()
    if args.loadgen == "wrk" and not wrk:
        raise SystemExit("wrk is not installed and could not be installed.")
    if wrk:
        return wrk, f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s"
    return "python", f"bench/loadgen.py, {args.connections} connections, {args.duration} s"


def add_load_arguments(parser) -> None:
    """The options both benchmarks take."""
    parser.add_argument("--duration", type=int, default=10, help="seconds per page and mode")
    parser.add_argument("--warmup", type=int, default=2, help="seconds before each measure")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="load-generator threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--loadgen", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument(
        "--ceiling",
        choices=["each", "once"],
        default="each",
        help="measure hello-world again right before each page (default), or once per mode",
    )


def table(rows, *, label: str = "cache") -> str:
    lines = [
        f"| page | {label} | req/s | p50 ms | p99 ms | ceiling req/s | vs ceiling | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        errors = str(row["errors"])
        if row["status"] != 200:
            errors += f" (answers {row['status'] or 'nothing in 120 s'})"
        if not row["rps"]:
            errors += " (no request finished within the duration)"
        lines.append(
            f"| {row['page']} | {row['mode']} | {row['rps']:,.0f} | {row['p50']:.1f} | "
            f"{row['p99']:.1f} | {row['ceiling']:,.0f} | {row['ratio']:.0%} | {errors} |"
        )
    return "\n".join(lines)


def is_failed(rows) -> bool:
    return any(row["errors"] or row["status"] != 200 or not row["rps"] for row in rows)


def machine() -> str:
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.M)
        model = found.group(1) if found else model
    return f"{os.cpu_count()} cores ({model}), {platform.system()} {platform.release()}"
