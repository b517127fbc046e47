"""Targets counted from the records: 滋賀県's type holders, つくば市's completers, 袋井市's
improvements, and a manual count."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dxjinzai.improvements.services import improvement_create
from dxjinzai.plans import services
from dxjinzai.plans.forms import parse_yearly_targets
from dxjinzai.plans.selectors import target_progress
from dxjinzai.skills.services import framework_load_preset, talent_holding_create
from dxjinzai.training import services as training

TODAY = date(2026, 11, 26)


def _line(progress, year):
    return next(line for line in progress.lines if line.fiscal_year == year)


def test_type_holders_are_counted_at_each_years_end(cast):
    body = cast.bodies["A"]
    leader = framework_load_preset(actor=None, body=body, key="aichi").types.get(
        name="DX推進リーダー"
    )
    target = services.target_create(
        actor=None,
        body=body,
        name="DX推進リーダー 6人",
        metric="type_holders",
        talent_type=leader,
        yearly_targets={2025: 2, 2026: 4},
        final_fiscal_year=2028,
        final_value=6,
    )
    for key, since in (("A.member", date(2025, 6, 1)), ("A.unit", date(2026, 5, 1))):
        talent_holding_create(
            actor=None, staff=cast.staff[key], talent_type=leader, since=since, source="course"
        )
    progress = target_progress(target, today=TODAY)
    assert (_line(progress, 2025).actual, _line(progress, 2025).percent) == (1, Decimal("50.0"))
    assert (_line(progress, 2026).actual, _line(progress, 2026).percent) == (2, Decimal("50.0"))
    assert _line(progress, 2027).actual is None  # not yet
    assert progress.projection is not None and progress.projection.value == 4  # 1, 2 → 4 in 2028


def test_course_completers_per_year_or_cumulative_count_people_once(cast):
    body = cast.bodies["A"]
    course = training.course_create(
        actor=None,
        body=body,
        title="データリテラシー研修",
        mode="video",
        provider_kind="in_house",
        hours=Decimal(1),
    )
    for key, day in (
        ("A.member", date(2025, 5, 1)),
        ("A.member", date(2026, 5, 1)),
        ("A.unit", date(2026, 6, 1)),
    ):
        training.completion_import(
            actor=None, staff=cast.staff[key], course=course, completed_on=day, hours=Decimal(1)
        )
    per_year = services.target_create(
        actor=None,
        body=body,
        name="修了者",
        metric="course_completers",
        course=course,
        yearly_targets={2025: 1},
    )
    cumulative = services.target_create(
        actor=None,
        body=body,
        name="修了者（累計）",
        metric="course_completers",
        course=course,
        cumulative=True,
        yearly_targets={2026: 2},
    )
    assert _line(target_progress(per_year, today=TODAY), 2026).actual == 2
    assert _line(target_progress(cumulative, today=TODAY), 2026).actual == 2  # A.member once


def test_improvements_cumulative_like_fukuroi(cast):
    body = cast.bodies["A"]
    for year in (2024, 2025, 2026):
        for n in range(3):
            improvement_create(
                actor=None,
                body=body,
                department=cast.departments["A.digital"],
                fiscal_year=year,
                title=f"改善{year}-{n}",
                summary="—",
                today=TODAY,
            )
    target = services.target_create(
        actor=None,
        body=body,
        name="業務改善 3件／年",
        metric="improvements",
        cumulative=True,
        yearly_targets={2024: 3, 2025: 6, 2026: 9},
    )
    progress = target_progress(target, today=TODAY)
    assert [(_line(progress, y).actual) for y in (2024, 2025, 2026)] == [3, 6, 9]
    assert _line(progress, 2026).percent == Decimal("100.0")


def test_manual_actuals_and_bad_input(cast, client_as):
    body = cast.bodies["A"]
    with pytest.raises(ValidationError, match="数える人材像"):
        services.target_create(
            actor=None, body=body, name="x", metric="type_holders", yearly_targets={2026: 1}
        )
    with pytest.raises(ValidationError, match="最終目標年度より後"):
        services.target_create(
            actor=None,
            body=body,
            name="x",
            metric="manual",
            yearly_targets={2030: 1},
            final_fiscal_year=2028,
            final_value=3,
        )
    target = services.target_create(
        actor=None,
        body=body,
        name="内製システム",
        metric="manual",
        yearly_targets={2026: 1},
        unit="本",
    )
    url = reverse("target_actual", args=[body.code, target.pk])
    client_as("A.hr").post(url, {"fiscal_year": 2026, "value": 2})
    assert _line(target_progress(target, today=TODAY), 2026).actual == 2
    page = client_as("A.staff").get(reverse("target_detail", args=[body.code, target.pk]))
    assert "200.0%" in page.content.decode()


def test_yearly_targets_are_typed_as_one_line():
    assert parse_yearly_targets("2022:510, 2023：630、2024:750") == {
        2022: 510,
        2023: 630,
        2024: 750,
    }
    with pytest.raises(Exception, match="読めません"):
        parse_yearly_targets("R4:510")
    with pytest.raises(Exception, match="2回"):
        parse_yearly_targets("2022:1, 2022:2")


def test_the_form_creates_a_target(cast, client_as):
    body = cast.bodies["A"]
    response = client_as("A.hr").post(
        reverse("target_create", args=[body.code]),
        {
            "name": "内製システム 100本",
            "metric": "manual",
            "unit": "本",
            "yearly_targets": "2024:30, 2025:60, 2026:100",
            "final_fiscal_year": "2026",
            "final_value": "100",
        },
    )
    assert response.status_code == 302
    listing = client_as("A.staff").get(reverse("target_list", args=[body.code]))
    assert "内製システム 100本" in listing.content.decode()


def test_seed_presets_load_with_their_figures(cast, client_as):
    body = cast.bodies["A"]
    client_as("A.hr").post(
        reverse("target_preset_load", args=[body.code]), {"key": "tsukuba_literacy"}
    )
    from dxjinzai.plans.models import Target

    tsukuba = Target.unscoped.get(body=body)
    progress = target_progress(tsukuba, today=TODAY)
    assert [(line.fiscal_year, line.target, line.actual) for line in progress.lines[:4]] == [
        (2021, None, 493),
        (2022, 510, None),
        (2023, 630, None),
        (2024, 750, None),
    ]
    services.target_load_preset(actor=None, body=body, key="fukuroi_staff")
    with pytest.raises(ValidationError, match="すでに読み込まれています"):
        services.target_load_preset(actor=None, body=body, key="fukuroi_staff")


def test_fukuroi_counts_its_bpr_staff_from_the_workshop_projects(cast):
    """袋井市: 24 staff a year in the BPR workshop over R2–R5, 96 in all. Each year's workshop
    is a project of its cohort; a person in two workshops counts once, in their first year."""
    from dxjinzai.improvements import services as improvements
    from dxjinzai.organizations import services as organizations

    body = cast.bodies["A"]
    people = [
        organizations.staff_create(
            actor=None,
            body=body,
            number=f"7{n:04d}",
            family_name="研修",
            given_name=f"{n}",
            family_name_kana="ケンシュウ",
            given_name_kana="タロウ",
        )
        for n in range(96)
    ]
    for n, year in enumerate((2020, 2021, 2022, 2023)):
        cohort = people[n * 24 : (n + 1) * 24]
        if year == 2023:  # a 2020 member comes back: not counted again
            cohort.append(people[0])
        improvements.project_save(
            actor=None,
            body=body,
            name=f"BPRワークショップ研修（{year}年度）",
            theme="internal",
            fiscal_year=year,
            member_numbers=[person.number for person in cohort],
        )
    fukuroi = services.target_load_preset(actor=None, body=body, key="fukuroi_staff")
    assert fukuroi.metric == "project_members"
    lines = {line.fiscal_year: line for line in target_progress(fukuroi, today=TODAY).lines}
    assert [lines[year].actual for year in (2020, 2021, 2022, 2023)] == [24, 48, 72, 96]
    assert (lines[2023].target, lines[2023].percent) == (96, Decimal("100.0"))


def test_certified_people_valid_at_each_years_end(cast):
    from dxjinzai.plans.services import certification_approve, certification_rule_create

    body = cast.bodies["A"]
    rule = certification_rule_create(actor=None, body=body, name="DX人材認定", validity_years=1)
    certification_approve(
        actor=None, rule=rule, staff=cast.staff["A.member"], evaluation="", today=date(2025, 6, 1)
    )
    certification_approve(
        actor=None, rule=rule, staff=cast.staff["A.unit"], evaluation="", today=date(2026, 6, 1)
    )
    target = services.target_create(
        actor=None,
        body=body,
        name="認定者",
        metric="certified",
        certification_rule=rule,
        yearly_targets={2025: 1, 2026: 2},
    )
    progress = target_progress(target, today=TODAY)
    # A.member's one-year certification lapsed on 2026-05-31: only A.unit counts at FY2026's end.
    assert [_line(progress, y).actual for y in (2025, 2026)] == [1, 1]


def test_a_consortium_wide_target_counts_every_member_and_only_the_operator_enters(cast, client_as):
    prefecture = cast.bodies["P"]
    leader = framework_load_preset(
        actor=None, body=prefecture, key="aichi", shared_with_consortium=True
    ).types.get(name="DX推進リーダー")
    for key in ("A.member", "B.member", "P.member"):
        talent_holding_create(
            actor=None,
            staff=cast.staff[key],
            talent_type=leader,
            since=date(2026, 5, 1),
            source="course",
        )
    talent_holding_create(
        actor=None,
        staff=cast.staff["F.member"],
        talent_type=leader,
        since=date(2026, 5, 1),
        source="course",
    )
    target = services.target_create(
        actor=None,
        body=prefecture,
        name="県内のDX推進リーダー",
        metric="type_holders",
        talent_type=leader,
        consortium_wide=True,
        yearly_targets={2026: 3},
    )
    assert _line(target_progress(target, today=TODAY), 2026).actual == 3  # not the foreign village
    listing = client_as("A.staff").get(reverse("target_list", args=[cast.bodies["A"].code]))
    assert "県内のDX推進リーダー" in listing.content.decode()
    url = reverse("target_actual", args=[cast.bodies["A"].code, target.pk])
    assert client_as("A.hr").post(url, {"fiscal_year": 2026, "value": 9}).status_code == 403
    with pytest.raises(ValidationError, match="運営する団体"):
        services.target_create(
            actor=None,
            body=cast.bodies["A"],
            name="x",
            metric="manual",
            consortium_wide=True,
            yearly_targets={2026: 1},
        )


def test_a_closed_years_actual_corrected_later_keeps_its_history(cast, client_as):
    body = cast.bodies["A"]
    target = services.target_create(
        actor=None,
        body=body,
        name="内製システム",
        metric="manual",
        yearly_targets={2024: 5},
        unit="本",
    )
    url = reverse("target_actual", args=[body.code, target.pk])
    client_as("A.hr").post(url, {"fiscal_year": 2024, "value": 4})
    client_as("A.admin").post(url, {"fiscal_year": 2024, "value": 6})
    page = client_as("A.hr").get(reverse("target_detail", args=[body.code, target.pk]))
    history = list(page.context["history"])
    assert history[0].changes == {"2024年度の実績": ["4", "6"]}
    assert "a-admin" in history[0].actor_label and "a-hr" in history[1].actor_label
    assert "2024年度の実績：4 → 6" in page.content.decode()
    # Members who do not manage targets see the figures, not who changed them.
    assert (
        client_as("A.staff")
        .get(reverse("target_detail", args=[body.code, target.pk]))
        .context["history"]
        == []
    )
