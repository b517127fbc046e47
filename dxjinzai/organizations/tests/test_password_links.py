"""Invitation and password reset by mail (issue 19 §5): a link in Japanese that works once
and for PASSWORD_RESET_TIMEOUT, for bodies whose people sign in with a platform password."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from dxjinzai.core.models import AuditEntry
from dxjinzai.organizations import services

NEW_PASSWORD = "kasumigaseki-2026-aki"
# The links are on the platform's configured address (SITE_URL), whatever the request's host.
LINK = re.compile(r"http://127\.0\.0\.1:8000(/accounts/password/set/\S+/)")


def _link(body: str) -> str:
    found = LINK.search(body)
    assert found is not None, body
    return found.group(1)


def _set_password(client, path: str):
    """Open the link (Django moves the token out of the address) and set the password."""
    opened = client.get(path, follow=True)
    assert "パスワードの設定" in opened.content.decode()
    return client.post(
        opened.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )


@pytest.fixture
def with_address(cast):
    user = cast.users["A.hr"]
    user.email = "jinji@example.lg.jp"
    user.save(update_fields=["email"])
    return user


def test_a_forgotten_password_is_set_again_once_through_the_mailed_link(
    client, with_address, mailoutbox
):
    from django.test import Client

    from dxjinzai.core.models import SignedInSession

    elsewhere = Client()
    elsewhere.force_login(with_address)  # a session left open on another PC
    client.post(reverse("password_reset"), {"email": "jinji@example.lg.jp"})
    (mail,) = mailoutbox
    assert mail.subject == "【DX人材プラットフォーム】パスワードの再設定"
    assert "72時間有効で、1回だけ使えます" in mail.body
    path = _link(mail.body)
    done = _set_password(client, path)
    assert "パスワードを設定しました" in done.content.decode()
    with_address.refresh_from_db()
    assert with_address.check_password(NEW_PASSWORD)
    # The password set anew ends every session the person had.
    assert elsewhere.get(reverse("home")).status_code == 302
    assert not SignedInSession.objects.filter(user=with_address).exists()
    again = client.get(path, follow=True).content.decode()
    assert "このリンクは使えません" in again


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, cast, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.lg.jp"})
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert mailoutbox == []
    assert "メールを確認してください" in client.get(response.url).content.decode()


def test_an_expired_link_is_refused(client, with_address, mailoutbox, settings):
    client.post(reverse("password_reset"), {"email": "jinji@example.lg.jp"})
    path = _link(mailoutbox[0].body)
    settings.PASSWORD_RESET_TIMEOUT = -1  # the link's time has passed
    assert "このリンクは使えません" in client.get(path, follow=True).content.decode()


def test_a_new_account_is_invited_and_its_person_sets_the_password(
    cast, client, client_as, mailoutbox, django_capture_on_commit_callbacks
):
    code = cast.bodies["A"].code
    staff = services.staff_update(
        actor=None, staff=cast.staff["A.other"], email="soumu@example.lg.jp"
    )
    admin = client_as("A.admin")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            reverse("account_create", args=[code]),
            {"staff_number": staff.number, "username": "soumu-shiro", "password": "", "role": ""},
        )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="soumu-shiro")
    assert not user.has_usable_password()
    (mail,) = mailoutbox
    assert mail.to == ["soumu@example.lg.jp"]
    assert mail.subject == "【DX人材プラットフォーム】甲市のアカウントのご案内"
    assert "ユーザー名：soumu-shiro" in mail.body
    assert AuditEntry.unscoped.filter(
        target_id=str(user.pk), changes__招待メール__1="送信（soumu@example.lg.jp）"
    ).exists()
    page = admin.get(reverse("account_list", args=[code])).content.decode()
    assert "招待中" in page
    # Sent again (the first mail went astray); the person uses the new link.
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(reverse("account_invite", args=[code, user.pk]))
    assert len(mailoutbox) == 2
    admin.logout()
    _set_password(client, _link(mailoutbox[1].body))
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    admin = client_as("A.admin")
    assert admin.post(reverse("account_invite", args=[code, user.pk])).status_code == 404


def test_without_an_address_the_admin_gives_a_password(cast):
    with pytest.raises(ValidationError) as error:
        services.account_create(
            actor=None,
            body=cast.bodies["A"],
            staff=cast.staff["A.other"],
            username="soumu-shiro",
            password="",
        )
    assert "メールアドレスがない" in error.value.message_dict["password"][0]


def test_a_few_links_an_hour_per_address_then_the_same_answer_and_no_mail(
    client, with_address, mailoutbox
):
    from dxjinzai.core.password_links import RESETS_PER_ADDRESS_HOUR, reset_allowed

    for _ in range(RESETS_PER_ADDRESS_HOUR + 2):
        response = client.post(reverse("password_reset"), {"email": "JINJI@example.lg.jp"})
        assert response.status_code == 302 and response["Location"] == reverse(
            "password_reset_done"
        )
    assert len(mailoutbox) == RESETS_PER_ADDRESS_HOUR
    assert reset_allowed(sent_to_address=2, asked_by_client=9)
    assert not reset_allowed(sent_to_address=3, asked_by_client=0)
    assert not reset_allowed(sent_to_address=0, asked_by_client=10)
