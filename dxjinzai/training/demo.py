"""Demo data of talent and training, built through the services like everything else.

- 静岡県 loads 愛知県's framework (shared with the consortium) and the national references;
  浜松市 loads 福井県's role classes, 三島市 東京都's levels.
- Courses: the prefecture's joint DX特別研修 (one past session mixing prefectural and
  municipal staff, one open for applications), its shared data course; each municipality's
  yearly information-security course (mandatory), a 課長級 course and 浜松市's multi-session
  leader programme counted in hours.
- A year of completions, qualification holdings, assessments, profiles and exam dates.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model

from dxjinzai.core import clock
from dxjinzai.lib.fiscal import fiscal_year_of, fiscal_year_start
from dxjinzai.organizations.models import Body, StaffMember
from dxjinzai.skills import services as skills
from dxjinzai.skills.models import AssessorKind, Framework, Qualification, SkillItem
from dxjinzai.training import services
from dxjinzai.training.models import Application, Course, Session

EXPERIENCES = [
    "前職でWebサイトの制作と運用を担当",
    "Excelマクロ（VBA）で集計業務を自動化した",
    "統計調査の担当としてデータ分析を経験",
    "RPAで給与事務の入力作業を削減した",
    "民間企業でシステム開発のプロジェクトマネジメントを経験",
    "SNSでの広報発信を担当（フォロワーを倍増）",
    "ノーコードツールで窓口予約の仕組みを作った",
    "GISを使った地図データの整備",
    "情報セキュリティ監査の補助を担当",
    "デザイン思考のワークショップを企画・運営",
]
# (qualification, share of staff holding it)
QUALIFICATION_SHARES = [
    ("ITパスポート試験", 0.08),
    ("情報セキュリティマネジメント試験", 0.03),
    ("基本情報技術者試験", 0.03),
    ("応用情報技術者試験", 0.01),
    ("G検定（ジェネラリスト検定）", 0.01),
    ("情報処理安全確保支援士", 0.003),
]


def build_training_demo(
    *, bodies: dict[str, Body], staff_by_body: dict[str, list[StaffMember]], rng: random.Random
) -> None:
    _Demo(bodies, staff_by_body, rng, clock.today()).build()


class _Demo:
    def __init__(
        self,
        bodies: dict[str, Body],
        staff_by_body: dict[str, list[StaffMember]],
        rng: random.Random,
        today: date,
    ) -> None:
        self.bodies, self.staff, self.rng, self.today = bodies, staff_by_body, rng, today
        self.year = fiscal_year_of(today)

    def build(self) -> None:
        aichi = self._frameworks()
        joint = self._joint_training(aichi)
        for slug in ("hamamatsu", "mishima", "matsuzaki", "kawanehon"):
            self._municipal_training(slug)
        self._leader_programme()
        self._qualifications()
        self._profiles_and_assessments(aichi)
        self._exam_dates()
        self._open_session_applications(joint)
        self._nominations(joint)

    # --- frameworks -----------------------------------------------------------------------

    def _frameworks(self) -> Framework:
        pref = self.bodies["pref"]
        aichi = skills.framework_load_preset(
            actor=None, body=pref, key="aichi", shared_with_consortium=True
        )
        for key in ("dss", "mic_external"):
            skills.framework_load_preset(
                actor=None, body=pref, key=key, shared_with_consortium=True
            )
        fukui = skills.framework_load_preset(actor=None, body=self.bodies["hamamatsu"], key="fukui")
        skills.framework_load_preset(actor=None, body=self.bodies["mishima"], key="tokyo")
        items = {i.name: i for i in SkillItem.objects.filter(category__framework=aichi)}
        leader = aichi.types.get(name="DX推進リーダー")
        skills.skill_targets_set(
            actor=None,
            talent_type=leader,
            proficiencies={
                items["リーダーシップ"]: 3,
                items["企画力"]: 3,
                items["マネジメント"]: 3,
                items["業務分析"]: 3,
                items["プロジェクト管理"]: 2,
                items["情報セキュリティポリシー"]: 2,
            },
        )
        # 浜松市's managers are its 推進マネジメント層.
        managers = fukui.role_classes.get(name="推進マネジメント層")
        for person in self.staff["hamamatsu"]:
            if person.grade and person.grade.is_manager:
                skills.talent_holding_create(
                    actor=None,
                    staff=person,
                    role_class=managers,
                    since=fiscal_year_start(self.year),
                    source="appointment",
                    source_note="管理職への任用",
                )
        return aichi

    # --- courses and sessions ---------------------------------------------------------------

    def _course(self, body: Body, title: str, **fields: Any) -> Course:
        return services.course_create(actor=None, body=body, title=title, **fields)

    def _session(
        self, course: Course, name: str, start: date, days: int = 1, **fields: Any
    ) -> Session:
        return services.session_create(
            actor=None,
            course=course,
            name=name,
            starts_on=start,
            ends_on=start + timedelta(days=days - 1),
            application_deadline=fields.pop("deadline", start - timedelta(days=14)),
            capacity=fields.pop("capacity", 40),
            **fields,
        )

    def _joint_training(self, aichi: Framework) -> Session:
        """愛知県-style DX特別研修: prefectural and municipal staff learn together."""
        pref = self.bodies["pref"]
        course = self._course(
            pref,
            "DX特別研修",
            mode="classroom",
            provider_kind="in_house",
            hours=Decimal(12),
            description="県と市町の職員が混成グループで、自所属の業務課題をデジタルで解決する企画を作ります。",
            grants_talent_type=aichi.types.get(name="DX推進リーダー"),
            issues_certificate=True,
            shared_with_consortium=True,
        )
        course.skill_items.set(
            SkillItem.objects.filter(
                category__framework=aichi, name__in=["企画力", "業務分析", "業務改善策の立案"]
            )
        )
        first_day = self.today - timedelta(days=60)
        past = self._session(
            course,
            "前期（合同グループA・B）",
            first_day,
            days=2,
            place="県庁別館 大会議室",
            open_to_consortium=True,
            deadline=first_day - timedelta(days=21),
        )
        participants = self.staff["pref"][4:16] + [
            p for slug in ("hamamatsu", "mishima", "matsuzaki") for p in self.staff[slug][4:8]
        ]
        for person in participants:
            application = self._enrol(past, person, first_day - timedelta(days=30))
            for offset in (0, 1):
                services.attendance_record(
                    actor=None,
                    application=application,
                    attended_on=past.starts_on + timedelta(days=offset),
                    hours=Decimal(6),
                    today=self.today,
                )
            services.completion_record(
                actor=None, application=application, completed_on=past.ends_on, today=self.today
            )
            services.survey_answer(
                actor=None,
                application=application,
                comprehension=self.rng.choice([3, 4, 4, 5, 5]),
                usefulness=self.rng.choice([3, 4, 5, 5]),
                comment=self.rng.choice(["", "他団体の職員と話せてよかった", "事例がもっと欲しい"]),
                today=past.ends_on,
            )
        start = self.today + timedelta(days=45)
        data_course = self._course(
            pref,
            "データ活用基礎（動画）",
            mode="video",
            provider_kind="vendor",
            provider="デモ研修株式会社",
            hours=Decimal("1.5"),
            shared_with_consortium=True,
        )
        self._session(
            data_course,
            "通年配信",
            fiscal_year_start(self.year),
            days=360,
            capacity=5000,
            open_to_consortium=True,
            deadline=fiscal_year_start(self.year) + timedelta(days=300),
        )
        return self._session(
            course,
            "後期（合同グループC）",
            start,
            days=2,
            place="県庁別館 大会議室",
            open_to_consortium=True,
            deadline=self.today + timedelta(days=20),
        )

    def _enrol(self, session: Session, person: StaffMember, on: date) -> Any:
        application = services.application_create(
            actor=None, session=session, staff=person, today=on
        )
        services.application_decide(actor=None, application=application, approve=True, today=on)
        return application

    def _municipal_training(self, slug: str) -> None:
        """A yearly mandatory security course, done by most staff last year and by about
        half so far this year; a once-only course for 課長級 and above."""
        body = self.bodies[slug]
        security = self._course(
            body,
            "情報セキュリティ研修",
            mode="elearning",
            provider_kind="jlis",
            provider="J-LIS",
            hours=Decimal(2),
        )
        services.requirement_create(
            actor=None,
            body=body,
            course=security,
            kind="mandatory",
            from_fiscal_year=self.year - 1,
            recurrence="yearly",
            due_month=12,
        )
        managers = self._course(
            body,
            "管理職のためのDX推進研修",
            mode="online",
            provider_kind="vendor",
            hours=Decimal(3),
        )
        manager_grade = body.grades.filter(is_manager=True).order_by("rank").first()
        services.requirement_create(
            actor=None,
            body=body,
            course=managers,
            kind="mandatory",
            grade=manager_grade,
            from_fiscal_year=self.year - 1,
        )
        for year, share in ((self.year - 1, 0.85), (self.year, 0.5)):
            first = fiscal_year_start(year)
            for person in self.staff[slug]:
                if self.rng.random() < share:
                    day = first + timedelta(days=self.rng.randint(30, 200))
                    if day < self.today:
                        services.completion_import(
                            actor=None,
                            staff=person,
                            course=security,
                            completed_on=day,
                            hours=Decimal(2),
                        )

    def _leader_programme(self) -> None:
        """浜松市's leader programme: completes at 60 hours attended, May to November."""
        body = self.bodies["hamamatsu"]
        programme = self._course(
            body,
            "DXリーダー育成プログラム",
            mode="classroom",
            provider_kind="in_house",
            hours=Decimal(60),
            required_hours=Decimal(60),
            description="5月から11月まで、月2回・各5時間。累計60時間で修了します。",
        )
        session = self._session(
            programme,
            "今年度",
            date(self.year, 5, 12),
            days=200,
            capacity=20,
            deadline=date(self.year, 4, 25),
        )
        days = [session.starts_on + timedelta(days=14 * n) for n in range(14)]
        for person in self.staff["hamamatsu"][3:15]:
            application = self._enrol(session, person, date(self.year, 4, 20))
            for day in days[: self.rng.randint(8, 14)]:
                if day < self.today:
                    services.attendance_record(
                        actor=None,
                        application=application,
                        attended_on=day,
                        hours=Decimal(5),
                        today=self.today,
                    )

    # --- people's records ---------------------------------------------------------------------

    def _qualifications(self) -> None:
        catalogue = {q.name: q for q in Qualification.objects.filter(body__isnull=True)}
        for people in self.staff.values():
            for person in people:
                for name, share in QUALIFICATION_SHARES:
                    if self.rng.random() < share:
                        self._hold(person, catalogue[name])

    def _hold(self, person: StaffMember, qualification: Qualification) -> None:
        acquired = date(self.rng.randint(2015, self.year - 1), self.rng.randint(4, 12), 1)
        skills.qualification_holding_create(
            actor=None,
            staff=person,
            qualification=qualification,
            acquired_on=acquired,
            today=self.today,
            number=f"{self.rng.randint(1, 30000):06d}" if qualification.number_pattern else "",
            sitting=f"{acquired.year}#{self.rng.randint(1, 3)}"
            if qualification.has_sitting
            else "",
        )

    def _profiles_and_assessments(self, aichi: Framework) -> None:
        leader = aichi.types.get(name="DX推進リーダー")
        items = list(SkillItem.objects.filter(category__framework=aichi))
        for index, person in enumerate(self.staff["pref"][:40] + self.staff["hamamatsu"][:40]):
            skills.talent_profile_update(
                actor=None,
                staff=person,
                experience=self.rng.choice(EXPERIENCES),
                goal_type=leader if self.rng.random() < 0.5 else None,
            )
            if index % 40 >= 12:
                continue  # assessed: the first 12 of each body
            for year in (self.year - 1, self.year):
                for kind in (AssessorKind.SELF, AssessorKind.SUPERIOR):
                    skills.assessment_save(
                        actor=None,
                        staff=person,
                        fiscal_year=year,
                        assessor_kind=kind,
                        proficiencies={item: self.rng.choice([1, 2, 2, 3, 3, 4]) for item in items},
                        today=self.today,
                    )

    def _exam_dates(self) -> None:
        catalogue = {q.name: q for q in Qualification.objects.filter(body__isnull=True)}
        for slug in ("pref", "hamamatsu"):
            for offset, name, note in (
                (30, "ITパスポート試験", "CBT方式で随時。受験料補助あり（デモ）"),
                (75, "基本情報技術者試験", "CBT方式（デモの日程）"),
                (140, "情報処理安全確保支援士", "午前・午後（デモの日程）"),
            ):
                exam_on = self.today + timedelta(days=offset)
                skills.exam_date_create(
                    actor=None,
                    body=self.bodies[slug],
                    qualification=catalogue[name],
                    exam_on=exam_on,
                    application_until=exam_on - timedelta(days=21),
                    note=note,
                )

    def _open_session_applications(self, session: Session) -> None:
        """A few staff of three bodies wait for their HR to approve them."""
        for slug in ("pref", "hamamatsu", "mishima"):
            for person in self.staff[slug][16:20]:
                services.application_create(
                    actor=None, session=session, staff=person, today=self.today
                )

    def _nominations(self, session: Session) -> None:
        """Each body's demo staff member was nominated for the joint session by their head
        (the prefecture's demo head by its HR; bodies without demo logins have none): it waits on their home page, and on HR's."""
        accounts = get_user_model().objects.in_bulk(field_name="username")
        nominated = [
            (self.staff[slug][3], f"{slug}-head")
            for slug in self.staff
            if f"{slug}-head" in accounts
        ]
        nominated.append((self.staff["pref"][2], "pref-hr"))
        for person, nominator in nominated:
            if not Application.unscoped.filter(session=session, staff=person).exists():
                services.application_create(
                    actor=accounts[nominator],
                    session=session,
                    staff=person,
                    today=self.today,
                    nominated=True,
                )
