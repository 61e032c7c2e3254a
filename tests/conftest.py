import itertools
import uuid
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from articles.models import Article, ArticleAuthor, Author, Update
from taxonomy.models import Term, Vocabulary

_sequence = itertools.count(1)


@pytest.fixture(autouse=True)
def _cache_of_its_own(settings):
    """Each test starts with an empty cache: a key prefix of its own.

    Prefixes rather than cache.clear(), which on Redis (REDIS_URL set) would
    flush a server that other processes may be using.
    """
    settings.CACHES = {
        name: {**config, "KEY_PREFIX": f"test-{uuid.uuid4().hex}", "TIMEOUT": 600}
        for name, config in settings.CACHES.items()
    }


@pytest.fixture(scope="session")
def _seed_rows(django_db_setup, django_db_blocker):
    """The rows `loaddata seed_documents` writes, read once per test database.

    Loading the fixture costs most of a second (parsing, natural-key look-ups, and the
    search triggers re-indexing each article per term added); copying its rows back
    costs a few milliseconds. So the fixture is loaded once, in a transaction that is
    rolled back, and every table it filled (whatever wrote there: loaddata, a signal
    or a trigger) is read with COPY. None when the rows cannot be restored exactly:
    the database user may not switch triggers off, or a table had rows already.
    """
    with django_db_blocker.unblock(), transaction.atomic(), connection.cursor() as cursor:
        try:
            return _load_and_copy(cursor)
        finally:
            transaction.set_rollback(True)


def _load_and_copy(cursor):
    cursor.execute("SELECT current_setting('is_superuser') = 'on'")
    if not cursor.fetchone()[0]:
        return None
    tables = connection.introspection.table_names(cursor)
    before = _row_counts(cursor, tables)
    call_command("loaddata", "seed_documents", verbosity=0)
    after = _row_counts(cursor, tables)
    filled = [table for table in tables if after[table] != before[table]]
    if any(before[table] for table in filled):
        return None
    rows = {}
    for table in filled:
        columns = _stored_columns(cursor, table)
        with cursor.copy(f"COPY {table} ({columns}) TO STDOUT") as copy:
            rows[table] = (columns, b"".join(bytes(chunk) for chunk in copy))
    return rows


def _row_counts(cursor, tables):
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def _stored_columns(cursor, table):
    """The table's columns minus generated ones (COPY FROM refuses those)."""
    cursor.execute(
        "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0"
        " AND NOT attisdropped AND attgenerated = '' ORDER BY attnum",
        [connection.ops.quote_name(table)],
    )
    return ", ".join(connection.ops.quote_name(name) for (name,) in cursor.fetchall())


@pytest.fixture
def seeded(db, _seed_rows):
    """The seed documents, as `loaddata seed_documents` (`make run`) leaves them.

    The rows are copied back as they were after a real load, triggers off (replica
    mode) so that the search triggers do not index everything again; sequences are
    moved past the copied ids and the listing generation is moved. The test's
    transaction still rolls it all back.
    """
    with connection.cursor() as cursor:
        if _seed_rows is None or any(_row_counts(cursor, _seed_rows).values()):
            call_command("loaddata", "seed_documents", verbosity=0)
            return
        cursor.execute("SET LOCAL session_replication_role = replica")
        for table, (columns, data) in _seed_rows.items():
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                copy.write(data)
        cursor.execute("SET LOCAL session_replication_role = origin")
        # Triggers were off: move the listing generation as they would have
        # (articles/sql/listing_generation.sql), or a process's listing index
        # built before would still be taken for these rows.
        cursor.execute("SELECT articles_listing_changed()")
        for table in _seed_rows:
            for sequence in connection.introspection.get_sequences(cursor, table):
                column = connection.ops.quote_name(sequence["column"])
                cursor.execute(
                    f"SELECT setval(%(name)s, GREATEST(nextval(%(name)s), max({column})))"
                    f" FROM {table}",
                    {"name": sequence["name"]},
                )


@pytest.fixture
def make_vocabulary(db):
    def make(**fields):
        n = next(_sequence)
        fields.setdefault("name", f"Vocabulary {n}")
        fields.setdefault("slug", f"vocabulary-{n}")
        return Vocabulary.objects.create(**fields)

    return make


@pytest.fixture
def make_term(db, make_vocabulary):
    def make(**fields):
        n = next(_sequence)
        if "vocabulary" not in fields:
            fields["vocabulary"] = (
                fields["parent"].vocabulary if fields.get("parent") else make_vocabulary()
            )
        fields.setdefault("name", f"Term {n}")
        fields.setdefault("slug", f"term-{n}")
        return Term.objects.create(**fields)

    return make


@pytest.fixture
def make_author(db):
    def make(**fields):
        n = next(_sequence)
        fields.setdefault("name", f"Author {n}")
        fields.setdefault("slug", f"author-{n}")
        return Author.objects.create(**fields)

    return make


@pytest.fixture
def make_article(db):
    """A published article by default; pass status/published_at to change that."""

    def make(*, authors=(), terms=(), tags=(), updates=(), **fields):
        n = next(_sequence)
        fields.setdefault("title", f"Article {n}")
        fields.setdefault("slug", f"article-{n}")
        fields.setdefault("standfirst", f"Standfirst of article {n}.")
        fields.setdefault("body", f"<p>Body of article {n}.</p>")
        fields.setdefault("status", Article.Status.PUBLISHED)
        if fields["status"] == Article.Status.PUBLISHED:
            fields.setdefault("published_at", timezone.now() - timedelta(days=n))
        article = Article.objects.create(**fields)
        for position, author in enumerate(authors):
            ArticleAuthor.objects.create(article=article, author=author, position=position)
        article.terms.set(terms)
        if tags:
            article.tags.set(list(tags))
        for update in updates:
            Update.objects.create(article=article, **update)
        return article

    return make


def editorial_group(name):
    """The group of that name, made by migration articles/0004_editorial_groups.

    A transactional test (live_server, the browser tests) ends by emptying every
    table; Django then recreates permissions, but not the rows data migrations
    made. So a later test on the same worker runs that migration's own function
    again (it only adds what is missing) when the group is gone.
    """
    from importlib import import_module

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    if not Group.objects.filter(name=name).exists():
        migration = ("articles", "0004_editorial_groups")
        state = MigrationLoader(connection).project_state(migration)
        import_module("articles.migrations.0004_editorial_groups").create_groups(state.apps, None)
        media = ("articles", "0013_media_permissions")
        state = MigrationLoader(connection).project_state(media)
        import_module("articles.migrations.0013_media_permissions").grant(state.apps, None)
    return Group.objects.get(name=name)


@pytest.fixture
def make_user(db, django_user_model):
    """A staff user in one of the newsroom groups (made by a data migration)."""

    def make(group=None, **fields):
        n = next(_sequence)
        fields.setdefault("username", f"user{n}")
        fields.setdefault("is_staff", True)
        user = django_user_model.objects.create_user(password="pw", **fields)
        if group:
            user.groups.add(editorial_group(group))
        return user

    return make


@pytest.fixture
def login(db):
    """A new logged-in client for `user` (several may be open at once)."""

    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def contributor(make_user):
    return make_user("Contributor", username="cora", first_name="Cora", last_name="Writer")


@pytest.fixture
def editor(make_user):
    return make_user("Editor", username="eddie", first_name="Eddie", last_name="Desk")


@pytest.fixture
def taxonomy_manager(make_user):
    return make_user("Taxonomy manager", username="tina")
