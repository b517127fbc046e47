"""Correcting a target, a loaded preset included: つくば市's preset has no final year, so
no projection is drawn; the page now says that is why (not "two years of actuals"), and HR
sets the final year and figures on the target's edit page."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dxjinzai.core.models import AuditEntry
from dxjinzai.plans import services
from dxjinzai.plans.rules import projection_missing_reason
from dxjinzai.plans.selectors import target_progress

TODAY = date(2026, 11, 26)  # 令和8年度


def test_why_no_projection_is_said_in_the_order_an_official_fixes_it():
    assert projection_missing_reason(None, 2026, 5) == (
        "最終目標年度が設定されていません（目標を修正して設定できます）"
    )
    assert projection_missing_reason(2026, 2026, 5) == "最終目標年度に達しています"
    assert projection_missing_reason(2030, 2026, 1) == "2年度以上の実績が必要です"
    assert projection_missing_reason(2030, 2026, 2) is None


def test_a_loaded_preset_gets_its_final_year_and_a_projection(cast):
    body = cast.bodies["A"]
    tsukuba = services.target_load_preset(actor=None, body=body, key="tsukuba_literacy")
    services.target_actual_set(actor=None, target=tsukuba, fiscal_year=2022, value=520)
    progress = target_progress(tsukuba, today=TODAY)
    assert progress.projection is None
    assert progress.projection_note is not None
    assert progress.projection_note.startswith("最終目標年度が設定されていません")

    services.target_update(
        actor=cast.users["A.hr"],
        target=tsukuba,
        name=tsukuba.name,
        metric=tsukuba.metric,
        unit="人",
        yearly_targets={2022: 510, 2023: 630, 2024: 750, 2027: 990},
        final_fiscal_year=2027,
        final_value=990,
    )
    progress = target_progress(tsukuba, today=TODAY)
    assert progress.projection_note is None
    assert progress.projection is not None
    # Least squares through 2021: 493 and 2022: 520 → +27 a year → 2027: 655.
    assert (progress.projection.fiscal_year, progress.projection.value) == (2027, 655)
    lines = {line.fiscal_year: line for line in progress.lines}
    assert (lines[2022].target, lines[2022].actual) == (510, 520)  # the actual stayed
    entry = AuditEntry.unscoped.filter(
        target_type=tsukuba._meta.verbose_name, target_id=str(tsukuba.pk)
    ).latest("pk")
    assert entry.changes["final_fiscal_year"] == ["", "2027"]
    assert entry.changes["2027年度の目標"] == ["", "990"]


def test_a_year_taken_out_of_the_targets_keeps_its_actual(cast):
    target = services.target_load_preset(actor=None, body=cast.bodies["A"], key="tsukuba_literacy")
    services.target_actual_set(actor=None, target=target, fiscal_year=2023, value=600)
    services.target_update(
        actor=None,
        target=target,
        name=target.name,
        metric=target.metric,
        unit="人",
        yearly_targets={2022: 510, 2024: 750},
    )
    lines = {line.fiscal_year: line for line in target_progress(target, today=TODAY).lines}
    assert (lines[2023].target, lines[2023].actual) == (None, 600)


def test_the_final_year_cannot_come_before_a_yearly_target(cast):
    target = services.target_load_preset(actor=None, body=cast.bodies["A"], key="tsukuba_literacy")
    with pytest.raises(ValidationError):
        services.target_update(
            actor=None,
            target=target,
            name=target.name,
            metric=target.metric,
            unit="人",
            yearly_targets={2022: 510, 2024: 750},
            final_fiscal_year=2023,
            final_value=700,
        )


def test_the_edit_page_shows_the_figures_as_one_line_and_saves(cast, client_as):
    body = cast.bodies["A"]
    target = services.target_load_preset(actor=None, body=body, key="tsukuba_literacy")
    client = client_as("A.hr")
    url = reverse("target_edit", args=[body.code, target.pk])
    assert "2022:510, 2023:630, 2024:750" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "name": target.name,
            "metric": target.metric,
            "unit": "人",
            "yearly_targets": "2022:510, 2023:630, 2024:750, 2026:900",
            "final_fiscal_year": "2026",
            "final_value": "900",
        },
    )
    assert response["Location"] == reverse("target_detail", args=[body.code, target.pk])
    target.refresh_from_db()
    assert (target.final_fiscal_year, target.final_value) == (2026, 900)


def test_a_new_target_lands_on_its_own_page(cast, client_as):
    from dxjinzai.plans.models import Target

    body = cast.bodies["A"]
    response = client_as("A.hr").post(
        reverse("target_create", args=[body.code]),
        {"name": "業務改善の件数", "metric": "manual", "unit": "件", "yearly_targets": "2026:5"},
    )
    target = Target.unscoped.get(body=body, name="業務改善の件数")
    assert response["Location"] == reverse("target_detail", args=[body.code, target.pk])
