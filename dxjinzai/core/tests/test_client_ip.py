"""The client's address behind a reverse proxy: X-Forwarded-For believed only from the
proxies we name, so that the login lockout keys on the person, not on the proxy."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from dxjinzai.core.client_ip import client_ip

PROXY = "10.0.0.5"


def _request(remote: str, forwarded: str = ""):
    request = RequestFactory().get("/")
    request.META["REMOTE_ADDR"] = remote
    if forwarded:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return request


@pytest.mark.parametrize(
    ("remote", "forwarded", "trusted", "expected"),
    [
        # No proxy configured: the header is anyone's to write, so it is ignored.
        ("203.0.113.9", "198.51.100.1", [], "203.0.113.9"),
        # From our proxy: the address it saw.
        (PROXY, "198.51.100.1", [PROXY], "198.51.100.1"),
        # A client that forged a first entry: the proxy appended the real one.
        (PROXY, "1.2.3.4, 198.51.100.1", [PROXY], "198.51.100.1"),
        # Two proxies of ours in a row (a network given as CIDR).
        ("10.0.0.6", "198.51.100.1, 10.0.0.5", ["10.0.0.0/24"], "198.51.100.1"),
        # Straight to the server, bypassing the proxy, with a forged header: ignored.
        ("198.51.100.7", "10.9.9.9", [PROXY], "198.51.100.7"),
        # From the proxy without a header: the proxy itself.
        (PROXY, "", [PROXY], PROXY),
    ],
)
def test_client_ip(settings, remote, forwarded, trusted, expected):
    settings.TRUSTED_PROXIES = trusted
    assert client_ip(_request(remote, forwarded)) == expected


def test_the_lockout_keys_on_the_client_behind_the_proxy(settings, cast, client):
    from axes.models import AccessAttempt

    settings.TRUSTED_PROXIES = [PROXY]
    for _ in range(5):
        client.post(
            reverse("login"),
            {"username": "a-hr", "password": "wrong"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR="198.51.100.1",
        )
    attempt = AccessAttempt.objects.get(username="a-hr")
    assert attempt.ip_address == "198.51.100.1"
    # Another person behind the same proxy can still sign in.
    response = client.post(
        reverse("login"),
        {"username": "a-hr", "password": "cast-password-2026"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.2",
    )
    assert response.status_code == 302
