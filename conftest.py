"""Fixtures shared by every test: the cast, and clients signed in as its members."""

import copy

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings

from dxjinzai.organizations.testing import build_cast

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_and_quiet(settings, tmp_path):
    # Uploads are kept in MEDIA_ROOT until read; tests keep them in their own folder.
    settings.MEDIA_ROOT = tmp_path / "media"
    # Password hashing is slow by design; tests check behaviour, not the hash's cost.
    settings.PASSWORD_HASHERS = FAST_HASHERS
    # What the platform keeps in its cache (training.attention) is keyed by row ids, which
    # the next test's rows reuse.
    cache.clear()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session", autouse=True)
def _flush_by_deleting_on_postgresql():
    """A test that commits (transactional_db, the browser tests) ends with the database
    emptied. Django empties PostgreSQL with one TRUNCATE of every table, which costs about a
    second however few rows there are; deleting the rows a test wrote takes milliseconds.
    The foreign keys Django creates are DEFERRABLE INITIALLY DEFERRED and the flush runs in
    one transaction, so they are checked at its commit, when every table is empty."""
    from django.db import connection

    if connection.vendor != "postgresql":
        yield
        return
    operations = type(connection.ops)
    truncating = operations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences:
            return truncating(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return [f"DELETE FROM {self.quote_name(table)};" for table in tables]

    operations.sql_flush = sql_flush
    yield
    operations.sql_flush = truncating


class _SharedCast:
    """The cast built once and kept in an open transaction while the tests that run inside
    a transaction follow one another (pytest-django runs them all before the tests that
    commit). Each test's own transaction is a savepoint inside it, so what a test writes is
    undone as before, and the cast's rows are the same for every test.

    It is rolled back before a test that commits (transactional_db, live_server, a
    `fresh_cast` module) and before a database test that does not ask for the cast (it must
    not see the cast's rows), and built again for the next test that asks."""

    def __init__(self, blocker) -> None:
        self.blocker = blocker
        self.atomic = None
        self.cast = None

    def get(self):
        if self.cast is None:
            with self.blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
                self.atomic = transaction.atomic()
                self.atomic.__enter__()
                self.cast = build_cast()
        return self.cast

    def close(self) -> None:
        if self.atomic is None:
            return
        with self.blocker.unblock():
            # A module's own data (a synthetic body, prebuilt casts) sits in a savepoint
            # above the cast until the module ends; its tests keep the cast until then.
            if len(transaction.get_connection().atomic_blocks) > 1:
                return
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
        self.atomic = self.cast = None


_shared_cast: _SharedCast | None = None


@pytest.fixture(scope="session")
def _shared_cast_session(django_db_setup, django_db_blocker):
    """Holds the shared cast for the session; rolled back before the test database goes."""
    global _shared_cast
    _shared_cast = _SharedCast(django_db_blocker)
    yield _shared_cast
    _shared_cast.close()
    _shared_cast = None


def _commits_or_ignores_the_cast(item) -> bool:
    names = getattr(item, "fixturenames", ())
    return (
        "cast" not in names
        or "transactional_db" in names
        or "live_server" in names
        or item.get_closest_marker("fresh_cast") is not None
        or any(m.kwargs.get("transaction") for m in item.iter_markers("django_db"))
    )


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if _shared_cast is not None and _commits_or_ignores_the_cast(item):
        _shared_cast.close()


@pytest.fixture(scope="module")
def _module_cast(request, _shared_cast_session):
    """The shared cast as the module starts (None in a `fresh_cast` module, whose tests
    commit and build their own), for module fixtures that build on top of it."""
    if request.node.get_closest_marker("fresh_cast"):
        return None
    return _shared_cast_session.get()


@pytest.fixture
def cast(_module_cast, _shared_cast_session, db):
    """The cast: its rows in the database, and fresh instances for each test (a copy), so
    an instance a test changes in memory does not leak into the next test.

    Tests that commit (transactional_db) cannot run inside the shared transaction: a
    module holding one is marked `fresh_cast` and builds the cast for every test."""
    # pytest sets up the session and module fixtures before `db`, so the test's
    # transaction is the inner one.
    if _module_cast is None:
        return build_cast()
    return copy.deepcopy(_shared_cast_session.get())


@pytest.fixture
def client_as(client, cast):
    """client_as("A.hr") → the test client signed in as that member of the cast."""

    def sign_in(key):
        client.logout()
        if key is not None:
            client.force_login(cast.users[key])
        return client

    return sign_in
