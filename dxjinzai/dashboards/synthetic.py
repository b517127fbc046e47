"""A synthetic body for the division dashboard at any size, written in bulk.

The demo builder goes through the services, record by record, which is right for a demo
of a few thousand people and far too slow for the benchmark's 60,000 staff and 1,000,000
completions (issue 5 §6). This writes the same models directly, with every case the
dashboard's rules distinguish: grades, departments under bureaus, people who moved
division mid-year, concurrent appointments, DX leaders, holders of a talent type, rules
by grade, bureau, type and role class, once and yearly, electives, and completions over
five fiscal years. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from dxjinzai.improvements.models import Improvement
from dxjinzai.lib.fiscal import fiscal_year_end, fiscal_year_start
from dxjinzai.organizations.models import (
    Appointment,
    Body,
    Department,
    Grade,
    StaffMember,
)
from dxjinzai.organizations.rules import AppointmentKind
from dxjinzai.skills.models import HoldingSource, RoleClass, TalentHolding, TalentType
from dxjinzai.skills.services import framework_load_preset
from dxjinzai.training.models import (
    Completion,
    CompletionSource,
    Course,
    Recurrence,
    Requirement,
    RequirementKind,
)

BATCH = 5000
BUREAU_SIZE = 20  # divisions under each bureau (部)


@dataclass(frozen=True)
class SyntheticSize:
    staff: int
    divisions: int
    completions: int


@dataclass
class SyntheticBody:
    body: Body
    leader_class: RoleClass
    divisions: list[Department]


def build_synthetic_body(
    body: Body, size: SyntheticSize, *, fiscal_year: int, seed: int = 1
) -> SyntheticBody:
    """Fill `body` (which should be empty) with `size`, the rules ending in `fiscal_year`."""
    rng = random.Random(seed)
    framework = framework_load_preset(actor=None, body=body, key="fukui")
    leader_class = framework.role_classes.get(name="DXリーダー")
    talent_type = (
        framework_load_preset(actor=None, body=body, key="aichi").types.order_by("pk").first()
    )
    assert talent_type is not None, "愛知県のプリセットには人材像があります"
    grades = [
        Grade.unscoped.create(body=body, name=name, rank=rank, is_manager=rank == 5)
        for name, rank in (("主事・主任級", 1), ("主査級", 3), ("管理職", 5))
    ]
    bureaus, divisions = _departments(body, size.divisions)
    staff_ids = _staff(body, size.staff, divisions, grades, rng)
    _moves_and_concurrent(body, staff_ids, divisions, fiscal_year, rng)
    _holdings(body, staff_ids, leader_class, talent_type, rng)
    courses = _rules(body, fiscal_year, grades, bureaus[0], leader_class, talent_type)
    _completions(body, staff_ids, courses, size.completions, fiscal_year, rng)
    _improvements(body, divisions, fiscal_year, rng)
    return SyntheticBody(body, leader_class, divisions)


def _departments(body: Body, count: int) -> tuple[list[Department], list[Department]]:
    opened = date(2015, 4, 1)
    bureau_count = max(1, -(-count // BUREAU_SIZE))
    bureaus = Department.unscoped.bulk_create(
        Department(body=body, code=f"B{n:04d}", name=f"第{n + 1}部", valid_from=opened)
        for n in range(bureau_count)
    )
    divisions = Department.unscoped.bulk_create(
        (
            Department(
                body=body,
                code=f"D{n:05d}",
                name=f"第{n // BUREAU_SIZE + 1}部第{n % BUREAU_SIZE + 1}課",
                parent=bureaus[n // BUREAU_SIZE],
                valid_from=opened,
            )
            for n in range(count)
        ),
        batch_size=BATCH,
    )
    return bureaus, divisions


def _staff(
    body: Body, count: int, divisions: list[Department], grades: list[Grade], rng: random.Random
) -> list[int]:
    people = [
        StaffMember(
            body=body,
            number=f"{n:06d}",
            family_name="職員",
            given_name=f"{n}",
            family_name_kana="ショクイン",
            given_name_kana="タロウ",
            # The first person of each division is there for sure, so none is empty.
            department=divisions[n] if n < len(divisions) else rng.choice(divisions),
            grade=rng.choices(grades, weights=(6, 3, 1))[0],
            hire_date=date(rng.randint(1990, 2026), 4, 1),
        )
        for n in range(count)
    ]
    StaffMember.unscoped.bulk_create(people, batch_size=BATCH)
    # Primary keys are set on PostgreSQL and SQLite 3.35+ alike; read them back to be sure.
    return list(StaffMember.unscoped.filter(body=body).order_by("pk").values_list("pk", flat=True))


def _moves_and_concurrent(
    body: Body, staff_ids: list[int], divisions: list[Department], fiscal_year: int, rng
) -> None:
    """One in twenty moved division on 1 October; one in thirty also serves elsewhere."""
    moved_on = date(fiscal_year, 10, 1)
    appointments = []
    for staff_id in staff_ids:
        draw = rng.random()
        if draw < 0.05:
            before, after = rng.sample(divisions, 2)
            appointments += [
                _appointment(body, staff_id, before, date(2015, 4, 1), moved_on - timedelta(1)),
                _appointment(body, staff_id, after, moved_on, None),
            ]
        elif draw < 0.05 + 1 / 30:
            appointments.append(
                _appointment(body, staff_id, rng.choice(divisions), moved_on, None, True)
            )
    Appointment.unscoped.bulk_create(appointments, batch_size=BATCH)


def _appointment(body, staff_id, department, start, end, concurrent=False) -> Appointment:
    return Appointment(
        staff_id=staff_id,
        body=body,
        department=department,
        kind=AppointmentKind.REGULAR,
        is_concurrent=concurrent,
        start_date=start,
        end_date=end,
    )


def _holdings(body, staff_ids, leader_class, talent_type, rng) -> None:
    """One in twenty is a DX leader; one in ten holds the first talent type."""
    holdings = []
    for staff_id in staff_ids:
        if rng.random() < 0.05:
            holdings.append(_holding(body, staff_id, role_class=leader_class))
        if rng.random() < 0.1:
            holdings.append(_holding(body, staff_id, talent_type=talent_type))
    TalentHolding.unscoped.bulk_create(holdings, batch_size=BATCH)


def _holding(body, staff_id, **held) -> TalentHolding:
    return TalentHolding(
        body=body, staff_id=staff_id, since=date(2022, 4, 1), source=HoldingSource.IMPORT, **held
    )


def _rules(
    body: Body,
    fiscal_year: int,
    grades: list[Grade],
    bureau: Department,
    leader_class: RoleClass,
    talent_type: TalentType,
) -> list[Course]:
    """Tiered rules (everyone yearly; by grade once; a bureau's; a type's), two for DX
    leaders, six electives for all, and four courses no rule names."""
    first = fiscal_year - 4
    rules = [
        ("情報セキュリティ研修", RequirementKind.MANDATORY, {"recurrence": Recurrence.YEARLY}),
        ("新任者DX基礎研修", RequirementKind.MANDATORY, {"grade": grades[0]}),
        ("主査級DX推進研修", RequirementKind.MANDATORY, {"grade": grades[1]}),
        ("管理職DXマネジメント研修", RequirementKind.MANDATORY, {"grade": grades[2]}),
        ("第1部データ活用研修", RequirementKind.MANDATORY, {"department": bureau}),
        ("DX推進員研修", RequirementKind.MANDATORY, {"talent_type": talent_type}),
        ("DXゲートウェイ研修", RequirementKind.MANDATORY, {"role_class": leader_class}),
        ("DXリーダー実践研修", RequirementKind.MANDATORY, {"role_class": leader_class}),
        *[(f"選択研修{n}", RequirementKind.ELECTIVE, {}) for n in range(1, 7)],
        *[(f"その他の研修{n}", None, {}) for n in range(1, 5)],
    ]
    courses = []
    for n, (title, kind, criteria) in enumerate(rules):
        course = Course.unscoped.create(
            body=body, title=title, mode="online", provider_kind="in_house", hours=Decimal(2)
        )
        courses.append(course)
        if kind is not None:
            Requirement.unscoped.create(
                body=body, course=course, kind=kind, from_fiscal_year=first + n % 3, **criteria
            )
    return courses


def _completions(body, staff_ids, courses, count, fiscal_year, rng) -> None:
    """`count` completions spread over the five fiscal years up to `fiscal_year`."""
    start = fiscal_year_start(fiscal_year - 4)
    days = (fiscal_year_end(fiscal_year) - start).days
    seen: set[tuple[int, int, int]] = set()
    batch: list[Completion] = []
    while len(seen) < count:
        key = (rng.choice(staff_ids), rng.randrange(len(courses)), rng.randrange(days + 1))
        if key in seen:
            continue
        seen.add(key)
        staff_id, course_index, day = key
        batch.append(
            Completion(
                body=body,
                staff_id=staff_id,
                course=courses[course_index],
                completed_on=start + timedelta(day),
                hours=Decimal(2),
                source=CompletionSource.IMPORT,
            )
        )
        if len(batch) == BATCH:
            Completion.unscoped.bulk_create(batch)
            batch = []
    Completion.unscoped.bulk_create(batch)


def _improvements(body, divisions, fiscal_year, rng) -> None:
    Improvement.unscoped.bulk_create(
        (
            Improvement(
                body=body,
                department=division,
                fiscal_year=fiscal_year,
                title=f"{division.name}の業務改善",
                summary="申請書類の電子化",
            )
            for division in divisions
            if rng.random() < 0.2
        ),
        batch_size=BATCH,
    )
