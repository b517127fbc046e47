"""The API keeps its documented contract on the inputs a contract tester sends: nulls,
extreme page numbers, an empty body, an oversize request, an unknown path, an implausible
date; and the OpenAPI document declares every error it answers."""

from __future__ import annotations

import json

import pytest

from dxjinzai.core.api import api
from dxjinzai.core.services import api_token_create
from dxjinzai.organizations.models import StaffMember


@pytest.fixture
def call(cast, client):
    _, raw = api_token_create(
        actor=cast.users["A.admin"], body=cast.bodies["A"], name="契約", scope="write"
    )
    base = f"/api/v1/bodies/{cast.bodies['A'].code}"

    def send(method: str, path: str, body: object = ..., raw_body: str | None = None):
        kwargs = {}
        if raw_body is not None or body is not ...:
            kwargs = {
                "content_type": "application/json",
                "data": raw_body if raw_body is not None else json.dumps(body),
            }
        url = path if path.startswith("/api/") else base + path
        return getattr(client, method)(url, headers={"Authorization": f"Bearer {raw}"}, **kwargs)

    return send


def test_patch_null_clears_an_optional_field(cast, call):
    services_staff = cast.staff["A.member"]
    StaffMember.unscoped.filter(pk=services_staff.pk).update(email="jiro@example.jp")
    response = call("patch", "/staff/00004", {"email": None, "hire_date": None})
    assert response.status_code == 200
    assert response.json()["email"] == "" and response.json()["hire_date"] is None


def test_patch_null_on_a_required_field_is_422(call):
    response = call("patch", "/staff/00004", {"family_name": None})
    assert response.status_code == 422
    assert response.json() == {"detail": {"family_name": ["この項目は null にできません。"]}}


def test_patch_without_an_object_is_422(call):
    response = call("patch", "/staff/00004", raw_body="null")
    assert response.status_code == 422
    assert response.json()["detail"] == {
        "__all__": ["更新する項目をJSONのオブジェクトで送ってください。"]
    }
    assert call("patch", "/staff/00004", raw_body="").status_code == 422


@pytest.mark.parametrize("page", ["9223372036854775807", "100001", "0", "-1"])
def test_an_impossible_page_is_422_json(call, page):
    response = call("get", f"/staff?page={page}")
    assert response.status_code == 422
    assert "page" in next(iter(response.json()["detail"].values()))


@pytest.mark.parametrize("hire_date", ["0001-04-01", "1118-04-01", "2099-04-01"])
def test_an_implausible_hire_date_is_422(call, hire_date):
    response = call("patch", "/staff/00004", {"hire_date": hire_date})
    assert response.status_code == 422
    assert "hire_date" in response.json()["detail"]


def test_an_unknown_api_path_answers_json(call):
    response = call("get", "/api/v1/no/such/path")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "APIにこのパスはありません。"}


def test_an_oversize_request_answers_json(call, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    rows = [
        {
            "職員番号": f"{n:05d}",
            "氏": "大",
            "名": "量",
            "氏フリガナ": "ダイ",
            "名フリガナ": "リョウ",
        }
        for n in range(50)
    ]
    response = call("post", "/staff/bulk", {"rows": rows})
    assert response.status_code == 413
    assert response.json() == {
        "detail": "リクエストが大きすぎます（上限0.0MB）。分けて送ってください。"
    }


def test_the_document_declares_every_error_answer():
    schema = api.get_openapi_schema()
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            declared = set(operation["responses"])
            assert {401, 403, 404, 422} <= declared, (method, path)
            if "requestBody" in operation:
                assert 413 in declared, (method, path)
