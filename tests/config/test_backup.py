"""A backup restored into a fresh database gives back every row of every table."""

import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

from articles.versioning import versioned

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]


def database_url(name):
    """A DATABASE_URL for another database on the server the tests use."""
    settings = connection.settings_dict
    host = quote(settings["HOST"] or "", safe="")
    password = f":{quote(settings['PASSWORD'])}" if settings["PASSWORD"] else ""
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    return f"postgres://{settings['USER']}{password}@{host}{port}/{name}"


def manage(*args, url):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key != "PYTEST_XDIST_WORKER" and not key.startswith("DJANGO_")
    }
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.test", DATABASE_URL=url)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def fingerprint(conninfo):
    """Every table of the public schema: (row count, md5 of its rows in a fixed order)."""
    with psycopg.connect(conninfo, autocommit=True) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        return {
            table: conn.execute(
                f"SELECT count(*), md5(coalesce(string_agg(r::text, E'\\n' ORDER BY r::text), ''))"
                f' FROM "{table}" r'
            ).fetchone()
            for table in tables
        }


def conninfo(name):
    settings = connection.settings_dict
    connection.ensure_connection()
    return psycopg.conninfo.make_conninfo(
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        dbname=name,
    )


@pytest.fixture
def backup_dir():
    """Not pytest's tmp_path: other pytest runs of the same user may prune it meanwhile."""
    with tempfile.TemporaryDirectory(prefix="sahel-backup-") as directory:
        yield Path(directory)


@pytest.fixture
def fresh_database():
    name = f"restore_check_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def newsroom(make_article, make_author, make_term, make_user, editor):
    """Articles with authors, terms, tags, updates; users; revisions of them."""
    # An earlier transactional test on this worker may have emptied and refilled the
    # content types: ids the process cached then no longer exist.
    ContentType.objects.clear_cache()
    author = make_author(name="Aïssata Dembélé")
    term = make_term(name="Kidal")
    for n in range(3):
        article = make_article(
            authors=[author],
            terms=[term],
            tags=["minusma", f"tag {n}"],
            updates=[
                {
                    "kind": "correction",
                    "title": "Fixed",
                    "body": "<p>Fixed.</p>",
                    "published_at": f"2024-01-0{n + 1}T10:00:00Z",
                    "order": 1,
                }
            ],
        )
        with versioned(user=editor, comment=f"Revision {n}"):
            reversion.add_to_revision(article)
    make_user("Contributor")


def test_a_restore_into_a_fresh_database_gives_back_every_row(
    newsroom, fresh_database, backup_dir
):
    out = call_command("backup", output_dir=backup_dir, verbosity=0)
    dumps = list(backup_dir.glob("*.dump"))
    assert len(dumps) == 1, out
    result = manage("restore", str(dumps[0]), url=database_url(fresh_database))
    assert result.returncode == 0, result.stderr
    assert "Restored" in result.stdout
    original = fingerprint(conninfo(connection.settings_dict["NAME"]))
    restored = fingerprint(conninfo(fresh_database))
    assert original["articles_article"][0] == 3
    assert original["reversion_version"][0] >= 3
    assert original["auth_user"][0] >= 2
    assert restored == original


def test_a_restore_refuses_a_database_that_has_data_unless_forced(
    newsroom, fresh_database, backup_dir
):
    call_command("backup", output_dir=backup_dir, verbosity=0)
    dump = str(next(backup_dir.glob("*.dump")))
    url = database_url(fresh_database)
    assert manage("restore", dump, url=url).returncode == 0
    with psycopg.connect(conninfo(fresh_database), autocommit=True) as conn:
        conn.execute("DELETE FROM articles_update")  # a change since the backup
    refused = manage("restore", dump, url=url)
    assert refused.returncode == 1
    assert "has data" in refused.stderr and "--force" in refused.stderr
    assert fingerprint(conninfo(fresh_database))["articles_update"][0] == 0  # untouched
    forced = manage("restore", dump, "--force", url=url)
    assert forced.returncode == 0, forced.stderr
    assert fingerprint(conninfo(fresh_database)) == fingerprint(
        conninfo(connection.settings_dict["NAME"])
    )


def test_a_file_that_is_not_a_backup_is_refused_in_one_line(fresh_database, backup_dir):
    bogus = backup_dir / "notes.dump"
    bogus.write_text("not a dump")
    result = manage("restore", str(bogus), url=database_url(fresh_database))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"CommandError: {bogus}: not a pg_dump archive in custom format (make backup)."
    ]
