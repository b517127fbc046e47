"""A framework is corrected by the HR that loaded it (name, description, sharing, target
head-counts) and deleted only while no record rests on it."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dxjinzai.core.models import AuditAction, AuditEntry
from dxjinzai.skills import services
from dxjinzai.skills.models import Framework, HoldingSource, TalentType


@pytest.fixture
def own(cast):
    return services.framework_load_preset(actor=None, body=cast.bodies["A"], key="kanazawa")


def test_hr_corrects_name_sharing_and_target_headcounts_with_an_audit(cast, client_as, own):
    first = own.types.first()
    response = client_as("A.hr").post(
        reverse("framework_edit", args=[own.pk]),
        {
            "name": "甲市DX人材像",
            "description": "甲市の人材像",
            "shared_with_consortium": "on",
            f"headcount_{first.pk}": "12",
        },
    )
    assert response["Location"] == reverse("framework_detail", args=[own.pk])
    own.refresh_from_db()
    first.refresh_from_db()
    assert (own.name, own.shared_with_consortium, first.target_headcount) == (
        "甲市DX人材像",
        True,
        12,
    )
    entry = AuditEntry.unscoped.filter(action=AuditAction.UPDATE).latest("id")
    assert entry.changes["name"][1] == "甲市DX人材像"
    assert entry.changes[f"目標人数：{first.name}"] == ["2000", "12"]  # 金沢市の将来数


def test_a_name_already_used_by_the_body_is_refused(cast, own):
    other = services.framework_load_preset(actor=None, body=cast.bodies["A"], key="aichi")
    with pytest.raises(ValidationError, match="すでにあります"):
        services.framework_update(actor=None, framework=other, name=own.name)


def test_another_bodys_shared_framework_is_read_not_changed(cast, client_as):
    shared = services.framework_load_preset(
        actor=None, body=cast.bodies["P"], key="aichi", shared_with_consortium=True
    )
    client = client_as("A.hr")
    assert client.get(reverse("framework_detail", args=[shared.pk])).status_code == 200
    assert client.get(reverse("framework_edit", args=[shared.pk])).status_code == 403
    assert client.post(reverse("framework_delete", args=[shared.pk])).status_code == 403
    assert Framework.unscoped.filter(pk=shared.pk).exists()


def test_a_framework_in_use_is_not_deleted_and_says_by_what(cast, client_as, own):
    services.talent_holding_create(
        actor=None,
        staff=cast.staff["A.member"],
        since=date(2026, 4, 1),
        source=HoldingSource.REGISTERED,
        talent_type=own.types.first(),
    )
    assert services.framework_dependents(own) == ["人材像・レベルの保有"]
    response = client_as("A.hr").post(reverse("framework_delete", args=[own.pk]), follow=True)
    assert "人材像・レベルの保有から使われているため削除できません" in response.content.decode()
    assert Framework.unscoped.filter(pk=own.pk).exists()


def test_an_unused_framework_is_deleted_with_its_parts(cast, client_as, own):
    types = list(own.types.values_list("pk", flat=True))
    assert services.framework_dependents(own) == []
    response = client_as("A.hr").post(reverse("framework_delete", args=[own.pk]))
    assert response["Location"] == reverse("framework_list", args=[cast.bodies["A"].code])
    assert not Framework.unscoped.filter(pk=own.pk).exists()
    assert not TalentType.objects.filter(pk__in=types).exists()
    assert AuditEntry.unscoped.filter(
        action=AuditAction.DELETE, target_type="人材フレームワーク"
    ).exists()
