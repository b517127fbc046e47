"""The training cycle's writers: the journey, what completion grants, and bad input."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from dxjinzai.skills.models import HoldingSource, QualificationHolding, TalentHolding
from dxjinzai.training import services
from dxjinzai.training.attendance_import import attendance_import
from dxjinzai.training.models import (
    ApplicationStatus,
    Attendance,
    Completion,
    CompletionSource,
    SurveyResponse,
)
from dxjinzai.training.testing import build_training_cast, national

TODAY = date(2026, 11, 26)


@pytest.fixture
def made(cast):
    return build_training_cast(cast, today=TODAY)


def _session(course, *, capacity=30, days=(10, 11), deadline=5, joint=False):
    return services.session_create(
        actor=None,
        course=course,
        name=f"回{capacity}",
        starts_on=TODAY + timedelta(days=days[0]),
        ends_on=TODAY + timedelta(days=days[1]),
        capacity=capacity,
        application_deadline=TODAY + timedelta(days=deadline),
        open_to_consortium=joint,
    )


def test_a_joint_session_takes_partners_staff_but_not_a_foreign_body(cast, made):
    b_staff = services.application_create(
        actor=None, session=made.joint_session, staff=cast.staff["B.member"], today=TODAY
    )
    assert b_staff.body == cast.bodies["B"]
    with pytest.raises(ValidationError, match="対象の団体ではありません"):
        services.application_create(
            actor=None, session=made.joint_session, staff=cast.staff["F.member"], today=TODAY
        )
    # A's own session is not joint: B's staff cannot join it.
    own = _session(made.course)
    with pytest.raises(ValidationError, match="対象の団体ではありません"):
        services.application_create(
            actor=None, session=own, staff=cast.staff["B.member"], today=TODAY
        )


def test_over_capacity_after_deadline_and_twice_are_refused(cast, made):
    small = _session(made.course, capacity=1)
    services.application_create(
        actor=None, session=small, staff=cast.staff["A.member"], today=TODAY
    )
    with pytest.raises(ValidationError, match="すでにこの研修回に申し込んでいます"):
        services.application_create(
            actor=None, session=small, staff=cast.staff["A.member"], today=TODAY
        )
    with pytest.raises(ValidationError, match="定員（1人）に達している"):
        services.application_create(
            actor=None, session=small, staff=cast.staff["A.unit"], today=TODAY
        )
    late = _session(made.course, capacity=5, deadline=1)
    with pytest.raises(ValidationError, match="申込締切日"):
        services.application_create(
            actor=None, session=late, staff=cast.staff["A.unit"], today=TODAY + timedelta(days=2)
        )


def test_a_declined_application_frees_its_place(cast, made):
    small = _session(made.course, capacity=1)
    first = services.application_create(
        actor=None, session=small, staff=cast.staff["A.member"], today=TODAY
    )
    services.application_decide(actor=None, application=first, approve=False, today=TODAY)
    assert first.status == ApplicationStatus.REJECTED
    services.application_create(actor=None, session=small, staff=cast.staff["A.unit"], today=TODAY)
    with pytest.raises(ValidationError, match="承認待ち"):
        services.application_decide(actor=None, application=first, approve=True, today=TODAY)


def test_attendance_only_for_approved_people_within_the_dates(made):
    session = made.session
    with pytest.raises(ValidationError, match="受講者ではありません"):
        services.attendance_record(
            today=TODAY,
            actor=None,
            application=made.unit_own,
            attended_on=session.starts_on,
            hours=Decimal(2),
        )
    with pytest.raises(ValidationError, match="期間"):
        services.attendance_record(
            today=TODAY,
            actor=None,
            application=made.member_own,
            attended_on=session.starts_on - timedelta(days=1),
            hours=Decimal(2),
        )
    services.attendance_record(
        today=TODAY,
        actor=None,
        application=made.member_own,
        attended_on=session.starts_on,
        hours=Decimal(2),
    )
    with pytest.raises(ValidationError, match="すでに記録"):
        services.attendance_record(
            today=TODAY,
            actor=None,
            application=made.member_own,
            attended_on=session.starts_on,
            hours=Decimal(1),
        )


def test_completion_before_the_session_is_refused(made):
    with pytest.raises(ValidationError, match=r"開始日.*より前"):
        services.completion_record(
            today=TODAY,
            actor=None,
            application=made.member_own,
            completed_on=made.session.starts_on - timedelta(days=1),
        )
    assert not Completion.unscoped.exists()


def test_completion_grants_level_type_and_qualification_with_the_course_as_source(cast, made):
    course = made.course
    course.grants_level = made.shared_framework.levels.first() or _tokyo_level(cast)
    course.grants_talent_type = made.shared_framework.types.get(name="DX推進リーダー")
    course.grants_qualification = national("ITパスポート試験")
    course.save()
    completion = services.completion_record(
        today=TODAY, actor=None, application=made.member_own, completed_on=made.session.ends_on
    )
    assert completion.hours == course.hours
    assert completion.source == CompletionSource.SESSION
    staff = cast.staff["A.member"]
    holdings = TalentHolding.unscoped.filter(staff=staff)
    assert {h.held.name for h in holdings} == {"DX推進リーダー", course.grants_level.name}
    assert all(
        h.source == HoldingSource.COURSE and "情報セキュリティ研修" in h.source_note
        for h in holdings
    )
    qualification = QualificationHolding.unscoped.get(staff=staff)
    assert qualification.qualification.name == "ITパスポート試験"
    assert qualification.acquired_on == made.session.ends_on
    with pytest.raises(ValidationError, match="すでに修了"):
        services.completion_record(
            today=TODAY, actor=None, application=made.member_own, completed_on=made.session.ends_on
        )


def _tokyo_level(cast):
    from dxjinzai.skills.services import framework_load_preset

    return framework_load_preset(actor=None, body=cast.bodies["A"], key="tokyo").levels.last()


def test_kanazawa_programme_completes_when_200_hours_are_reached(cast, made):
    programme = services.course_create(
        actor=None,
        body=cast.bodies["A"],
        title="デジタル行政推進リーダー育成研修",
        mode="classroom",
        provider_kind="in_house",
        hours=Decimal(200),
        required_hours=Decimal(200),
    )
    # May to November, about 200 hours: 40 days of 5 hours.
    session = services.session_create(
        actor=None,
        course=programme,
        name="令和4年度",
        starts_on=date(2022, 5, 9),
        ends_on=date(2022, 11, 30),
        capacity=20,
        application_deadline=date(2022, 4, 28),
    )
    application = services.application_create(
        actor=None, session=session, staff=cast.staff["A.member"], today=date(2022, 4, 20)
    )
    services.application_decide(
        actor=None, application=application, approve=True, today=date(2022, 4, 25)
    )
    days = [date(2022, 5, 9) + timedelta(days=5 * n) for n in range(40)]
    for day in days[:39]:
        services.attendance_record(
            today=TODAY, actor=None, application=application, attended_on=day, hours=Decimal(5)
        )
    assert not Completion.unscoped.filter(application=application).exists()
    services.attendance_record(
        today=TODAY, actor=None, application=application, attended_on=days[39], hours=Decimal(5)
    )
    completion = Completion.unscoped.get(application=application)
    assert completion.completed_on == days[39]
    assert completion.hours == Decimal(200)


def test_survey_once_per_participant(made):
    services.survey_answer(
        actor=None,
        application=made.member_own,
        comprehension=4,
        usefulness=5,
        comment="",
        today=TODAY,
    )
    with pytest.raises(ValidationError, match="すでに回答"):
        services.survey_answer(
            actor=None,
            application=made.member_own,
            comprehension=3,
            usefulness=3,
            comment="",
            today=TODAY,
        )
    with pytest.raises(ValidationError, match="受講した研修回"):
        services.survey_answer(
            actor=None,
            application=made.unit_own,
            comprehension=3,
            usefulness=3,
            comment="",
            today=TODAY,
        )
    assert SurveyResponse.unscoped.count() == 1


def _csv(*rows: str) -> bytes:
    return ("\n".join(["団体コード,職員番号,受講日,時間", *rows]) + "\n").encode("cp932")


def test_attendance_import_reports_every_bad_row_and_writes_nothing(cast, made):
    session = made.joint_session
    services.application_create(
        actor=None, session=session, staff=cast.staff["B.member"], today=TODAY
    )
    a_code, day = cast.bodies["A"].code, session.starts_on.isoformat()
    result = attendance_import(
        today=session.ends_on,
        actor=None,
        session=session,
        filename="出欠.csv",
        data=_csv(
            f"{a_code},00004,{day},3",  # fine
            f"{cast.bodies['B'].code},00004,{day},3",  # applied but not approved
            f"{a_code},00099,{day},3",  # not enrolled
            f"{a_code},00004,2020-01-01,3",  # outside the dates
            f"{a_code},00004,{day},三",  # not a number
            f"{a_code},00004,{day},3",  # the same day twice
        ),
    )
    assert not result.ok
    assert [p.row for p in result.problems] == [3, 4, 5, 6, 7]
    assert "受講者ではありません" in result.problems[0].messages[0]
    assert "申し込んでいません" in result.problems[1].messages[0]
    assert "期間" in result.problems[2].messages[0]
    assert "数値" in result.problems[3].messages[0]
    assert "すでに記録" in result.problems[4].messages[0]
    assert not Attendance.unscoped.exists()


def test_attendance_import_of_a_clean_file_records_every_row(cast, made):
    session = made.joint_session
    a_code = cast.bodies["A"].code
    result = attendance_import(
        today=session.ends_on,
        actor=None,
        session=session,
        filename="出欠.csv",
        data=_csv(
            f"{a_code},00004,{session.starts_on:%Y-%m-%d},3",
            f"{a_code},００００４,令和{session.ends_on.year - 2018}年{session.ends_on.month}月{session.ends_on.day}日,3",
        ),
    )
    assert result.ok, result.problems
    assert result.recorded == 2
    assert Attendance.unscoped.filter(application=made.member_joint).count() == 2


def test_attendance_import_without_the_columns_says_which(made):
    result = attendance_import(
        today=TODAY,
        actor=None,
        session=made.session,
        filename="a.csv",
        data="職員番号,日付\n1,2\n".encode(),
    )
    assert result.file_error == "必要な列がありません：受講日、時間"


def test_requirement_grade_must_be_the_bodys(cast, made):
    foreign_grade = cast.staff["B.member"].grade
    with pytest.raises(ValidationError):
        services.requirement_create(
            actor=None,
            body=cast.bodies["A"],
            course=made.course,
            kind="mandatory",
            grade=foreign_grade,
            from_fiscal_year=2026,
        )


def test_attendance_and_completion_cannot_be_recorded_ahead(made):
    session = made.joint_session  # it starts in 20 days
    with pytest.raises(ValidationError, match="未来の日付"):
        services.attendance_record(
            actor=None,
            application=made.member_joint,
            attended_on=session.starts_on,
            hours=Decimal(3),
            today=TODAY,
        )
    with pytest.raises(ValidationError, match="未来の日付"):
        services.completion_record(
            actor=None, application=made.member_joint, completed_on=session.ends_on, today=TODAY
        )
