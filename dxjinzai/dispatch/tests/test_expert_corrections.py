"""The scheme's managers correct an expert's entry (payee details audited as changed, not
their values) and take an expert off the registry unless a request still waits for them."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dxjinzai.core import clock
from dxjinzai.core.models import AuditEntry
from dxjinzai.dispatch import services
from dxjinzai.dispatch.models import DispatchRequest, RequestStatus
from dxjinzai.dispatch.testing import build_dispatch_cast


@pytest.fixture
def made(cast):
    return build_dispatch_cast(cast)


def _entry(expert):
    return AuditEntry.unscoped.filter(
        target_type=expert._meta.verbose_name, target_id=str(expert.pk)
    ).latest("pk")


def test_an_entry_is_corrected_and_the_bank_account_is_not_written_to_the_log(cast, made):
    expert = made["expert"]
    services.expert_update(
        actor=cast.users["P.admin"],
        expert=expert,
        name=expert.name,
        fields=expert.fields,
        affiliation="静岡大学 情報学部",
        monthly_cap=2,
        bank_account="静岡銀行 本店 普通 7654321",
    )
    expert.refresh_from_db()
    assert (expert.affiliation, expert.monthly_cap) == ("静岡大学 情報学部", 2)
    changes = _entry(expert).changes
    assert changes["monthly_cap"] == ["4", "2"]
    assert changes["bank_account"] == ["", "（変更あり）"]
    assert "7654321" not in str(changes)


def test_an_expert_is_withdrawn_only_when_no_request_waits(cast, made):
    expert = made["expert"]
    today = clock.today()
    waiting = services.request_create(
        actor=None,
        scheme=made["scheme"],
        requester=cast.bodies["A"],
        today=today,
        contact_name="甲市 担当",
        contact_email="kou@example.lg.jp",
        theme="生成AIの使い方",
        fields=["データ活用"],
        desired_date=today + timedelta(days=30),
    )
    services.request_assign(actor=None, dispatch_request=waiting, expert=expert)
    with pytest.raises(ValidationError, match="調整中・派遣決定の依頼が1件あるため"):
        services.expert_withdraw(actor=None, expert=expert)
    DispatchRequest.unscoped.filter(pk=waiting.pk).update(status=RequestStatus.WITHDRAWN)
    services.expert_withdraw(actor=None, expert=expert)
    expert.refresh_from_db()
    assert expert.is_active is False
    with pytest.raises(ValidationError, match="すでに登録を外しています"):
        services.expert_withdraw(actor=None, expert=expert)


def test_the_edit_page_shows_the_entry_as_stored(cast, made, client_as):
    expert = made["expert"]
    url = reverse("dispatch_expert_edit", args=[made["scheme"].pk, expert.pk])
    assert expert.name in client_as("P.admin").get(url).content.decode()
