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


@pytest.fixture(scope="module")
def _module_cast(request, django_db_setup, django_db_blocker):
    """The cast built once per test module, inside a transaction rolled back at its end.
    Each test's own transaction is a savepoint inside it, so what a test writes is undone
    as before, and the cast's rows are the same for every test."""
    if request.node.get_closest_marker("fresh_cast"):
        yield None
        return
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        yield build_cast()
        transaction.set_rollback(True)


@pytest.fixture
def cast(_module_cast, db):
    """The cast: its rows in the database, and fresh instances for each test (a copy), so
    an instance a test changes in memory does not leak into the next test.

    Tests that commit (transactional_db) cannot run inside the module's transaction:
    a module holding one is marked `fresh_cast` and builds the cast for every test."""
    # pytest sets up the module-scoped fixture before `db`, so the test's transaction
    # is the inner one.
    if _module_cast is None:
        return build_cast()
    return copy.deepcopy(_module_cast)


@pytest.fixture
def client_as(client, cast):
    """client_as("A.hr") → the test client signed in as that member of the cast."""

    def sign_in(key):
        client.logout()
        if key is not None:
            client.force_login(cast.users[key])
        return client

    return sign_in
