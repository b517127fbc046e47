"""Talent and training objects on top of the shared test cast.

- The prefecture P shares 愛知県's framework and runs a joint course (DX特別研修) whose
  session is open to the consortium; A.member is enrolled in it and attended one day.
- Municipality A uses 福井県's framework, runs its own security course with a session in
  which A.member is approved and A.unit has applied, and requires that course of everyone
  every year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from dxjinzai.core import clock
from dxjinzai.organizations.testing import Cast
from dxjinzai.skills import services as skills
from dxjinzai.skills.models import Framework, Qualification
from dxjinzai.training import services
from dxjinzai.training.models import Application, Course, Requirement, Session


@dataclass
class TrainingCast:
    shared_framework: Framework
    own_framework: Framework
    joint_course: Course
    joint_session: Session
    course: Course
    session: Session
    member_joint: Application
    member_own: Application
    unit_own: Application
    requirement: Requirement


def build_training_cast(cast: Cast, *, today: date | None = None) -> TrainingCast:
    today = today or clock.today()
    prefecture, town = cast.bodies["P"], cast.bodies["A"]
    shared = skills.framework_load_preset(
        actor=None, body=prefecture, key="aichi", shared_with_consortium=True
    )
    own = skills.framework_load_preset(actor=None, body=town, key="fukui")
    joint_course = services.course_create(
        actor=None,
        body=prefecture,
        title="DX特別研修",
        mode="classroom",
        provider_kind="in_house",
        hours=Decimal(6),
        shared_with_consortium=True,
    )
    joint_session = services.session_create(
        actor=None,
        course=joint_course,
        name="合同グループA",
        starts_on=today + timedelta(days=20),
        ends_on=today + timedelta(days=21),
        capacity=30,
        application_deadline=today + timedelta(days=10),
        open_to_consortium=True,
    )
    course = services.course_create(
        actor=None,
        body=town,
        title="情報セキュリティ研修",
        mode="elearning",
        provider_kind="jlis",
        provider="J-LIS",
        hours=Decimal(2),
    )
    session = services.session_create(
        actor=None,
        course=course,
        name="第1回",
        starts_on=today - timedelta(days=3),
        ends_on=today - timedelta(days=3),
        capacity=50,
        application_deadline=today - timedelta(days=10),
    )
    return TrainingCast(
        shared_framework=shared,
        own_framework=own,
        joint_course=joint_course,
        joint_session=joint_session,
        course=course,
        session=session,
        member_joint=_enrol(cast, joint_session, "A.member", today, approve=True),
        member_own=_enrol(cast, session, "A.member", today - timedelta(days=20), approve=True),
        unit_own=_enrol(cast, session, "A.unit", today - timedelta(days=20), approve=False),
        requirement=services.requirement_create(
            actor=None,
            body=town,
            course=course,
            kind="mandatory",
            from_fiscal_year=2024,
            recurrence="yearly",
        ),
    )


def _enrol(cast: Cast, session: Session, key: str, today: date, *, approve: bool) -> Application:
    application = services.application_create(
        actor=None, session=session, staff=cast.staff[key], today=today
    )
    if approve:
        services.application_decide(actor=None, application=application, approve=True, today=today)
    return application


def national(name: str) -> Qualification:
    return Qualification.objects.get(body__isnull=True, name=name)
