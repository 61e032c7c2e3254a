"""Edge caching through a real Varnish (Debian's varnish and varnish-modules' xkey).

The test starts its own varnishd with deploy/varnish/default.vcl, its backend
pointed at the live server; editorial changes purge their tags there through
the VarnishXkey adapter. Without varnishd the tests are skipped with a reason;
with REQUIRE_VARNISH_TESTS=1 (set by .ci/run) a missing varnishd is an error.
"""

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings as django_settings

from .live import fetch

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

VARNISHD = os.environ.get("VARNISHD_PATH") or shutil.which("varnishd") or "/usr/sbin/varnishd"
HAS_VARNISH = os.access(VARNISHD, os.X_OK)
REQUIRED = os.environ.get("REQUIRE_VARNISH_TESTS") == "1"
VCL = Path(django_settings.BASE_DIR) / "deploy" / "varnish" / "default.vcl"
INSTALL_HINT = (
    f"varnishd not found at {VARNISHD}: edge cache tests skipped. Install it with "
    "`sudo apt-get install -y varnish varnish-modules` (Debian/Ubuntu), or set VARNISHD_PATH."
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.fixture
def varnish(live_server, settings):
    """A varnishd of this test's own in front of the live server, purged by the app."""
    if not HAS_VARNISH:
        if REQUIRED:
            pytest.fail(INSTALL_HINT)
        pytest.skip(INSTALL_HINT)
    workdir = Path(tempfile.mkdtemp(prefix="varnish-"))
    workdir.chmod(0o755)  # varnishd's worker runs as its own user
    backend = urlparse(live_server.url)
    vcl = workdir / "test.vcl"
    # The live server listens on localhost's IPv4 address, the VCL's backend host.
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{backend.port}";'))
    vcl.chmod(0o644)
    port = _free_port()
    command = [VARNISHD, "-F", "-n", str(workdir / "n"), "-a", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        [*command, "-f", str(vcl), "-s", "malloc,64m"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while not _answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"varnishd did not start: {process.stdout.read().decode()}")
            time.sleep(0.1)
        url = f"http://127.0.0.1:{port}"
        settings.PAGE_CACHE_SECONDS = 600
        settings.EDGE_CACHE_BACKEND = "articles.pagecache.edge.VarnishXkey"
        settings.EDGE_CACHE_PURGE_URL = f"{url}/"
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


def edge(url):
    """(Varnish's hit or miss, the page's text) for one request through Varnish."""
    status, headers, text = fetch(url)
    assert status == 200
    is_hit = len(headers["X-Varnish"].split()) == 2  # a hit names the request that stored it
    assert (headers["X-Edge-Cache"] == "hit") is is_hit
    assert "Age" in headers
    return ("hit" if is_hit else "miss"), text


def test_a_second_request_is_an_edge_hit(varnish, world):
    url = varnish + world.gao_ambush.get_absolute_url()
    assert edge(url)[0] == "miss"
    _, headers, _ = fetch(url)
    assert len(headers["X-Varnish"].split()) == 2
    assert f"article:{world.gao_ambush.pk}" in headers["Surrogate-Key"].split()


def test_a_save_purges_the_pages_that_show_the_article_only(varnish, world, make_article):
    a = varnish + world.gao_ambush.get_absolute_url()
    # No term (not even a broader one), author or tag shared with a: not among its related.
    unrelated = make_article(title="Sanctions on a bank", slug="sanctions", terms=[world.ecowas])
    b = varnish + unrelated.get_absolute_url()
    listing = varnish + "/"
    for url in (a, b, listing):
        edge(url)
        assert edge(url)[0] == "hit"
    world.gao_ambush.title = "Deadly ambush near Gao"
    world.gao_ambush.save()
    for url in (a, listing):
        how, text = edge(url)
        assert how == "miss", url
        assert "Deadly ambush near Gao" in text
    assert edge(b)[0] == "hit"
    assert edge(a)[0] == "hit"


def test_error_pages_are_not_kept_at_the_edge(varnish, world):
    missing = varnish + "/articles/no-such-article/"
    for _ in range(2):
        with pytest.raises(urllib.error.HTTPError) as error:
            fetch(missing)
        assert error.value.code == 404
        assert len(error.value.headers["X-Varnish"].split()) == 1  # never a hit
