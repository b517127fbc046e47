"""Demo data of the steering figures: 浜松市's 福井県-style division dashboard (DX leaders,
their required trainings, electives, improvement activities) and targets of 静岡県 and
浜松市, all built through the services on top of the training demo."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from dxjinzai.core import clock
from dxjinzai.improvements import services as improvements
from dxjinzai.lib.fiscal import fiscal_year_of, fiscal_year_start
from dxjinzai.organizations import services as organizations
from dxjinzai.organizations.models import Body, Department, StaffMember
from dxjinzai.plans import services
from dxjinzai.skills import services as skills
from dxjinzai.skills.models import Framework, RoleClass
from dxjinzai.training import services as training
from dxjinzai.training.models import Course

IMPROVEMENTS = [
    (
        "申請書の電子化で窓口の待ち時間を短縮",
        "よく使われる3種類の申請を電子申請にし、窓口の待ち時間を平均15分短くした。",
    ),
    ("RPAで給与データの入力を自動化", "月40時間かかっていた転記作業をRPAに置き換えた。"),
    ("会議録の作成に音声認識を活用", "会議録の作成時間を半分にした。"),
    (
        "ノーコードで施設予約の仕組みを内製",
        "外部委託せずに施設予約の受付を作り、年間の委託費を削減した。",
    ),
    (
        "問い合わせをチャットボットで24時間受付",
        "よくある問い合わせの3割をチャットボットで解決した。",
    ),
    ("GISで道路の補修要望を地図に集約", "要望の重複が分かり、現地確認の回数が減った。"),
]


def build_plans_demo(
    *, bodies: dict[str, Body], staff_by_body: dict[str, list[StaffMember]], rng: random.Random
) -> None:
    today = clock.today()
    year = fiscal_year_of(today)
    hamamatsu = bodies["hamamatsu"]
    _division_dashboard(hamamatsu, staff_by_body["hamamatsu"], rng, today, year)
    _targets(bodies["pref"], hamamatsu, year)
    _seed_presets(bodies)
    # The registers the systems targets count from: 浜松市 12 last year and 9 this year;
    # the prefecture 滋賀県's 100 over R4–R6 (30, 35, 35).
    _systems(hamamatsu, {year - 1: 12, year: 9}, today)
    _systems(bodies["pref"], {2022: 30, 2023: 35, 2024: 35}, today)


# The seed's targets a demo body has taken as its own, under its own name: a body's KPI page
# never names another city's plan (浜松市 sets its own targets in _targets).
OWN_PRESETS = {
    "pref": {
        "shiga_challengers": "DX推進チャレンジャー 450人（R4〜R6）",
        "shiga_systems": "内製システム 100本（R4〜R6）",
    },
    "mishima": {
        "fukuroi_staff": "BPRを実践できる職員 毎年度24人・R2〜R5で96人",
        "fukuroi_improvements": "業務改善 毎年度3件・R2〜R5で12件",
    },
}


SYSTEM_NAMES = [
    ("施設予約の受付フォーム", "no_code"),
    ("給与データの転記", "rpa"),
    ("会議録の要約", "generative_ai"),
    ("住民アンケートの集計", "script"),
    ("庁内問い合わせの受付", "no_code"),
    ("議会答弁案の下書き支援", "generative_ai"),
    ("補助金申請の進捗管理", "no_code"),
]


def _systems(body: Body, per_year: dict[int, int], today: date) -> None:
    """Systems the body's staff built, each going live in its fiscal year (before today)."""
    number = 0
    for fiscal_year, count in per_year.items():
        start = fiscal_year_start(fiscal_year)
        for index in range(count):
            name, kind = SYSTEM_NAMES[number % len(SYSTEM_NAMES)]
            number += 1
            went_live = min(start + timedelta(days=7 * index + 10), today)
            improvements.system_save(
                actor=None,
                body=body,
                today=today,
                name=f"{name}（{number}）",
                kind=kind,
                builders="デジタル推進課の職員",
                went_live_on=went_live,
                users=10 + number % 40,
                hours_saved_per_year=50 + 10 * (number % 12),
                status="stopped" if number % 15 == 0 else "running",
            )


def _seed_presets(bodies: dict[str, Body]) -> None:
    """The seed's targets as the demo bodies' own. 袋井市's 24 staff and 3 improvements a
    year are counted from the workshop projects and their adopted proposals of
    improvements.demo, not entered."""
    for slug, names in OWN_PRESETS.items():
        for key, name in names.items():
            services.target_load_preset(actor=None, body=bodies[slug], key=key, name=name)


def _course(body: Body, title: str, mode: str = "online") -> Course:
    return training.course_create(
        actor=None, body=body, title=title, mode=mode, provider_kind="in_house", hours=Decimal(3)
    )


def _division_dashboard(
    body: Body, people: list[StaffMember], rng: random.Random, today: date, year: int
) -> None:
    fukui = Framework.unscoped.get(body=body, preset_key="fukui")
    leader_class = fukui.role_classes.get(name="DXリーダー")
    by_division: dict[Department, list[StaffMember]] = {}
    for person in people:
        if person.department is not None:
            by_division.setdefault(person.department, []).append(person)
    leader_courses = [_course(body, "DXゲートウェイ研修"), _course(body, "業務改革実践研修")]
    for course in leader_courses:
        training.requirement_create(
            actor=None,
            body=body,
            course=course,
            kind="mandatory",
            role_class=leader_class,
            from_fiscal_year=year,
        )
    electives = [
        _course(body, "データ活用セミナー"),
        _course(body, "デザイン思考ワークショップ", mode="classroom"),
        _course(body, "RPA実践研修"),
    ]
    for course in electives:
        training.requirement_create(
            actor=None, body=body, course=course, kind="elective", from_fiscal_year=year
        )
    _seed_example(body, leader_class, leader_courses, electives, today, year)
    start = fiscal_year_start(year)
    for index, (division, members) in enumerate(by_division.items()):
        # About two divisions in three have a DX leader; each did some of their trainings.
        if index % 3 != 2:
            leader = members[0]
            skills.talent_holding_create(
                actor=None,
                staff=leader,
                role_class=leader_class,
                since=start,
                source="appointment",
                source_note="DXリーダーに指名",
            )
            for course in leader_courses[: rng.randint(0, 2)]:
                _complete(leader, course, start, today, rng)
        for course in electives:
            if rng.random() < 0.4:
                _complete(rng.choice(members), course, start, today, rng)
        if index < len(IMPROVEMENTS) * 2:
            title, summary = IMPROVEMENTS[index % len(IMPROVEMENTS)]
            made = improvements.improvement_create(
                actor=None,
                body=body,
                department=division,
                fiscal_year=year if index % 2 == 0 else year - 1,
                title=title,
                summary=summary,
                today=today,
            )
            if index in (0, 4):
                improvements.improvement_recommend(
                    actor=None, improvement=made, note="他の所属にも広げられる", today=today
                )


SEED_DIVISION = "情報政策課"


def _seed_example(
    body: Body,
    leader_class: RoleClass,
    leader_courses: list[Course],
    electives: list[Course],
    today: date,
    year: int,
) -> None:
    """福井県's own example (CASES.md case 12) as a division of 浜松市: 20 people, each
    required two tiered trainings (the body's yearly security course and the division's DX
    basics), 31 completions → ① 31/40 = 77.5%; two DX leaders sharing the two leader
    trainings, one of which one of them completed → ② 1/2 = 50%; one of the three
    electives taken → ③ 1/3 = 33.3%."""
    division = organizations.department_create(
        actor=None, body=body, code="9100", name=SEED_DIVISION, valid_from=date(2015, 4, 1)
    )
    grade = body.grades.filter(is_manager=False).order_by("rank").first()
    people = [
        organizations.staff_create(
            actor=None,
            body=body,
            number=f"91{n:04d}",
            family_name=family,
            given_name=given,
            family_name_kana=family_kana,
            given_name_kana=given_kana,
            department=division,
            grade=grade,
            hire_date=date(2018, 4, 1),
        )
        for n, ((family, family_kana), (given, given_kana)) in enumerate(_SEED_NAMES)
    ]
    basics = _course(body, "DX基礎研修（情報政策課）")
    training.requirement_create(
        actor=None,
        body=body,
        course=basics,
        kind="mandatory",
        department=division,
        from_fiscal_year=year,
        recurrence="yearly",
    )
    security = Course.unscoped.get(body=body, title="情報セキュリティ研修")
    day = min(today, fiscal_year_start(year) + timedelta(days=30))
    for course, done_by in ((security, people[:16]), (basics, people[:15])):
        for person in done_by:
            training.completion_import(
                actor=None, staff=person, course=course, completed_on=day, hours=course.hours
            )
    for leader in people[:2]:
        skills.talent_holding_create(
            actor=None,
            staff=leader,
            role_class=leader_class,
            since=fiscal_year_start(year),
            source="appointment",
            source_note="DXリーダーに指名",
        )
    for course in (leader_courses[0], electives[0]):
        training.completion_import(
            actor=None, staff=people[0], course=course, completed_on=day, hours=course.hours
        )


_SEED_NAMES = [
    (family, given)
    for family in (
        ("鈴木", "スズキ"),
        ("山本", "ヤマモト"),
        ("中村", "ナカムラ"),
        ("小林", "コバヤシ"),
    )
    for given in (
        ("一郎", "イチロウ"),
        ("花子", "ハナコ"),
        ("健太", "ケンタ"),
        ("美咲", "ミサキ"),
        ("翔", "ショウ"),
    )
]


def _complete(
    person: StaffMember, course: Course, start: date, today: date, rng: random.Random
) -> None:
    day = start + timedelta(days=rng.randint(20, 150))
    if day < today and not course.completions.filter(staff=person, completed_on=day).exists():
        training.completion_import(
            actor=None, staff=person, course=course, completed_on=day, hours=course.hours
        )


def _targets(pref: Body, hamamatsu: Body, year: int) -> None:
    aichi = Framework.unscoped.get(body=pref, preset_key="aichi")
    services.target_create(
        actor=None,
        body=pref,
        name="県内のDX推進リーダーの育成",
        metric="type_holders",
        consortium_wide=True,
        talent_type=aichi.types.get(name="DX推進リーダー"),
        yearly_targets={year - 1: 10, year: 30, year + 1: 60},
        final_fiscal_year=year + 2,
        final_value=100,
    )
    security = Course.unscoped.get(body=hamamatsu, title="情報セキュリティ研修")
    services.target_create(
        actor=None,
        body=hamamatsu,
        name="情報セキュリティ研修の修了者（毎年度）",
        metric="course_completers",
        course=security,
        # Nine staff in ten each year: 1,800 of about 2,000.
        yearly_targets={year - 1: 1800, year: 1800},
    )
    services.target_create(
        actor=None,
        body=hamamatsu,
        name="業務改善の取組（累計）",
        metric="improvements",
        cumulative=True,
        yearly_targets={year - 1: 5, year: 12},
        final_fiscal_year=year + 2,
        final_value=30,
        unit="件",
    )
    services.target_create(
        actor=None,
        body=hamamatsu,
        name="内製したシステム（累計）",
        metric="in_house_systems",
        cumulative=True,
        yearly_targets={year - 1: 10, year: 25, year + 1: 40},
        final_fiscal_year=year + 1,
        final_value=40,
        unit="本",
    )
