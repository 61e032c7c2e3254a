"""Real-browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Every test in this folder is marked `browser` (run them alone with `pytest -m browser`).
Without Chromium they are skipped with a reason that says how to install it; with
REQUIRE_BROWSER_TESTS=1 (set by .ci/run) a missing Chromium is an error instead.
"""

import os
import shutil
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.utils import timezone

from articles.models import Update

from .helpers import DESKTOP, PHONE

# Playwright's sync API runs an event loop in the test's thread; Django refuses ORM
# calls from a thread with a running loop unless told otherwise (pytest-django docs).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

HERE = Path(__file__).parent
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
HAS_CHROMIUM = os.access(CHROMIUM, os.X_OK)
REQUIRED = os.environ.get("REQUIRE_BROWSER_TESTS") == "1"
INSTALL_HINT = (
    f"Chromium not found at {CHROMIUM}: browser tests skipped. Install it with "
    "`sudo apt-get install -y chromium` (Debian/Ubuntu), or set CHROMIUM_PATH."
)
# The flags the machine notes give: without the background-networking ones Chromium
# keeps trying hosts this closed network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE not in Path(item.fspath).parents:
            continue
        item.add_marker(pytest.mark.browser)
        if not HAS_CHROMIUM and not REQUIRED:
            item.add_marker(pytest.mark.skip(reason=INSTALL_HINT))
    _restoring_tests_first(items)


def _restoring_tests_first(items):
    """Among the transactional tests, run those with serialized_rollback first.

    A transactional test without it (tests/test_bench.py's live_server test, say) ends
    with a flush that recreates content types and permissions under new ids; the next
    serialized_rollback test then cannot load the saved rows back (duplicate content
    types) and starts without the newsroom groups. pytest-django already runs the
    transactional tests after the others; this only reorders them among themselves.
    """

    def transactional(item):
        marker = item.get_closest_marker("django_db")
        return bool(marker and marker.kwargs.get("transaction")) or bool(
            {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
        )

    def restoring(item):
        marker = item.get_closest_marker("django_db")
        return bool(marker and marker.kwargs.get("serialized_rollback"))

    slots = [n for n, item in enumerate(items) if transactional(item)]
    ordered = sorted((items[n] for n in slots), key=lambda item: not restoring(item))
    for n, item in zip(slots, ordered, strict=True):
        items[n] = item


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not HAS_CHROMIUM:
        pytest.fail(f"REQUIRE_BROWSER_TESTS=1 and {INSTALL_HINT}", pytrace=False)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(live_server):
    """Relative addresses (`page.goto("/")`) go to the live server."""
    return live_server.url


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def device_page(request, new_context):
    """A page on a phone-sized, then a desktop-sized viewport."""
    return new_context(**request.param).new_page()


@pytest.fixture
def newsroom(make_vocabulary, make_term, make_author, make_article):
    """Three vocabularies with term trees and six published articles, one with an update
    and one with a correction, plus a draft that must never show."""
    places = make_vocabulary(name="Places", slug="places", position=0)
    organisations = make_vocabulary(name="Organisations", slug="organisations", position=1)
    people = make_vocabulary(name="People", slug="people", position=2)
    africa = make_term(vocabulary=places, name="Africa", slug="africa")
    sahel = make_term(vocabulary=places, name="Sahel", slug="sahel", parent=africa)
    mali = make_term(vocabulary=places, name="Mali", slug="mali", parent=sahel)
    gao = make_term(vocabulary=places, name="Gao", slug="gao", parent=mali)
    niger = make_term(vocabulary=places, name="Niger", slug="niger", parent=sahel)
    un = make_term(vocabulary=organisations, name="United Nations", slug="un")
    minusma = make_term(
        vocabulary=organisations,
        name="MINUSMA",
        slug="minusma",
        parent=un,
        aliases=["UN Multidimensional Integrated Stabilization Mission in Mali"],
    )
    ecowas = make_term(vocabulary=organisations, name="ECOWAS", slug="ecowas")
    keita = make_term(
        vocabulary=people, name="Ibrahim Boubacar Keïta", slug="keita", aliases=["Keita"]
    )
    zach = make_author(name="Zach Silberman", slug="zach-silberman")
    ada = make_author(name="Ada Diallo", slug="ada-diallo")
    now = timezone.now()
    ambush = make_article(
        title="Ambush near Gao",
        slug="ambush-near-gao",
        body="<p>Peacekeepers were attacked on the road from Gao to Ansongo.</p>",
        published_at=now - timedelta(days=6),
        terms=[gao, minusma],
        authors=[zach],
        tags=["peacekeeping"],
    )
    convoy = make_article(
        title="Convoy destroyed in Niger",
        slug="convoy-destroyed-in-niger",
        body="<p>Operation Barkhane struck a convoy bound for northern Mali.</p>",
        published_at=now - timedelta(days=5),
        terms=[niger],
        authors=[ada, zach],
        updates=[
            {
                "kind": Update.Kind.CORRECTION,
                "body": "<p>The convoy came from Libya, not Algeria.</p>",
                "published_at": now - timedelta(days=4),
            }
        ],
    )
    force = make_article(
        title="ECOWAS plans a force",
        slug="ecowas-plans-a-force",
        standfirst="West African states prepare troops for northern Mali.",
        body="<p>President Keïta asked the regional bloc for help against the rebels.</p>",
        published_at=now - timedelta(days=4),
        terms=[mali, ecowas, keita],
        authors=[ada],
        tags=["intervention"],
        updates=[
            {
                "kind": Update.Kind.UPDATE,
                "body": "<p>The Security Council endorsed the force.</p>",
                "published_at": now - timedelta(days=1),
            }
        ],
    )
    timbuktu = make_article(
        title="Peacekeepers return to Timbuktu",
        slug="peacekeepers-return-to-timbuktu",
        body="<p>Blue helmets patrol the old town again.</p>",
        published_at=now - timedelta(days=3),
        terms=[mali, minusma],
        authors=[zach],
    )
    talks = make_article(
        title="Niger hosts ECOWAS talks",
        slug="niger-hosts-ecowas-talks",
        body="<p>Ministers met in Niamey.</p>",
        published_at=now - timedelta(days=2),
        terms=[niger, ecowas],
        authors=[ada],
    )
    budget = make_article(
        title="The mission's budget",
        slug="the-missions-budget",
        body="<p>The General Assembly approved the peacekeeping budget.</p>",
        published_at=now - timedelta(hours=12),
        terms=[minusma],
    )
    draft = make_article(
        title="Secret draft about Gao",
        slug="secret-draft",
        status="draft",
        terms=[gao, ecowas],
    )
    return SimpleNamespace(**locals())
