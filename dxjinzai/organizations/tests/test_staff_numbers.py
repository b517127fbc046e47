"""職員番号: the characters it may hold, checked alike by the model, the form, the import and
the API; and every URL that carries one stays usable for a record saved before the rule."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.urls import reverse

from dxjinzai.core.services import api_token_create
from dxjinzai.lib.tabular import Table
from dxjinzai.lib.text import staff_number_problem
from dxjinzai.organizations.models import StaffMember
from dxjinzai.organizations.staff_import_plan import planned_staff_import

UNSAFE = ["12/34", "12?34", "12#34", "12%34", "12 34", "１２/３４", "12.34", "職員1"]


@pytest.mark.parametrize("number", ["00123", "A-12_3", "x"])
def test_safe_numbers_pass(number):
    assert staff_number_problem(number) is None


@pytest.mark.parametrize("number", ["12/34", "12?34", "12#34", "12%34", "12 34", "12.34", "職員1"])
def test_unsafe_numbers_are_refused_in_japanese(number):
    assert staff_number_problem(number) == (
        "職員番号に使える文字は半角の英数字・ハイフン（-）・アンダースコア（_）で20文字以内です。"
    )


def test_empty_and_long_numbers_are_refused():
    assert staff_number_problem("") == "職員番号が空です。"
    assert staff_number_problem("1" * 21) == "職員番号は20文字以内にしてください。"


def _staff_post(number):
    return {
        "number": number,
        "family_name": "新規",
        "given_name": "太郎",
        "family_name_kana": "シンキ",
        "given_name_kana": "タロウ",
        "status": "active",
    }


@pytest.mark.parametrize("number", UNSAFE)
def test_form_refuses_unsafe_numbers(cast, client_as, number):
    body = cast.bodies["A"]
    response = client_as("A.hr").post(
        reverse("staff_create", args=[body.code]), _staff_post(number)
    )
    assert response.status_code == 200
    assert "職員番号に使える文字は" in response.content.decode()
    assert not StaffMember.unscoped.filter(body=body, family_name="新規").exists()


def test_form_accepts_fullwidth_digits_as_halfwidth(cast, client_as):
    body = cast.bodies["A"]
    response = client_as("A.hr").post(
        reverse("staff_create", args=[body.code]), _staff_post("０７７")
    )
    assert response.status_code == 302
    assert StaffMember.unscoped.filter(body=body, number="077").exists()


def test_import_reports_the_row_of_an_unsafe_number(cast):
    headers = ["職員番号", "氏", "名", "氏フリガナ", "名フリガナ"]
    rows = [["30001", "一", "郎", "イチ", "ロウ"], ["30/02", "二", "郎", "ニ", "ロウ"]]
    table = Table(headers=headers, rows=enumerate(rows, start=2), encoding="utf-8")
    with planned_staff_import(
        body=cast.bodies["A"], table=table, complete=False, today=date.today()
    ) as plan:
        errors = [(p.row, p.column, p.message) for p in plan.problems if p.level == "error"]
    assert errors == [
        (
            3,
            "職員番号",
            "職員番号に使える文字は半角の英数字・ハイフン（-）・アンダースコア（_）で20文字以内です。",
        )
    ]


def test_api_refuses_unsafe_numbers(cast, client):
    _, raw = api_token_create(
        actor=cast.users["A.admin"], body=cast.bodies["A"], name="t", scope="write"
    )
    payload = {
        "number": "30/01",
        "family_name": "連携",
        "given_name": "太郎",
        "family_name_kana": "レンケイ",
        "given_name_kana": "タロウ",
    }
    response = client.post(
        f"/api/v1/bodies/{cast.bodies['A'].code}/staff",
        data=json.dumps(payload),
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 422
    assert "職員番号に使える文字は" in response.json()["detail"]["number"][0]


@pytest.fixture
def legacy(cast):
    """A record saved before the rule, with every character that used to break a URL."""
    staff = cast.staff["A.member"]
    StaffMember.unscoped.filter(pk=staff.pk).update(number="00/4?#% x")
    staff.refresh_from_db()
    return staff


def test_pages_listing_a_legacy_number_answer_and_link_to_it(cast, client_as, legacy):
    body = cast.bodies["A"]
    client = client_as("A.hr")
    detail = reverse("staff_detail", args=[body.code, legacy.number])
    for name in ("staff_list", "missing_list"):
        assert client.get(reverse(name, args=[body.code])).status_code == 200, name
    assert detail in client.get(reverse("staff_list", args=[body.code])).content.decode()
    response = client.get(detail)
    assert response.status_code == 200
    assert response.context["staff"] == legacy


def test_a_legacy_number_can_be_corrected_on_its_edit_page(cast, client_as, legacy):
    body = cast.bodies["A"]
    response = client_as("A.hr").post(
        reverse("staff_edit", args=[body.code, legacy.number]),
        _staff_post("00004-1") | {"family_name": legacy.family_name},
    )
    assert response.status_code == 302
    legacy.refresh_from_db()
    assert legacy.number == "00004-1"


def test_api_reaches_a_legacy_number(cast, client, legacy):
    _, raw = api_token_create(
        actor=cast.users["A.admin"], body=cast.bodies["A"], name="t", scope="read"
    )
    url = reverse("api:get_staff", kwargs={"code": cast.bodies["A"].code, "number": legacy.number})
    response = client.get(url, headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    assert response.json()["number"] == "00/4?#% x"
