"""The demo consortium: a prefecture and municipalities of very different sizes.

Built only through the services, as an official's clicks would, so the demo also proves
the services. Deterministic for a given seed; `size` multiplies head-counts for benchmarks.
The bodies are real (names, 団体コード, rounded populations); every person is fictitious.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from dxjinzai.core import clock
from dxjinzai.lib.bodycode import normalize_body_code
from dxjinzai.organizations import services
from dxjinzai.organizations.demo_names import FAMILY_NAMES, GIVEN_NAMES
from dxjinzai.organizations.models import (
    AdviserContract,
    Body,
    BodyKind,
    Consortium,
    Department,
    Grade,
    Role,
    StaffMember,
)
from dxjinzai.organizations.rules import AppointmentKind, FixedTermBasis

DEMO_PASSWORD = "dxjinzai-demo-2026"
CONSORTIUM_NAME = "しずおかDX人材連携協議会（デモ）"
TODAY = date(2026, 11, 26)
REORGANISATION_DAY = date(2026, 4, 1)


@dataclass(frozen=True)
class DemoBody:
    slug: str
    first_five: str
    name: str
    kana: str
    kind: str
    population: int
    staff: int
    small: bool = False
    # The fewest staff the body has in a small build (the tests build at a tenth of the size).
    at_least: int = 10
    # Officers' and a staff member's demo logins (the forum's other towns have none).
    with_accounts: bool = True


DEMO_BODIES = [
    DemoBody("pref", "22000", "静岡県", "シズオカケン", BodyKind.PREFECTURE, 3_550_000, 600),
    DemoBody("hamamatsu", "22130", "浜松市", "ハママツシ", BodyKind.MUNICIPALITY, 780_000, 2_000),
    # 三島市 carries 袋井市's BPR workshop of R2–R5: four cohorts of 24 different people (96).
    DemoBody(
        "mishima", "22206", "三島市", "ミシマシ", BodyKind.MUNICIPALITY, 105_000, 350, at_least=100
    ),
    DemoBody(
        "matsuzaki", "22305", "松崎町", "マツザキチョウ", BodyKind.MUNICIPALITY, 6_000, 60, True
    ),
    DemoBody(
        "kawanehon", "22429", "川根本町", "カワネホンチョウ", BodyKind.MUNICIPALITY, 6_300, 40, True
    ),
    # Three more members whose staff come to the consortium's forum (広島県's CDO forum grew to
    # 7 municipalities): they take part in the community only, and have no demo logins.
    DemoBody(
        "izu", "22219", "伊豆市", "イズシ", BodyKind.MUNICIPALITY, 29_000, 150, with_accounts=False
    ),
    DemoBody(
        "kannami",
        "22325",
        "函南町",
        "カンナミチョウ",
        BodyKind.MUNICIPALITY,
        37_000,
        100,
        True,
        with_accounts=False,
    ),
    DemoBody(
        "shimizu",
        "22341",
        "清水町",
        "シミズチョウ",
        BodyKind.MUNICIPALITY,
        32_000,
        90,
        True,
        with_accounts=False,
    ),
]

# A town outside the consortium that uses the platform on its own (三宅町, 奈良県, about 40
# staff and no IT support): the advisers app's demo runs on it.
STANDALONE_TOWN = DemoBody(
    "miyake", "29363", "三宅町", "ミヤケチョウ", BodyKind.MUNICIPALITY, 7_000, 40, True
)

GRADES = [
    ("主事・主任級", False),
    ("主査級", False),
    ("係長級", False),
    ("課長補佐級", False),
    ("課長級", True),
    ("部長級", True),
]
# Most staff sit in the lower grades; weights for GRADES in order.
GRADE_WEIGHTS = [45, 20, 18, 9, 6, 2]
# The digital unit's head (the demo department head) is a 課長; nobody in the unit outranks them.
HEAD_GRADE = "課長級"


def _within_the_unit_head(grades: list[Any], drawn: Any, *, is_head: bool) -> Any:
    """The head's grade, or the drawn grade kept below it (the draw is made anyway, so the
    rest of the demo stays the same for a seed)."""
    head = next(grade for grade in grades if grade.name == HEAD_GRADE)
    if is_head:
        return head
    below = [grade for grade in grades if grade.rank < head.rank]
    return drawn if drawn.rank < head.rank else max(below, key=lambda grade: grade.rank)


LARGE_TREE = [
    ("総務部", ["人事課", "財政課", "デジタル推進課", "危機管理課", "契約課"]),
    ("市民部", ["市民課", "税務課", "保険年金課"]),
    ("福祉部", ["福祉総務課", "高齢者福祉課", "障害福祉課", "子育て支援課"]),
    ("産業部", ["商工観光課", "農林水産課"]),
    ("建設部", ["道路課", "都市計画課", "建築住宅課"]),
    ("環境部", ["環境政策課", "ごみ減量推進課"]),
    ("教育委員会事務局", ["教育総務課", "学校教育課", "生涯学習課"]),
]
DIGITAL_UNIT_NAMES = ("デジタル推進課", "デジタル推進室")
SMALL_UNITS = [
    "総務課",
    "企画課",
    "デジタル推進室",
    "住民課",
    "税務課",
    "福祉課",
    "建設課",
    "産業課",
]


@dataclass
class OrganizationsDemo:
    """The demo's bodies, people and accounts, on which each app's demo builder adds its
    own records (dxjinzai.demo calls them in order)."""

    consortium: Consortium
    bodies: dict[str, Body]
    staff_by_body: dict[str, list[StaffMember]]
    accounts: list[tuple[str, str]]


def build_organizations_demo(*, rng: random.Random, size: float) -> OrganizationsDemo:
    """The consortium, its bodies, units, grades, staff and demo accounts."""
    return _Builder(rng, size).build()


@dataclass
class StandaloneTown:
    body: Body
    staff: list[StaffMember]
    accounts: list[tuple[str, str]]


def build_standalone_town(*, seed: int, size: float) -> StandaloneTown:
    """三宅町 with its units, staff and officers' accounts (admin, HR, the head of its
    digital unit), outside the consortium. It draws from a random sequence of its own, so
    the consortium's demo is the same with or without it."""
    spec = STANDALONE_TOWN
    builder = _Builder(random.Random(f"{seed}:{spec.slug}"), size)
    body = builder._body(spec, consortium=None)
    staff = builder._populate(body, spec)
    builder._officers(spec, body, staff)
    return StandaloneTown(body=body, staff=staff, accounts=builder.accounts)


class _Builder:
    def __init__(self, rng: random.Random, size: float) -> None:
        self.rng = rng
        self.size = size
        self.actor = None  # the system: the audit log says so
        self.accounts: list[tuple[str, str]] = []
        self.password_hash = make_password(DEMO_PASSWORD)

    def build(self) -> OrganizationsDemo:
        pref_spec = DEMO_BODIES[0]
        pref = self._body(pref_spec, consortium=None)
        consortium = services.consortium_create(
            actor=self.actor, name=CONSORTIUM_NAME, operator=pref
        )
        bodies = {pref_spec.slug: pref}
        for spec in DEMO_BODIES[1:]:
            bodies[spec.slug] = self._body(spec, consortium=consortium)
        school_board = services.body_create(
            actor=self.actor,
            consortium=consortium,
            name="静岡県教育委員会",
            kana="シズオカケンキョウイクイインカイ",
            kind=BodyKind.SCHOOL_BOARD,
        )
        bodies["school_board"] = school_board
        staff_by_body = {}
        for spec in DEMO_BODIES:
            body = bodies[spec.slug]
            staff_by_body[spec.slug] = self._populate(body, spec)
        self._external_talent(bodies, staff_by_body)
        self._accounts(bodies, staff_by_body)
        return OrganizationsDemo(
            consortium=consortium,
            bodies=bodies,
            staff_by_body=staff_by_body,
            accounts=self.accounts,
        )

    # --- bodies, grades, departments ---------------------------------------------------

    def _body(self, spec: DemoBody, consortium: Consortium | None) -> Body:
        return services.body_create(
            actor=self.actor,
            consortium=consortium,
            joined_on=date(2023, 4, 1) if consortium else None,
            code=normalize_body_code(spec.first_five),
            name=spec.name,
            kana=spec.kana,
            kind=spec.kind,
            population=spec.population,
        )

    def _grades(self, body: Body) -> list[Grade]:
        return [
            services.grade_create(actor=self.actor, body=body, name=name, rank=rank, is_manager=m)
            for rank, (name, m) in enumerate(GRADES, start=1)
        ]

    def _departments(self, body: Body, spec: DemoBody, staff_total: int) -> list[Department]:
        """Units that staff sit in; a reorganisation on 2026-04-01 keeps the old unit's history."""
        opened = date(2000, 4, 1)
        if spec.small:
            return [
                services.department_create(
                    actor=self.actor, body=body, code=f"{i:02d}00", name=name, valid_from=opened
                )
                for i, name in enumerate(SMALL_UNITS, start=1)
            ]
        units = []
        wanted_units = max(22, staff_total // 40)
        for i, (division, sections) in enumerate(LARGE_TREE, start=1):
            parent = services.department_create(
                actor=self.actor, body=body, code=f"{i:02d}00", name=division, valid_from=opened
            )
            repeat = max(1, round(wanted_units / 22))
            for j, section in enumerate(sections, start=1):
                for k in range(repeat):
                    name = section if k == 0 else f"{section}（第{k + 1}）"
                    code = f"{i:02d}{j:02d}" if k == 0 else f"{i:02d}{j:02d}{k:02d}"
                    units.append(
                        services.department_create(
                            actor=self.actor,
                            body=body,
                            code=code,
                            name=name,
                            parent=parent,
                            valid_from=REORGANISATION_DAY
                            if section == "デジタル推進課"
                            else opened,
                        )
                    )
            if division == "総務部":
                services.department_create(
                    actor=self.actor,
                    body=body,
                    code=f"{i:02d}90",
                    name="情報政策課",
                    parent=parent,
                    valid_from=opened,
                    valid_to=date(2026, 3, 31),
                )
        return units

    # --- staff and appointments ----------------------------------------------------------

    def _populate(self, body: Body, spec: DemoBody) -> list[StaffMember]:
        total = max(spec.at_least, round(spec.staff * self.size))
        grades = self._grades(body)
        units = self._departments(body, spec, total)
        digital = next(u for u in units if u.name in DIGITAL_UNIT_NAMES)
        people = []
        for n in range(1, total + 1):
            # The first four become the demo accounts: admin and HR in the first unit, the
            # department head and a staff member in the digital unit.
            department = units[0] if n <= 2 else digital if n <= 4 else units[n % len(units)]
            grade = self.rng.choices(grades, weights=GRADE_WEIGHTS)[0]
            if department == digital:
                grade = _within_the_unit_head(grades, grade, is_head=n == 3)
            people.append(self._staff(body, f"{n:06d}", department, grade))
        return people

    def _staff(self, body: Body, number: str, department: Department, grade: Grade) -> StaffMember:
        family, family_kana = self.rng.choice(FAMILY_NAMES)
        given, given_kana = self.rng.choice(GIVEN_NAMES)
        hire = date(self.rng.randint(1988, 2026), 4, 1)
        staff = services.staff_create(
            actor=self.actor,
            body=body,
            number=number,
            family_name=family,
            given_name=given,
            family_name_kana=family_kana,
            given_name_kana=given_kana,
            email=f"{body.code}-{number}@example.lg.jp",
            grade=grade,
            department=department,
            hire_date=hire,
        )
        self._appointment_for(staff, department, hire)
        return staff

    def _appointment_for(self, staff: StaffMember, department: Department, hire: date) -> None:
        """Most staff are 正規; a share of the others shows every legal footing."""
        roll = self.rng.random()
        start = max(hire, department.valid_from)
        fields: dict[str, Any] = {"kind": AppointmentKind.REGULAR, "start_date": start}
        if roll < 0.05:
            fields = {
                "kind": AppointmentKind.FISCAL_YEAR,
                "start_date": date(2026, 4, 1),
                "end_date": date(2027, 3, 31),
                "title": "会計年度任用職員（事務補助）",
            }
        elif roll < 0.08:
            fields = {
                "kind": AppointmentKind.REEMPLOYMENT,
                "start_date": date(2026, 4, 1),
                "end_date": date(2027, 3, 31),
            }
        elif roll < 0.10:
            fields = {
                "kind": AppointmentKind.FIXED_TERM,
                "fixed_term_basis": FixedTermBasis.ART4,
                "start_date": date(2024, 4, 1),
                "end_date": date(2027, 1, 15) if roll < 0.09 else date(2027, 3, 31),
                "title": "任期付職員（システム標準化対応）",
            }
        services.appointment_create(actor=self.actor, staff=staff, department=department, **fields)

    def _days_worked(self, head: Any) -> None:
        """The external head's days each month so far: about four, as agreed."""
        today = clock.today()
        year, month = head.start_date.year, head.start_date.month
        pattern = [4, 4, 3, 5, 4, 4]  # not drawn from self.rng: the rest of the demo stays put
        worked = 0
        while date(year, month, 1) <= today and (
            head.end_date is None or date(year, month, 1) <= head.end_date
        ):
            services.work_days_record(
                actor=self.actor,
                appointment=head,
                year=year,
                month=month,
                days=Decimal(pattern[worked % len(pattern)]),
                today=today,
            )
            year, month, worked = year + (month == 12), month % 12 + 1, worked + 1

    def _external_talent(self, bodies: dict[str, Body], staff_by_body: dict[str, list]) -> None:
        """The seed's external footings and concurrent appointments (北九州市, 長井市, 広島県)."""
        mishima = bodies["mishima"]
        office = Department.unscoped.get(body=mishima, name="デジタル推進課")
        adviser = self._staff(mishima, "900001", office, Grade.unscoped.get(body=mishima, rank=5))
        head = services.appointment_create(
            actor=self.actor,
            staff=adviser,
            department=office,
            kind=AppointmentKind.EXTERNAL_ADVISER,
            adviser_contract=AdviserContract.COMMISSION,
            days_per_month=4,
            title="デジタル推進課長（外部専門家・非常勤）",
            start_date=date(2026, 4, 1),
            end_date=date(2027, 3, 31),
        )
        self._days_worked(head)
        young = [s for s in staff_by_body["mishima"][4:] if s.department_id != office.pk][:10]
        for person in young:
            services.appointment_create(
                actor=self.actor,
                staff=person,
                department=office,
                kind=AppointmentKind.REGULAR,
                is_concurrent=True,
                title="デジタル推進課 兼務",
                start_date=date(2026, 4, 1),
            )
        entrepreneur = self._staff(
            mishima, "900002", office, Grade.unscoped.get(body=mishima, rank=3)
        )
        services.appointment_create(
            actor=self.actor,
            staff=entrepreneur,
            department=office,
            kind=AppointmentKind.REGIONAL_ENTREPRENEUR,
            title="地域活性化起業人（DX推進）",
            start_date=date(2025, 4, 1),
            end_date=date(2027, 3, 31),
        )
        matsuzaki = bodies["matsuzaki"]
        planning = Department.unscoped.get(body=matsuzaki, name="デジタル推進室")
        cdo = self._staff(matsuzaki, "900001", planning, Grade.unscoped.get(body=matsuzaki, rank=4))
        services.appointment_create(
            actor=self.actor,
            staff=cdo,
            department=planning,
            kind=AppointmentKind.REGIONAL_REVITALISATION,
            title="CDO補佐官（地方創生人材支援制度）",
            start_date=date(2025, 4, 1),
            end_date=date(2027, 3, 31),
        )
        kawane = bodies["kawanehon"]
        kawane_office = Department.unscoped.get(body=kawane, name="デジタル推進室")
        seconded = staff_by_body["pref"][-1]
        services.appointment_create(
            actor=self.actor,
            staff=seconded,
            body=kawane,
            department=kawane_office,
            kind=AppointmentKind.SECONDMENT_IN,
            source_body=bodies["pref"],
            title="派遣職員（地方自治法252条の17）",
            start_date=date(2026, 4, 1),
            end_date=date(2027, 3, 31),
        )
        pref = bodies["pref"]
        digital = Department.unscoped.get(body=pref, name="デジタル推進課")
        cio = self._staff(pref, "900001", digital, Grade.unscoped.get(body=pref, rank=5))
        services.appointment_create(
            actor=self.actor,
            staff=cio,
            department=digital,
            kind=AppointmentKind.FIXED_TERM,
            fixed_term_basis=FixedTermBasis.ART3_1,
            title="デジタル戦略監（特定任期付）",
            start_date=date(2024, 4, 1),
            end_date=date(2029, 3, 31),
        )

    # --- accounts ------------------------------------------------------------------------

    def _accounts(self, bodies: dict[str, Body], staff_by_body: dict[str, list]) -> None:
        self._user("pref-operator", "運営", "担当", bodies["pref"], Role.OPERATOR)
        # The account of the scheme's first expert (dispatch demo), under the expert's name.
        self._user("expert-demo", "青山", "陽介", bodies["pref"], Role.EXPERT)
        for spec in (spec for spec in DEMO_BODIES if spec.with_accounts):
            body = bodies[spec.slug]
            self._officers(spec, body, staff_by_body[spec.slug])
            member = staff_by_body[spec.slug][3]
            self._user(f"{spec.slug}-staff", "一般", "職員", body, None, staff=member)

    def _officers(self, spec: DemoBody, body: Body, staff: list[StaffMember]) -> None:
        admin, hr, head = staff[:3]
        self._user(f"{spec.slug}-admin", "管理", "者", body, Role.BODY_ADMIN, staff=admin)
        self._user(f"{spec.slug}-hr", "人事", "担当", body, Role.HR_OFFICER, staff=hr)
        self._user(
            f"{spec.slug}-head",
            "所属",
            "長",
            body,
            Role.DEPT_HEAD,
            staff=head,
            department=head.department,
        )

    def _user(
        self,
        username: str,
        last_name: str,
        first_name: str,
        body: Body,
        role: str | None,
        *,
        staff: StaffMember | None = None,
        department: Department | None = None,
    ) -> None:
        # An address on a reserved domain: the demo's digests go to the console, never out.
        user = get_user_model().objects.create_user(
            username=username,
            last_name=last_name,
            first_name=first_name,
            email=f"{username}@example.lg.jp",
        )
        # One hash for every demo account: PBKDF2 is slow on purpose, 22 times over is minutes.
        user.password = self.password_hash
        user.save(update_fields=["password"])
        if staff is not None:
            user.last_name, user.first_name = staff.family_name, staff.given_name
            user.save(update_fields=["last_name", "first_name"])
            services.staff_update(actor=self.actor, staff=staff, user=user)
        if role is not None:
            services.role_grant_create(
                actor=self.actor, user=user, body=body, role=role, department=department
            )
        label = dict(Role.choices).get(role or Role.STAFF, "")
        self.accounts.append((username, f"{body.name} {label}"))
