"""The REST API: every operation against no token, another body's token (404), a read-only
token on a write (403) and a token of the body (success); bulk upsert; the OpenAPI document."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from dxjinzai.core.api import api
from dxjinzai.core.services import api_token_create, api_token_revoke
from dxjinzai.organizations.models import StaffMember


@dataclass(frozen=True)
class Op:
    method: str
    path: str
    payload: dict | None
    status: int
    writes: bool


STAFF_IN = {
    "number": "30001",
    "family_name": "連携",
    "given_name": "太郎",
    "family_name_kana": "レンケイ",
    "given_name_kana": "タロウ",
    "department_code": "0200",
    "grade": "主事・主任級",
}
BULK_IN = {
    "rows": [
        {
            "職員番号": "30002",
            "氏": "一括",
            "名": "花子",
            "氏フリガナ": "イッカツ",
            "名フリガナ": "ハナコ",
        }
    ]
}
APPOINTMENT_IN = {
    "kind": "regular",
    "department_code": "0100",
    "is_concurrent": True,
    "start_date": "2026-04-01",
}

OPERATIONS = [
    Op("get", "/api/v1/bodies", None, 200, False),
    Op("get", "/api/v1/bodies/{code}/departments", None, 200, False),
    Op("get", "/api/v1/bodies/{code}/staff", None, 200, False),
    Op("post", "/api/v1/bodies/{code}/staff", STAFF_IN, 201, True),
    Op("post", "/api/v1/bodies/{code}/staff/bulk", BULK_IN, 200, True),
    Op("get", "/api/v1/bodies/{code}/staff/{number}", None, 200, False),
    Op("patch", "/api/v1/bodies/{code}/staff/{number}", {"family_name": "改姓"}, 200, True),
    Op("get", "/api/v1/bodies/{code}/staff/{number}/appointments", None, 200, False),
    Op("post", "/api/v1/bodies/{code}/staff/{number}/appointments", APPOINTMENT_IN, 201, True),
]


@pytest.fixture
def tokens(cast):
    def issue(key, scope):
        body_key = key[0]
        _, raw = api_token_create(
            actor=cast.users[f"{body_key}.admin"], body=cast.bodies[body_key], name=key, scope=scope
        )
        return raw

    return {
        "A.write": issue("A.write", "write"),
        "A.read": issue("A.read", "read"),
        "F.write": issue("F.write", "write"),
    }


def _call(client, op: Op, cast, token: str | None):
    url = op.path.format(code=cast.bodies["A"].code, number=cast.staff["A.member"].number)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    kwargs = (
        {"content_type": "application/json", "data": json.dumps(op.payload)} if op.payload else {}
    )
    return getattr(client, op.method)(url, headers=headers, **kwargs)


def test_every_api_operation_is_in_the_matrix():
    schema = api.get_openapi_schema()
    declared = {(method, path) for path, methods in schema["paths"].items() for method in methods}
    assert declared == {(op.method, op.path) for op in OPERATIONS}


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: f"{op.method} {op.path}")
def test_without_a_valid_token_401(op, cast, client, tokens):
    for token in (None, "dxj_not-a-token"):
        response = _call(client, op, cast, token)
        assert response.status_code == 401, token
        assert response.json() == {"detail": "APIトークンが無効です。"}


@pytest.mark.parametrize(
    "op", [op for op in OPERATIONS if "{code}" in op.path], ids=lambda op: f"{op.method} {op.path}"
)
def test_another_bodys_token_404(op, cast, client, tokens):
    response = _call(client, op, cast, tokens["F.write"])
    assert response.status_code == 404
    assert response.json()["detail"] == "団体が見つかりません。"


@pytest.mark.parametrize(
    "op", [op for op in OPERATIONS if op.writes], ids=lambda op: f"{op.method} {op.path}"
)
def test_read_only_token_cannot_write_403(op, cast, client, tokens):
    before = list(StaffMember.unscoped.values_list("id", "family_name"))
    assert _call(client, op, cast, tokens["A.read"]).status_code == 403
    assert list(StaffMember.unscoped.values_list("id", "family_name")) == before


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: f"{op.method} {op.path}")
def test_token_of_the_body_succeeds(op, cast, client, tokens):
    response = _call(client, op, cast, tokens["A.write" if op.writes else "A.read"])
    assert response.status_code == op.status, response.content


def test_list_bodies_shows_only_the_tokens_body(cast, client, tokens):
    response = client.get(
        "/api/v1/bodies", headers={"Authorization": f"Bearer {tokens['F.write']}"}
    )
    assert [b["name"] for b in response.json()] == ["丙村"]


def test_staff_list_is_paginated_and_filtered(cast, client, tokens):
    headers = {"Authorization": f"Bearer {tokens['A.read']}"}
    page = client.get(
        f"/api/v1/bodies/{cast.bodies['A'].code}/staff?q=ジロウ", headers=headers
    ).json()
    assert page["count"] == 1
    assert page["items"][0]["number"] == "00004"
    assert page["items"][0]["department_code"] == "0200"


def test_validation_errors_are_japanese_json(cast, client, tokens):
    headers = {"Authorization": f"Bearer {tokens['A.write']}"}
    url = f"/api/v1/bodies/{cast.bodies['A'].code}/staff"
    response = client.post(
        url,
        data=json.dumps(STAFF_IN | {"number": "00004", "family_name_kana": "れんけい"}),
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail["number"] == ["この職員番号は既にこの団体で使われています。"]
    assert detail["family_name_kana"] == ["フリガナは全角カタカナで入力してください。"]


def test_what_the_database_cannot_store_is_a_rejected_row_not_a_crash(cast, client, tokens):
    """JSON can carry a NUL or half a surrogate pair, in a 職員番号 or a name: each such row
    is rejected by row (a NUL in a number was once sent to PostgreSQL and answered 500)."""
    kana = {"氏フリガナ": "コウ", "名フリガナ": "オツ"}
    rows = [
        {"職員番号": "1\x002", "氏": "甲", "名": "乙", **kana},
        {"職員番号": "1\x002", "氏": "甲", "名": "乙", **kana},
        {"職員番号": "10010", "氏": "\ud800甲", "名": "乙", **kana},
        {"職員番号": "10011", "氏": "甲\x00", "名": "乙", **kana},
    ]
    result = client.post(
        f"/api/v1/bodies/{cast.bodies['A'].code}/staff/bulk",
        data=json.dumps({"rows": rows, "dry_run": True}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {tokens['A.write']}"},
    )
    assert result.status_code == 200, result.content
    assert result.json()["written"] is False
    assert result.json()["counts"]["rejected"] == 4
    assert {p["row"] for p in result.json()["problems"]} == {1, 2, 3, 4}


def test_bulk_upsert_writes_nothing_when_a_row_is_wrong(cast, client, tokens):
    headers = {"Authorization": f"Bearer {tokens['A.write']}"}
    url = f"/api/v1/bodies/{cast.bodies['A'].code}/staff/bulk"
    bad = {
        "職員番号": "30003",
        "氏": "誤り",
        "名": "次郎",
        "氏フリガナ": "あやまり",
        "名フリガナ": "ジロウ",
    }
    payload = {"rows": [*BULK_IN["rows"], bad]}
    result = client.post(
        url, data=json.dumps(payload), content_type="application/json", headers=headers
    ).json()
    assert result["written"] is False
    assert result["problems"][0]["row"] == 2
    assert not StaffMember.unscoped.filter(number__in=["30002", "30003"]).exists()
    result = client.post(
        url, data=json.dumps(BULK_IN), content_type="application/json", headers=headers
    ).json()
    assert result["written"] is True and result["counts"]["created"] == 1
    assert StaffMember.unscoped.filter(body=cast.bodies["A"], number="30002").exists()


def test_revoked_token_is_refused(cast, client, tokens):
    from dxjinzai.core.models import ApiToken

    api_token_revoke(actor=None, token=ApiToken.unscoped.get(name="A.read"))
    response = client.get("/api/v1/bodies", headers={"Authorization": f"Bearer {tokens['A.read']}"})
    assert response.status_code == 401


def test_served_openapi_document_is_valid(cast, client_as):
    from openapi_spec_validator import validate

    validate(client_as("A.admin").get("/api/v1/openapi.json").json())


def test_openapi_document_and_docs_need_a_signed_in_user(cast, client, client_as):
    assert client.get("/api/v1/openapi.json").status_code == 302
    signed_in = client_as("A.admin")
    document = signed_in.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "DX人材プラットフォーム API"
    assert "bearer" in json.dumps(document["components"]["securitySchemes"]).lower()
    docs = signed_in.get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()


def test_api_token_page_shows_the_key_once(cast, client_as):
    from django.urls import reverse

    client = client_as("A.admin")
    url = reverse("api_token_list", args=[cast.bodies["A"].code])
    html = client.post(url, {"name": "夜間連携", "scope": "write"}).content.decode()
    assert "トークンを発行しました" in html and 'value="dxj_' in html
    html = client.get(url).content.decode()
    assert "夜間連携" in html and 'value="dxj_' not in html


def test_a_token_stops_when_its_issuers_role_is_revoked(cast, client, tokens):
    from dxjinzai.organizations.models import RoleGrant
    from dxjinzai.organizations.services import role_grant_revoke

    staff_url = f"/api/v1/bodies/{cast.bodies['A'].code}/staff"
    read = {"Authorization": f"Bearer {tokens['A.read']}"}
    write = {"Authorization": f"Bearer {tokens['A.write']}"}
    assert client.get(staff_url, headers=read).status_code == 200
    grant = RoleGrant.objects.get(user=cast.users["A.admin"], body=cast.bodies["A"])
    role_grant_revoke(actor=None, grant=grant)
    assert client.get(staff_url, headers=read).status_code == 401
    response = client.post(
        staff_url, data=json.dumps(STAFF_IN), content_type="application/json", headers=write
    )
    assert response.status_code == 401
    assert not StaffMember.unscoped.filter(number=STAFF_IN["number"]).exists()


def test_a_token_acts_while_its_issuer_holds_another_role_that_allows_it(cast, client, tokens):
    from dxjinzai.organizations.models import Role, RoleGrant
    from dxjinzai.organizations.services import role_grant_create, role_grant_revoke

    admin = cast.users["A.admin"]
    role_grant_create(actor=None, user=admin, body=cast.bodies["A"], role=Role.HR_OFFICER)
    role_grant_revoke(
        actor=None,
        grant=RoleGrant.objects.get(user=admin, body=cast.bodies["A"], role=Role.BODY_ADMIN),
    )
    headers = {"Authorization": f"Bearer {tokens['A.read']}"}
    url = f"/api/v1/bodies/{cast.bodies['A'].code}/staff"
    assert client.get(url, headers=headers).status_code == 200


def test_a_token_stops_when_its_issuers_account_is_deactivated(cast, client, tokens):
    admin = cast.users["A.admin"]
    admin.is_active = False
    admin.save()
    headers = {"Authorization": f"Bearer {tokens['A.read']}"}
    assert client.get("/api/v1/bodies", headers=headers).status_code == 401


def test_last_use_is_recorded_to_within_five_minutes(cast, client, tokens, monkeypatch):
    from datetime import timedelta

    from dxjinzai.core import clock
    from dxjinzai.core.models import ApiToken

    headers = {"Authorization": f"Bearer {tokens['A.read']}"}
    start = clock.now()
    client.get("/api/v1/bodies", headers=headers)
    first = ApiToken.unscoped.get(name="A.read").last_used_at
    assert first is not None
    monkeypatch.setattr(clock, "now", lambda: start + timedelta(minutes=4))
    client.get("/api/v1/bodies", headers=headers)
    assert ApiToken.unscoped.get(name="A.read").last_used_at == first
    monkeypatch.setattr(clock, "now", lambda: start + timedelta(minutes=6))
    client.get("/api/v1/bodies", headers=headers)
    assert ApiToken.unscoped.get(name="A.read").last_used_at == start + timedelta(minutes=6)
