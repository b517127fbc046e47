"""Sign-in: Japanese pages, lockout after repeated failures (django-axes), security headers."""

from django.urls import reverse

from dxjinzai.organizations.testing import CAST_PASSWORD


def test_login_page_is_public_and_japanese(client, db):
    response = client.get(reverse("login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ja">' in html and "ログイン" in html


def test_successful_login_goes_home(client, cast):
    response = client.post(reverse("login"), {"username": "a-hr", "password": CAST_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_five_failures_lock_the_account_even_for_the_right_password(client, cast):
    for _ in range(5):
        response = client.post(reverse("login"), {"username": "a-hr", "password": "wrong"})
    assert response.status_code == 429
    assert "ログインを一時停止しています" in response.content.decode()
    response = client.post(reverse("login"), {"username": "a-hr", "password": CAST_PASSWORD})
    assert response.status_code == 429


def test_pages_carry_csp_and_frame_headers(client, cast):
    response = client.get(reverse("login"))
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_signed_in_pages_are_not_indexed_and_public_ones_describe_themselves(
    client, cast, client_as
):
    login = client.get(reverse("login")).content.decode()
    assert '<meta name="description"' in login and 'name="robots"' not in login
    assert 'rel="icon"' in login
    home = client_as("A.hr").get(reverse("home")).content.decode()
    assert '<meta name="robots" content="noindex">' in home


def test_pages_are_compressed_for_browsers_that_accept_gzip(cast, client_as):
    import gzip

    client = client_as("A.hr")
    url = reverse("staff_list", args=[cast.bodies["A"].code])
    plain = client.get(url)
    packed = client.get(url, headers={"accept-encoding": "gzip"})
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert len(packed.content) < len(plain.content) / 2
    assert gzip.decompress(packed.content).decode().count("職員") == plain.content.decode().count(
        "職員"
    )
