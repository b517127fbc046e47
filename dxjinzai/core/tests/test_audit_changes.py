"""The audit page and its three exports read every shape of change set the services write."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dxjinzai.core.audit import ChangeLine, audit_record, change_lines, changes_text
from dxjinzai.core.models import AuditAction
from dxjinzai.skills.models import SkillItem
from dxjinzai.skills.services import assessment_save, framework_load_preset

# One of each shape found in the services' audit_record calls.
SHAPES: dict[str, dict[str, Any]] = {
    "field pairs": {"family_name": ["職員", "改姓"], "hire_date": ["", "2015-04-01"]},
    "a preset's key": {"preset": "tokyo"},
    "a key named items": {"fiscal_year": ["", "2026"], "items": ["", "3"]},
    "years as keys": {"2026": ["", "12"], "2027": ["", "15"]},
    "Japanese keys": {"請求額": ["", "105000"], "請求日": ["", "2026-05-01"]},
    "None and numbers": {"status": [None, 3]},
    "nested values": {"counts": {"created": 1, "updated": 2}},
    "a list that is no pair": {"days": ["2026-05-01", "2026-05-02", "2026-05-03"]},
}


def test_change_lines_read_every_shape():
    assert change_lines(SHAPES["a preset's key"]) == [
        ChangeLine("読み込んだ既定の枠組み", "", "tokyo")
    ]
    assert change_lines(SHAPES["a key named items"]) == [
        ChangeLine("年度", "", "2026"),
        ChangeLine("評価した項目数", "", "3"),
    ]
    assert change_lines(SHAPES["None and numbers"]) == [ChangeLine("状況", "", "3")]
    assert change_lines(SHAPES["nested values"]) == [
        ChangeLine("counts", "", '{"created": 1, "updated": 2}')
    ]
    assert change_lines({}) == []
    assert changes_text(SHAPES["field pairs"]) == "氏: 職員 → 改姓; 採用日:  → 平成27年4月1日"


def test_a_change_set_reads_in_japanese_with_its_model(cast):
    """Field names by their verbose names, choices by their labels, booleans as はい/いいえ,
    dates in 和暦, an import's related ids by the related row's name."""
    from dxjinzai.organizations.models import StaffMember
    from dxjinzai.training.models import Course

    grade = cast.staff["A.member"].grade
    lines = change_lines(
        {
            "status": ["active", "retired"],
            "grade_id": ["", str(grade.pk)],
            "hire_date": ["2015-04-01", "2016-04-01"],
        },
        StaffMember,
    )
    assert [(line.label, line.before, line.after) for line in lines] == [
        ("在職状況", "在職", "退職"),  # the field's own name on its model
        ("職層", "", str(grade)),
        ("採用日", "平成27年4月1日", "平成28年4月1日"),
    ]
    course = change_lines(
        {"issues_certificate": ["False", "True"], "mode": ["", "elearning"]}, Course
    )
    assert [(line.label, line.before, line.after) for line in course] == [
        ("修了証を発行する", "いいえ", "はい"),
        ("形式", "", "eラーニング"),
    ]


@pytest.fixture
def every_shape(cast):
    body = cast.bodies["A"]
    for name, changes in SHAPES.items():
        audit_record(
            actor=None,
            body=body,
            action=AuditAction.UPDATE,
            target_type="形",
            target_label=name,
            changes=changes,
        )
    # And the two services whose change sets broke the page and the exports.
    framework_load_preset(actor=None, body=body, key="tokyo")
    aichi = framework_load_preset(actor=None, body=body, key="aichi")
    item = SkillItem.objects.filter(category__framework=aichi)[0]
    assessment_save(
        actor=None,
        staff=cast.staff["A.member"],
        fiscal_year=2026,
        assessor_kind="self",
        proficiencies={item: 2},
        today=date(2026, 11, 1),
    )
    return body


def test_audit_page_shows_every_shape(cast, client_as, every_shape):
    response = client_as("A.admin").get(reverse("audit_log", args=[every_shape.code]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "読み込んだ既定の枠組み：（なし） → tokyo" in html
    assert "評価した項目数：（なし） → 1" in html
    assert "請求額：（なし） → 105000" in html


@pytest.mark.parametrize("export", ["csv", "csv_cp932", "xlsx"])
def test_audit_exports_carry_every_shape(cast, client_as, every_shape, export):
    url = reverse("audit_log", args=[every_shape.code]) + f"?export={export}&accept_loss=1"
    response = client_as("A.admin").get(url)
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    if export == "xlsx":
        rows = [list(r) for r in load_workbook(io.BytesIO(data)).active.values]
    else:
        text = data.decode("utf-8-sig" if export == "csv" else "cp932")
        rows = list(csv.reader(io.StringIO(text)))
    changes = [row[5] for row in rows[1:]]
    assert "読み込んだ既定の枠組み:  → tokyo" in changes
    # PostgreSQL's jsonb keeps keys in its own order: the two lines, in either order.
    assessment = {"年度:  → 2026", "評価した項目数:  → 1"}
    assert any(set((cell or "").split("; ")) == assessment for cell in changes)
    assert len(rows) - 1 >= len(SHAPES) + 2


def test_one_date_rule_on_the_pages():
    """Dates in 和暦, a moment on its Japanese day, and a one-day period as one date."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from dxjinzai.core.templatetags.dx import date_span, wareki_date

    assert wareki_date(date(2026, 11, 29)) == "令和8年11月29日"
    # 2026-11-28 20:00 UTC is 2026-11-29 05:00 in Japan.
    assert wareki_date(datetime(2026, 11, 28, 20, tzinfo=ZoneInfo("UTC"))) == "令和8年11月29日"
    assert date_span(date(2027, 1, 20), date(2027, 1, 20)) == "令和9年1月20日"
    assert date_span(date(2027, 1, 20), date(2027, 1, 21)) == "令和9年1月20日〜令和9年1月21日"
    assert date_span(date(2027, 1, 20), None) == "令和9年1月20日〜"


def test_a_field_is_named_as_its_own_model_names_it():
    """A key shared by several models (title) reads as each model calls it, not as the
    first model that wrote it (an appointment's 職名)."""
    from dxjinzai.advisers.models import Idea
    from dxjinzai.community.models import Event

    assert change_lines({"title": ["a", "b"]}, Idea)[0].label == "解決アイデア"
    assert change_lines({"attended": ["", "3人"]}, Event)[0].label == "出席"
