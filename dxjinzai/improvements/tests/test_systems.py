"""The register of in-house systems (滋賀県): kept by the DX division, read by the body, and
the KPI 「内製システム数」 counted from it by the fiscal year each system went live."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dxjinzai.improvements import services
from dxjinzai.improvements.models import InHouseSystem
from dxjinzai.plans import services as plans
from dxjinzai.plans.selectors import target_progress

TODAY = date(2026, 11, 29)


def _system(cast, went_live_on, **changes):
    fields = {
        "name": "施設予約の受付フォーム",
        "kind": "no_code",
        "builders": "山田 太郎",
        "went_live_on": went_live_on,
    } | changes
    return services.system_save(actor=None, body=cast.bodies["A"], today=TODAY, **fields)


def test_a_system_is_registered_once_live_in_one_of_the_bodys_departments(cast):
    with pytest.raises(ValidationError, match="稼働開始日は今日まで"):
        _system(cast, date(2026, 12, 1))
    with pytest.raises(ValidationError, match="この団体の所属"):
        _system(cast, date(2026, 6, 1), department=cast.departments["B.digital"])
    system = _system(cast, date(2026, 6, 1), department=cast.departments["A.digital"])
    services.system_save(
        actor=None, body=cast.bodies["A"], today=TODAY, system=system, status="stopped"
    )
    assert InHouseSystem.unscoped.get().status == "stopped"


def test_the_kpi_counts_systems_by_the_year_they_went_live_stopped_ones_included(cast):
    # 滋賀県's preset now counts from the register: 30 + 35 + 35 = 100 over R4–R6.
    target = plans.target_load_preset(actor=None, body=cast.bodies["A"], key="shiga_systems")
    assert target.metric == "in_house_systems"
    for fiscal_year, count in ((2022, 30), (2023, 35), (2024, 35)):
        for number in range(count):
            _system(
                cast,
                date(fiscal_year, 6, 1),
                name=f"システム{fiscal_year}-{number}",
                status="stopped" if number == 0 else "running",
            )
    _system(cast, date(2025, 4, 1), name="R7のシステム")
    lines = {line.fiscal_year: line.actual for line in target_progress(target, today=TODAY).lines}
    assert (lines[2022], lines[2023], lines[2024], lines[2025]) == (30, 65, 100, 101)
    with pytest.raises(ValidationError, match="記録から数えます"):
        plans.target_actual_set(actor=None, target=target, fiscal_year=2024, value=1)


def test_the_register_lists_exports_and_is_kept_by_hr(cast, client_as):
    _system(cast, date(2026, 6, 1), hours_saved_per_year=120)
    code = cast.bodies["A"].code
    listing = client_as("A.staff").get(reverse("system_list", args=[code])).content.decode()
    assert "施設予約の受付フォーム" in listing and "120時間／年" in listing
    assert reverse("system_create", args=[code]) not in listing
    export = client_as("A.hr").get(reverse("system_list", args=[code]) + "?export=csv")
    assert "施設予約の受付フォーム" in b"".join(export.streaming_content).decode("utf-8-sig")
    assert client_as("A.staff").get(reverse("system_create", args=[code])).status_code == 403
    assert client_as("B.admin").get(reverse("system_list", args=[code])).status_code == 404
