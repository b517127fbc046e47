"""The division dashboard computed from records, with 福井県's own examples."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from dxjinzai.dashboards.rules import Score
from dxjinzai.dashboards.selectors import division_rows
from dxjinzai.organizations import services as organizations
from dxjinzai.organizations.rules import AppointmentKind
from dxjinzai.skills.services import framework_load_preset, talent_holding_create
from dxjinzai.training import services as training

TODAY = date(2027, 3, 31)  # the end of FY2026, when the year's dashboard is final
YEAR = 2026


def _course(body, title):
    return training.course_create(
        actor=None,
        body=body,
        title=title,
        mode="online",
        provider_kind="in_house",
        hours=Decimal(2),
    )


def _done(person, course, day=date(2026, 9, 1)):
    training.completion_import(
        actor=None, staff=person, course=course, completed_on=day, hours=Decimal(2)
    )


@pytest.fixture
def fukui(cast):
    """甲市's DX課: 20 people, two tiered trainings required of each, two DX-leader trainings,
    four electives offered to all staff."""
    body = cast.bodies["A"]
    division = organizations.department_create(
        actor=None, body=body, code="0900", name="DX課", valid_from=date(2020, 4, 1)
    )
    people = [
        organizations.staff_create(
            actor=None,
            body=body,
            number=f"09{n:03d}",
            family_name="課員",
            given_name=f"{n}",
            family_name_kana="フクイ",
            given_name_kana="タロウ",
            department=division,
            hire_date=date(2015, 4, 1),
        )
        for n in range(20)
    ]
    tiered = [_course(body, "DX推進研修"), _course(body, "情報セキュリティ研修")]
    for course in tiered:
        training.requirement_create(
            actor=None,
            body=body,
            course=course,
            kind="mandatory",
            department=division,
            from_fiscal_year=YEAR,
            recurrence="yearly",
        )
    role_classes = framework_load_preset(actor=None, body=body, key="fukui").role_classes
    leader_class = role_classes.get(name="DXリーダー")
    leader_courses = [_course(body, "DXゲートウェイ研修"), _course(body, "データ活用研修")]
    for course in leader_courses:
        training.requirement_create(
            actor=None,
            body=body,
            course=course,
            kind="mandatory",
            role_class=leader_class,
            from_fiscal_year=YEAR,
        )
    electives = [_course(body, f"選択研修{n}") for n in range(1, 5)]
    for course in electives:
        training.requirement_create(
            actor=None, body=body, course=course, kind="elective", from_fiscal_year=YEAR
        )
    return {
        "body": body,
        "division": division,
        "people": people,
        "tiered": tiered,
        "leader_class": leader_class,
        "leader_courses": leader_courses,
        "electives": electives,
    }


def _row(fukui, today=TODAY):
    rows = division_rows(
        fukui["body"], fiscal_year=YEAR, today=today, leader_class=fukui["leader_class"]
    )
    return next(r for r in rows if r.department == fukui["division"])


def test_the_four_figures_of_the_case(fukui):
    people, (first, second) = fukui["people"], fukui["tiered"]
    for person in people[:11]:  # 11 people did both, 9 did one: 31 completions of 40
        _done(person, first)
        _done(person, second)
    for person in people[11:]:
        _done(person, first)
    leader_one, leader_two = people[0], people[1]
    for leader in (leader_one, leader_two):
        talent_holding_create(
            actor=None,
            staff=leader,
            role_class=fukui["leader_class"],
            since=date(2026, 4, 1),
            source="appointment",
        )
    _done(leader_two, fukui["leader_courses"][0])  # 2 required, 1 done (by either leader)
    _done(people[5], fukui["electives"][0])
    _done(people[6], fukui["electives"][2])
    _done(people[7], fukui["electives"][2])
    row = _row(fukui)
    assert row.headcount == 20
    assert row.mandatory == Score(31, 40) and row.mandatory.percent == Decimal("77.5")
    assert row.leaders == Score(1, 2) and row.leaders.percent == Decimal("50.0")
    assert row.leader_courses_missing == ["データ活用研修"]
    assert row.electives == Score(2, 4)
    assert row.electives_taken == ["選択研修1", "選択研修3"]


def test_a_division_with_no_one_required_and_no_leader_gets_no_score(cast, fukui):
    rows = division_rows(
        fukui["body"], fiscal_year=YEAR, today=TODAY, leader_class=fukui["leader_class"]
    )
    general = next(r for r in rows if r.department == cast.departments["A.general"])
    assert general.mandatory is None  # the tiered trainings are DX課's only
    assert general.leaders is None  # no DX leader there
    assert general.electives == Score(0, 4)  # electives are offered to everyone


def test_a_completion_of_last_year_does_not_count_for_a_yearly_training(fukui):
    person = fukui["people"][0]
    _done(person, fukui["tiered"][0], day=date(2026, 3, 1))  # FY2025
    row = _row(fukui)
    line = next(line for line in row.people if line.staff == person)
    assert (line.required, line.done) == (2, 0)


def test_a_person_who_moved_in_october_counts_in_the_new_division_for_the_whole_year(cast, fukui):
    mover = cast.staff["A.other"]  # 総務課 until September
    organizations.appointment_create(
        actor=None,
        staff=mover,
        department=fukui["division"],
        kind=AppointmentKind.REGULAR,
        start_date=date(2026, 10, 1),
    )
    appointment = cast.appointments["A.other"]
    organizations.appointment_update(
        actor=None, appointment=appointment, end_date=date(2026, 9, 30)
    )
    _done(mover, fukui["tiered"][0], day=date(2026, 6, 1))  # taken while in 総務課
    row = _row(fukui)
    line = next(line for line in row.people if line.staff.pk == mover.pk)
    assert (line.required, line.done) == (2, 1)
    assert row.headcount == 21
    # In August, before the move, the dashboard still shows them in 総務課.
    rows = division_rows(
        fukui["body"], fiscal_year=YEAR, today=date(2026, 8, 31), leader_class=None
    )
    general = next(r for r in rows if r.department == cast.departments["A.general"])
    assert mover.pk in [line.staff.pk for line in general.people]


def test_everyone_sees_the_scores_only_staff_scope_sees_the_people(cast, client_as, fukui):
    for person in fukui["people"][:3]:
        _done(person, fukui["tiered"][0])
    body = fukui["body"]
    page = client_as("A.staff").get(
        reverse("division_dashboard", args=[body.code]), {"fiscal_year": YEAR}
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "DX課" in html and "課員" not in html  # scores, no names
    export = client_as("A.staff").get(
        reverse("division_dashboard", args=[body.code]), {"fiscal_year": YEAR, "export": "csv"}
    )
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert any(line.startswith("0900,DX課,20,") for line in text.splitlines())
    detail_url = reverse("division_detail", args=[body.code, fukui["division"].pk])
    hr = client_as("A.hr").get(detail_url, {"fiscal_year": YEAR})
    assert len(hr.context["people"]) == 20
    # The head of デジタル推進課 may open the page but sees none of DX課's people.
    head = client_as("A.head").get(detail_url, {"fiscal_year": YEAR})
    assert head.context["people"] == []
    assert "あなたが閲覧できる職員だけ" in head.content.decode()


def test_ranking_puts_the_best_first_and_unscored_divisions_last(cast, client_as, fukui):
    for person in fukui["people"]:
        _done(person, fukui["tiered"][0])
    page = client_as("A.hr").get(
        reverse("division_dashboard", args=[fukui["body"].code]),
        {"fiscal_year": YEAR, "sort": "mandatory"},
    )
    names = [row.department.name for row in page.context["page"]]
    assert names[0] == "DX課"


def test_coverage_shows_which_divisions_lack_a_leader(cast, client_as):
    body = cast.bodies["A"]
    framework = framework_load_preset(actor=None, body=body, key="kanazawa")
    leader = framework.types.get(name="デジタル行政推進リーダー")
    talent_holding_create(
        actor=None,
        staff=cast.staff["A.member"],
        talent_type=leader,
        since=date(2026, 4, 1),
        source="appointment",
    )
    url = reverse("division_coverage", args=[body.code])
    page = client_as("A.staff").get(url, {"type": leader.pk})
    assert page.context["coverage"].covered == 1
    assert page.context["coverage"].divisions == 3  # 総務課, デジタル推進課, デジタル推進係
    rows = {row.department.name: row for row in page.context["page"]}
    assert rows["デジタル推進課"].covered and not rows["総務課"].covered
    # A staff member sees the figures, not the names; HR sees the names.
    assert rows["デジタル推進課"].visible_names == ["職員 次郎"]  # their own record
    missing = client_as("A.hr").get(url, {"type": leader.pk, "missing": "1"})
    assert [row.department.name for row in missing.context["page"]] == ["総務課", "デジタル推進係"]
    other = client_as("A.head").get(url, {"type": leader.pk})
    assert "職員 次郎" in other.content.decode()


def test_the_steering_page_counts_from_the_records(cast, client_as, fukui):
    body = fukui["body"]
    for person in fukui["people"][:3]:
        _done(person, fukui["tiered"][0], day=date.today())
    talent_holding_create(
        actor=None,
        staff=fukui["people"][0],
        role_class=fukui["leader_class"],
        since=date(2026, 4, 1),
        source="appointment",
    )
    page = client_as("A.staff").get(reverse("steering", args=[body.code]))
    figures = page.context["figures"]
    assert (figures.completions_this_year, figures.people_completed_this_year) == (3, 3)
    assert figures.certifications_this_year == 0
    assert "課員" not in page.content.decode()  # aggregates only
    home = client_as("A.hr").get(reverse("home")).content.decode()
    assert reverse("steering", args=[body.code]) in home


def test_trend_by_year_for_a_division_and_the_body(cast, client_as, fukui):
    from dxjinzai.dashboards.selectors import division_trend

    first = fukui["tiered"][0]
    for person in fukui["people"][:10]:
        _done(person, first, day=date(2026, 6, 1))
    points = division_trend(
        fukui["body"],
        years=[2025, 2026],
        today=TODAY,
        leader_class=fukui["leader_class"],
        department=fukui["division"],
    )
    # The rules start in FY2026: nothing is required in FY2025.
    assert [(p.fiscal_year, p.mandatory) for p in points] == [(2025, None), (2026, Score(10, 40))]
    page = client_as("A.staff").get(reverse("division_trend", args=[fukui["body"].code]))
    assert page.status_code == 200 and len(page.context["page"]) == 5


def test_the_drill_down_exports_only_the_people_the_viewer_may_see(cast, client_as, fukui):
    url = reverse("division_detail", args=[fukui["body"].code, fukui["division"].pk])
    hr = client_as("A.hr").get(url, {"fiscal_year": YEAR, "export": "csv"})
    hr_rows = b"".join(hr.streaming_content).decode("utf-8-sig").splitlines()
    assert hr_rows[0] == "職員番号,氏名,DXリーダー,必要,修了,未修了の研修" and len(hr_rows) == 21
    head = client_as("A.head").get(url, {"fiscal_year": YEAR, "export": "csv"})
    assert len(b"".join(head.streaming_content).decode("utf-8-sig").splitlines()) == 1


def test_divisions_without_anyone_required_are_not_ranked(cast, client_as):
    """With no requirement at all every division shows 対象者なし: none gets a place, and
    the page says what to set up instead of ranking them 1, 2, 3 …"""
    from dxjinzai.dashboards.aggregates import DivisionScores
    from dxjinzai.dashboards.rules import Score
    from dxjinzai.dashboards.views import _ranked

    unit = cast.departments["A.digital"]
    rows = [
        DivisionScores(department=unit, headcount=3, mandatory=None, leaders=None, electives=None),
        DivisionScores(
            department=unit, headcount=2, mandatory=Score(1, 2), leaders=None, electives=None
        ),
        DivisionScores(
            department=unit, headcount=4, mandatory=Score(3, 4), leaders=None, electives=None
        ),
    ]
    ranked = _ranked(rows, "mandatory")
    assert [(r.headcount, r.rank) for r in ranked] == [(4, 1), (2, 2), (3, None)]

    page = client_as("A.hr").get(reverse("division_dashboard", args=[cast.bodies["A"].code]))
    html = page.content.decode()
    assert "選んだ評価の対象者がいる所属がないため、順位はつきません。" in html
    assert '<tr><td class="number">—</td>' in html
    assert '<tr><td class="number">1</td>' not in html
    # No empty chart frame: the page says what to set up instead.
    assert "<svg" not in html
    assert "①の対象者がいる所属がありません（受講要件の階層別必須研修と" in html


def test_the_chart_has_an_axis_and_marks_the_viewers_own_division(cast, client_as, fukui):
    for person in fukui["people"][:11]:
        _done(person, fukui["tiered"][0])
    url = reverse("division_dashboard", args=[fukui["body"].code])
    html = client_as("A.head").get(url, {"fiscal_year": YEAR}).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert all(f">{tick}%</text>" in svg for tick in (0, 25, 50, 75, 100))
    # 所属長 heads デジタル推進課 (and its 係): bold, ▶ and the other colour, said in the caption.
    assert 'font-weight="bold">▶ デジタル推進課' in svg
    assert "太字・▶・橙色はあなたの所属" in html
    assert 'font-weight="bold">▶ DX課' not in svg
    # Someone outside any shown division sees no mark.
    operator = client_as("P.operator").get(url, {"fiscal_year": YEAR}).content.decode()
    assert "▶" not in operator[operator.index("<svg") : operator.index("</svg>")]


def test_axis_ticks_are_whole_numbers_of_the_scale():
    from dxjinzai.core.charts import axis_ticks

    assert [t.label for t in axis_ticks(Decimal(100), "%")] == ["0%", "25%", "50%", "75%", "100%"]
    assert [t.label for t in axis_ticks(Decimal(2), "人")] == ["0人", "1人", "2人"]
    assert [t.x for t in axis_ticks(Decimal(100))][::4] == [220, 600]
