"""Body admins create accounts for their staff and grant or revoke roles."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from dxjinzai.core.access import Perm
from dxjinzai.core.models import AuditAction, AuditEntry
from dxjinzai.organizations import services
from dxjinzai.organizations.access import access_for_user
from dxjinzai.organizations.models import RoleGrant

STRONG = "kousi-hr-2026-pass"


def test_account_for_a_staff_member_with_a_role(cast):
    staff = cast.staff["A.other"]
    user = services.account_create(
        actor=cast.users["A.admin"],
        body=cast.bodies["A"],
        staff=staff,
        username="a-other",
        password=STRONG,
        role="hr_officer",
    )
    staff.refresh_from_db()
    assert staff.user == user
    assert user.check_password(STRONG)
    access = access_for_user(user)
    assert access.roles_in(cast.bodies["A"].pk) == {"hr_officer", "staff"}


def test_account_errors_are_reported_together_and_nothing_is_created(cast):
    users_before = get_user_model().objects.count()
    with pytest.raises(ValidationError) as excinfo:
        services.account_create(
            actor=None,
            body=cast.bodies["A"],
            staff=cast.staff["A.member"],  # already has an account
            username="a-hr",  # taken
            password="short",
        )
    errors = excinfo.value.message_dict
    assert errors["staff_number"] == ["この職員には既にアカウントがあります。"]
    assert errors["username"] == ["このユーザー名は既に使われています。"]
    assert "このパスワードは短すぎます。最低 12 文字以上必要です。" in errors["password"]
    assert get_user_model().objects.count() == users_before


def test_revoking_a_role_is_audited(cast):
    grant = RoleGrant.objects.get(user=cast.users["A.hr"])
    services.role_grant_revoke(actor=cast.users["A.admin"], grant=grant)
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()
    entry = AuditEntry.unscoped.filter(action=AuditAction.DELETE).latest("id")
    assert entry.changes["role"] == ["人事・DX担当", ""]
    assert not access_for_user(cast.users["A.hr"]).can(Perm.VIEW_STAFF_LIST, cast.bodies["A"].pk)


def test_account_pages_create_grant_and_revoke(cast, client_as):
    body = cast.bodies["A"]
    client = client_as("A.admin")
    response = client.post(
        reverse("account_create", args=[body.code]),
        {"staff_number": "００００６", "username": "a-other", "password": STRONG, "role": ""},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("role_grant_create", args=[body.code]),
        {
            "username": "a-other",
            "role": "dept_head",
            "department": cast.departments["A.general"].pk,
        },
    )
    assert response.status_code == 302
    grant = RoleGrant.objects.get(user__username="a-other")
    html = client.get(reverse("account_list", args=[body.code])).content.decode()
    assert "a-other" in html and "所属長（総務課）" in html
    response = client.post(reverse("role_grant_revoke", args=[body.code, grant.pk]))
    assert response.status_code == 302
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()


def test_grant_form_refuses_an_account_of_another_body(cast, client_as):
    response = client_as("A.admin").post(
        reverse("role_grant_create", args=[cast.bodies["A"].code]),
        {"username": "f-hr", "role": "hr_officer"},
    )
    assert "この団体のアカウントではありません" in response.content.decode()
    assert not RoleGrant.objects.filter(user=cast.users["F.hr"], body=cast.bodies["A"]).exists()


def test_admin_cannot_remove_their_own_admin_role(cast, client_as):
    grant = RoleGrant.objects.get(user=cast.users["A.admin"])
    client_as("A.admin").post(reverse("role_grant_revoke", args=[cast.bodies["A"].code, grant.pk]))
    assert RoleGrant.objects.filter(pk=grant.pk).exists()


def test_dept_head_grant_without_department_shows_the_error(cast, client_as):
    response = client_as("A.admin").post(
        reverse("role_grant_create", args=[cast.bodies["A"].code]),
        {"username": "a-staff", "role": "dept_head"},
    )
    assert "所属長の権限には所属を選んでください。" in response.content.decode()


def test_an_admin_is_not_offered_to_remove_their_own_admin_role(cast, client_as):
    own = RoleGrant.objects.get(user=cast.users["A.admin"], role="body_admin")
    page = client_as("A.admin").get(reverse("account_list", args=[cast.bodies["A"].code]))
    html = page.content.decode()
    assert reverse("role_grant_revoke", args=[cast.bodies["A"].code, own.pk]) not in html
    assert "（自分の権限）" in html
    with pytest.raises(ValidationError, match="自分自身の団体管理者の権限は外せません"):
        services.role_grant_revoke(actor=cast.users["A.admin"], grant=own)
