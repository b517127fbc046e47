"""Fixtures shared by every test: the cast, and clients signed in as its members."""

import pytest

from dxjinzai.core.testing import build_cast


@pytest.fixture(autouse=True)
def _fast_and_quiet(settings, tmp_path):
    # Uploads are kept in MEDIA_ROOT until read; tests keep them in their own folder.
    settings.MEDIA_ROOT = tmp_path / "media"
    # Password hashing is slow by design; tests check behaviour, not the hash's cost.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def cast(db):
    return build_cast()


@pytest.fixture
def client_as(client, cast):
    """client_as("A.hr") → the test client signed in as that member of the cast."""

    def sign_in(key):
        client.logout()
        if key is not None:
            client.force_login(cast.users[key])
        return client

    return sign_in
