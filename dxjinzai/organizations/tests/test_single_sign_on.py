"""Single sign-on through a body's OpenID Connect provider (issue 19 §1), against the small
provider the suite runs itself: the person is found by the configured claim among the
body's staff, and every ID token that does not prove who they are is refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from dxjinzai.core import clock
from dxjinzai.core.models import AuditEntry
from dxjinzai.core.sealing import UnsealError, seal, unseal
from dxjinzai.organizations import services
from dxjinzai.organizations.models import SignInClaim, SingleSignOn
from dxjinzai.organizations.sign_in_views import UNKNOWN_PERSON
from dxjinzai.organizations.single_sign_on import SignInRefused, check_claims
from dxjinzai.organizations.testing import CAST_PASSWORD
from dxjinzai.organizations.tests.identity_provider import (
    CLIENT_ID,
    CLIENT_SECRET,
    IdentityProvider,
)

ADDRESS = "shokuin.jiro@pref.example.lg.jp"


@pytest.fixture
def provider():
    with IdentityProvider(person={"sub": "idp-0004", "email": ADDRESS}) as running:
        yield running


def _turn_on(cast, provider, body_key="A", **settings):
    values = {
        "enabled": True,
        "issuer": provider.issuer,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "match_by": SignInClaim.EMAIL,
        "claim": "email",
        "password_sign_in": True,
        **settings,
    }
    return services.single_sign_on_save(
        actor=None, sso=SingleSignOn(body=cast.bodies[body_key]), **values
    )


@pytest.fixture
def a_signs_on(cast, provider):
    services.staff_update(actor=None, staff=cast.staff["A.member"], email=ADDRESS)
    return _turn_on(cast, provider)


def _sign_on(client, provider, body_key: str, **params):
    """Start at the platform, sign in at the provider, come back: the last answer."""
    start = client.get(reverse("single_sign_on_start", args=[body_key]), params)
    assert start.status_code == 302, start
    assert start["Location"].startswith(f"{provider.issuer}/authorize?")
    return client.get(provider.approve(start["Location"]))


def _signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_a_person_signs_in_through_the_provider_found_by_their_address(
    client, cast, provider, a_signs_on
):
    answer = _sign_on(client, provider, cast.bodies["A"].code)
    assert answer.status_code == 302
    assert answer["Location"] == reverse("home")
    assert _signed_in_user_id(client) == str(cast.users["A.staff"].pk)
    assert "（a-staff）" in client.get(reverse("home")).content.decode()


def test_the_address_is_matched_whatever_its_case_and_next_is_kept(
    client, cast, provider, a_signs_on
):
    provider.person["email"] = ADDRESS.upper()
    answer = _sign_on(client, provider, cast.bodies["A"].code, next="/accounts/sessions/")
    assert answer["Location"] == "/accounts/sessions/"
    assert _signed_in_user_id(client) == str(cast.users["A.staff"].pk)


def test_a_next_address_on_another_site_is_dropped(client, cast, provider, a_signs_on):
    answer = _sign_on(client, provider, cast.bodies["A"].code, next="https://evil.example/")
    assert answer["Location"] == reverse("home")


def test_the_staff_number_in_a_claim_of_the_bodys_choosing_finds_the_person(client, cast, provider):
    _turn_on(cast, provider, match_by=SignInClaim.STAFF_NUMBER, claim="employee_number")
    provider.person = {"sub": "idp-0003", "employee_number": "00003"}
    _sign_on(client, provider, cast.bodies["A"].code)
    assert _signed_in_user_id(client) == str(cast.users["A.head"].pk)


@pytest.mark.parametrize(
    ("misbehaviour", "value"),
    [
        ("audience", "another-client"),
        ("lifetime_seconds", -600),
        ("foreign_key", True),
        ("nonce", "a-nonce-from-another-sign-in"),
    ],
    ids=["wrong-audience", "expired", "signed-by-another-key", "another-nonce"],
)
def test_an_id_token_that_proves_nothing_signs_no_one_in(
    client, cast, provider, a_signs_on, misbehaviour, value
):
    setattr(provider.misbehave, misbehaviour, value)
    answer = _sign_on(client, provider, cast.bodies["A"].code)
    assert answer.status_code == 403
    assert "応答を確認できませんでした" in answer.content.decode()
    assert _signed_in_user_id(client) is None


def test_a_person_unknown_to_the_platform_is_told_to_ask_for_an_account(
    client, cast, provider, a_signs_on
):
    provider.person["email"] = "someone.else@pref.example.lg.jp"
    answer = _sign_on(client, provider, cast.bodies["A"].code)
    assert answer.status_code == 403
    assert UNKNOWN_PERSON in answer.content.decode()
    assert _signed_in_user_id(client) is None
    assert get_user_model().objects.filter(username__contains="someone").count() == 0


def test_the_same_address_in_another_body_does_not_sign_in_there(client, cast, provider):
    """Body B's staff member has the address; the provider is body A's: nobody signs in."""
    services.staff_update(actor=None, staff=cast.staff["B.member"], email=ADDRESS)
    _turn_on(cast, provider)
    answer = _sign_on(client, provider, cast.bodies["A"].code)
    assert answer.status_code == 403
    assert _signed_in_user_id(client) is None


def test_a_retired_person_or_a_stopped_account_cannot_sign_in(client, cast, provider, a_signs_on):
    user = cast.users["A.staff"]
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert _sign_on(client, provider, cast.bodies["A"].code).status_code == 403
    user.is_active = True
    user.save(update_fields=["is_active"])
    services.staff_update(actor=None, staff=cast.staff["A.member"], status="retired")
    assert _sign_on(client, provider, cast.bodies["A"].code).status_code == 403
    assert _signed_in_user_id(client) is None


def test_an_address_the_provider_has_not_verified_is_refused(client, cast, provider, a_signs_on):
    provider.person["email_verified"] = False
    assert _sign_on(client, provider, cast.bodies["A"].code).status_code == 403


def test_a_return_that_was_not_started_here_or_is_replayed_is_refused(
    client, cast, provider, a_signs_on
):
    start = client.get(reverse("single_sign_on_start", args=[cast.bodies["A"].code]))
    back = provider.approve(start["Location"])
    forged = back.replace("state=", "state=x")
    assert client.get(forged).status_code == 403  # the state is not the one we sent
    assert _signed_in_user_id(client) is None
    client.logout()
    start = client.get(reverse("single_sign_on_start", args=[cast.bodies["A"].code]))
    back = provider.approve(start["Location"])
    assert client.get(back).status_code == 302
    client.logout()
    assert client.get(back).status_code == 403  # the same return, twice
    assert _signed_in_user_id(client) is None


def test_the_provider_saying_no_signs_no_one_in(client, cast, provider, a_signs_on):
    client.get(reverse("single_sign_on_start", args=[cast.bodies["A"].code]))
    answer = client.get(reverse("single_sign_on_callback"), {"error": "access_denied"})
    assert answer.status_code == 403
    assert _signed_in_user_id(client) is None


def test_a_body_without_single_sign_on_has_no_start(client, cast, provider):
    _turn_on(cast, provider, enabled=False, client_secret="")
    url = reverse("single_sign_on_start", args=[cast.bodies["A"].code])
    assert client.get(url).status_code == 404
    assert client.get(reverse("single_sign_on_start", args=["999999"])).status_code == 404


def test_a_provider_that_cannot_be_reached_is_said_so(client, cast, provider, a_signs_on):
    provider.server.shutdown()
    provider.server.server_close()
    answer = client.get(reverse("single_sign_on_start", args=[cast.bodies["A"].code]))
    assert answer.status_code == 403
    assert "通信できませんでした" in answer.content.decode()


def test_the_login_page_offers_the_bodies_that_sign_on(client, cast, provider, a_signs_on):
    page = client.get(reverse("login")).content.decode()
    assert f"{cast.bodies['A'].name}のアカウントでログイン" in page
    assert f"{cast.bodies['B'].name}のアカウントでログイン" not in page


def test_the_second_factor_is_still_asked_after_the_provider(client, cast, provider):
    """The body requires a second factor of those above 職員: the provider's word is not it."""
    services.staff_update(actor=None, staff=cast.staff["A.hr"], email=ADDRESS)
    services.body_update(actor=None, body=cast.bodies["A"], requires_second_factor=True)
    _turn_on(cast, provider)
    _sign_on(client, provider, cast.bodies["A"].code)
    assert client.get(reverse("home"))["Location"] == reverse("second_factor_setup")


# --- The platform password, turned off ---------------------------------------------------


def _password_sign_in(client, username: str):
    client.post(reverse("login"), {"username": username, "password": CAST_PASSWORD})
    return _signed_in_user_id(client)


def test_a_body_that_turns_the_password_off_refuses_it_to_its_people_only(client, cast, provider):
    _turn_on(cast, provider, password_sign_in=False)
    assert _password_sign_in(client, "a-staff") is None
    assert _password_sign_in(client, "a-admin") is None
    assert _password_sign_in(client, "b-staff") == str(cast.users["B.staff"].pk)


def test_a_superuser_keeps_the_password_as_the_way_back_in(client, cast, provider):
    _turn_on(cast, provider, password_sign_in=False)
    admin = cast.users["A.admin"]
    admin.is_superuser = True
    admin.save(update_fields=["is_superuser"])
    assert _password_sign_in(client, "a-admin") == str(admin.pk)


def test_no_reset_link_is_mailed_where_the_password_is_off(client, cast, provider, mailoutbox):
    user = cast.users["A.hr"]
    user.email = "jinji@example.lg.jp"
    user.save(update_fields=["email"])
    _turn_on(cast, provider, password_sign_in=False)
    client.post(reverse("password_reset"), {"email": "jinji@example.lg.jp"})
    assert mailoutbox == []


# --- The body admin's settings ---------------------------------------------------------


def test_the_body_admin_sets_the_provider_up_and_the_secret_is_sealed(client_as, cast, provider):
    client = client_as("A.admin")
    url = reverse("single_sign_on_edit", args=[cast.bodies["A"].code])
    page = client.get(url).content.decode()
    assert "/accounts/sso/callback/" in page  # what to register at the provider
    form = {
        "enabled": "on",
        "issuer": provider.issuer + "/",
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "match_by": SignInClaim.EMAIL,
        "claim": "email",
        "password_sign_in": "on",
    }
    assert client.post(url, form).status_code == 302
    sso = SingleSignOn.objects.get(body=cast.bodies["A"])
    assert sso.issuer == provider.issuer  # the trailing slash goes
    assert CLIENT_SECRET not in sso.client_secret_sealed
    assert unseal(sso.client_secret_sealed) == CLIENT_SECRET
    entry = AuditEntry.unscoped.filter(body=cast.bodies["A"]).latest("pk")
    assert CLIENT_SECRET not in str(entry.changes)
    assert CLIENT_SECRET not in client.get(url).content.decode()
    # Saved again with the secret left empty, the stored secret stays.
    form.update(client_secret="", claim="mail")
    assert client.post(url, form).status_code == 302
    sso.refresh_from_db()
    assert (sso.claim, unseal(sso.client_secret_sealed)) == ("mail", CLIENT_SECRET)


def test_a_provider_cannot_be_turned_on_without_its_secret(client_as, cast, provider):
    client = client_as("A.admin")
    url = reverse("single_sign_on_edit", args=[cast.bodies["A"].code])
    answer = client.post(
        url,
        {
            "enabled": "on",
            "issuer": provider.issuer,
            "client_id": CLIENT_ID,
            "match_by": SignInClaim.EMAIL,
            "claim": "email",
        },
    )
    assert answer.status_code == 200
    assert "クライアントシークレットを入力してください" in answer.content.decode()
    assert not SingleSignOn.objects.filter(body=cast.bodies["A"]).exists()


def test_the_password_cannot_be_turned_off_without_single_sign_on(cast, provider):
    with pytest.raises(Exception, match="パスワードでのログインを止められません"):
        _turn_on(cast, provider, enabled=False, password_sign_in=False)


def test_in_production_the_issuer_must_be_https(cast, provider, settings):
    settings.SSO_ALLOW_HTTP_ISSUER = False
    with pytest.raises(Exception, match="https://"):
        _turn_on(cast, provider)


# --- The rules, one by one ---------------------------------------------------------------


def _claims(**changes):
    now = int(clock.now().timestamp())
    claims = {"iss": "https://idp", "aud": "me", "sub": "1", "exp": now + 60, "nonce": "n"}
    return {**claims, **changes}


def test_the_claims_must_name_our_issuer_our_client_a_live_time_and_our_nonce():
    check_claims(_claims(), issuer="https://idp", client_id="me", nonce="n")
    check_claims(_claims(aud=["me", "other"]), issuer="https://idp", client_id="me", nonce="n")
    expired = int((clock.now() - timedelta(minutes=2)).timestamp())
    for wrong in (
        _claims(iss="https://other"),
        _claims(aud="other"),
        _claims(exp=expired),
        _claims(nonce="m"),
        {k: v for k, v in _claims().items() if k != "exp"},
        {k: v for k, v in _claims().items() if k != "sub"},
    ):
        with pytest.raises(SignInRefused):
            check_claims(wrong, issuer="https://idp", client_id="me", nonce="n")


def test_a_sealed_secret_opens_with_the_same_key_only(settings):
    sealed = seal("s3cret")
    assert "s3cret" not in sealed
    assert unseal(sealed) == "s3cret"
    settings.SECRET_KEY = "another-key-entirely-0123456789-0123456789-0123456789"
    with pytest.raises(UnsealError):
        unseal(sealed)


def test_an_empty_settings_form_sent_is_answered_with_its_errors(client_as, cast):
    client = client_as("A.admin")
    answer = client.post(reverse("single_sign_on_edit", args=[cast.bodies["A"].code]), {})
    assert answer.status_code == 200
    assert answer.context["form"].errors.keys() >= {"issuer", "client_id"}
    assert not SingleSignOn.objects.filter(body=cast.bodies["A"]).exists()
