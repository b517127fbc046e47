"""Dispatch objects on top of the shared test cast: the prefecture P runs a scheme, P.expert
is a registered expert, municipality A has a request assigned to them with one activity."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from dxjinzai.dispatch import services
from dxjinzai.dispatch.models import DispatchScheme
from dxjinzai.organizations.testing import Cast

FIELDS = ["プログラミング教育", "情報セキュリティ", "データ活用"]


def build_dispatch_cast(cast: Cast, *, today: date = date(2026, 11, 26)) -> dict[str, Any]:
    existing = DispatchScheme.unscoped.filter(body=cast.bodies["P"]).first()
    if existing is not None:
        return _found(existing)
    scheme = DispatchScheme.unscoped.create(
        body=cast.bodies["P"], name="テスト県専門家派遣", fields_catalogue=FIELDS
    )
    expert = services.expert_create(
        actor=None,
        scheme=scheme,
        name="派遣 一郎",
        kana="ハケン イチロウ",
        fields=["プログラミング教育", "データ活用"],
        user=cast.users["P.expert"],
        payee_name="ハケン イチロウ",
        bank_account="テスト銀行 普通 1234567",
    )
    services.expert_create(
        actor=None, scheme=scheme, name="予備 二郎", kana="ヨビ ジロウ", fields=["情報セキュリティ"]
    )
    dispatch_request = services.request_create(
        actor=None,
        scheme=scheme,
        requester=cast.bodies["A"],
        today=today,
        contact_name="甲市 担当",
        contact_email="kou@example.lg.jp",
        theme="職員向けデータ活用研修",
        fields=["データ活用"],
        desired_date=date(2026, 12, 10),
    )
    services.request_assign(actor=None, dispatch_request=dispatch_request, expert=expert)
    services.request_expert_confirm(
        actor=expert.user,
        dispatch_request=dispatch_request,
        now=datetime(2026, 11, 27, 9, 0, tzinfo=UTC),
    )
    services.activity_record(
        actor=None, dispatch_request=dispatch_request, day=date(2026, 12, 10), minutes=150
    )
    return _found(scheme)


def _found(scheme: DispatchScheme) -> dict[str, Any]:
    dispatch_request = scheme.requests.get(theme="職員向けデータ活用研修")
    return {
        "scheme": scheme,
        "request": dispatch_request,
        "activity": dispatch_request.activities.get(),
        "expert": dispatch_request.expert,
    }
