"""Correcting and withdrawing training records (issue 15 §1): courses, sessions and
requirements are corrected by the HR that registers them, deleted only while nothing rests
on them; a person withdraws their own application until the session starts. Every change
leaves an audit entry with before → after."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dxjinzai.core import clock
from dxjinzai.core.models import AuditAction, AuditEntry
from dxjinzai.organizations.access import access_for_user
from dxjinzai.training import services
from dxjinzai.training.models import Application, ApplicationStatus, Course, Requirement, Session
from dxjinzai.training.record import talent_record
from dxjinzai.training.testing import build_training_cast


@pytest.fixture
def made(cast):
    return build_training_cast(cast)


def _course_fields(course: Course, **changes):
    fields = {
        "title": course.title,
        "mode": course.mode,
        "provider_kind": course.provider_kind,
        "hours": course.hours,
        "provider": course.provider,
    }
    return fields | changes


def test_a_course_is_corrected_with_before_and_after_in_the_audit_log(cast, made):
    services.course_update(
        actor=cast.users["A.hr"],
        course=made.course,
        **_course_fields(made.course, title="情報セキュリティ研修（基礎）", hours=Decimal(3)),
    )
    made.course.refresh_from_db()
    assert (made.course.title, made.course.hours) == ("情報セキュリティ研修（基礎）", Decimal(3))
    entry = AuditEntry.unscoped.filter(action=AuditAction.UPDATE).latest("pk")
    assert entry.changes["title"] == ["情報セキュリティ研修", "情報セキュリティ研修（基礎）"]
    assert entry.changes["hours"] == ["2", "3"]
    assert "mode" not in entry.changes


def test_a_course_cannot_take_another_courses_name(cast, made):
    services.course_create(
        actor=None,
        body=cast.bodies["A"],
        title="文書管理研修",
        mode="classroom",
        provider_kind="in_house",
        hours=Decimal(1),
    )
    with pytest.raises(ValidationError, match="同じ名前の研修"):
        services.course_update(
            actor=None, course=made.course, **_course_fields(made.course, title="文書管理研修")
        )


def test_a_course_with_sessions_is_not_deleted_and_one_without_is(cast, made):
    with pytest.raises(ValidationError, match="研修回1件、受講要件1件があるため削除できません"):
        services.course_delete(actor=None, course=made.course)
    spare = services.course_create(
        actor=None,
        body=cast.bodies["A"],
        title="登録の誤り",
        mode="classroom",
        provider_kind="in_house",
        hours=Decimal(1),
    )
    services.course_delete(actor=cast.users["A.hr"], course=spare)
    assert not Course.unscoped.filter(pk=spare.pk).exists()
    assert AuditEntry.unscoped.filter(action=AuditAction.DELETE, target_label="登録の誤り").exists()


def _session_fields(session: Session, **changes):
    fields = {
        "name": session.name,
        "starts_on": session.starts_on,
        "ends_on": session.ends_on,
        "application_deadline": session.application_deadline,
        "capacity": session.capacity,
        "place": session.place,
        "open_to_consortium": session.open_to_consortium,
    }
    return fields | changes


def test_a_session_keeps_room_for_the_people_already_on_it(made):
    with pytest.raises(ValidationError, match="申込済み・受講決定の人が2人"):
        services.session_update(
            actor=None, session=made.session, **_session_fields(made.session, capacity=1)
        )
    services.session_update(
        actor=None, session=made.session, **_session_fields(made.session, capacity=2, place="本庁")
    )
    made.session.refresh_from_db()
    assert (made.session.capacity, made.session.place) == (2, "本庁")


def test_a_joint_session_with_a_partners_applicant_stays_joint(made):
    with pytest.raises(ValidationError, match="他の団体の職員が申し込んでいる"):
        services.session_update(
            actor=None,
            session=made.joint_session,
            **_session_fields(made.joint_session, open_to_consortium=False),
        )


def test_a_session_with_applications_is_not_deleted(made):
    with pytest.raises(ValidationError, match="申込が2件あるため削除できません"):
        services.session_delete(actor=None, session=made.session)
    empty = services.session_create(
        actor=None,
        course=made.course,
        name="第2回",
        starts_on=clock.today() + timedelta(days=30),
        ends_on=clock.today() + timedelta(days=30),
        capacity=10,
        application_deadline=clock.today() + timedelta(days=20),
    )
    services.session_delete(actor=None, session=empty)
    assert not Session.unscoped.filter(pk=empty.pk).exists()


def test_a_requirement_is_corrected_and_deleted(cast, made):
    requirement = made.requirement
    services.requirement_update(
        actor=None,
        requirement=requirement,
        course=made.course,
        kind="elective",
        from_fiscal_year=2025,
        recurrence="once",
        due_month=9,
    )
    requirement.refresh_from_db()
    assert (requirement.kind, requirement.from_fiscal_year, requirement.due_month) == (
        "elective",
        2025,
        9,
    )
    services.requirement_delete(actor=cast.users["A.hr"], requirement=requirement)
    assert not Requirement.unscoped.filter(pk=requirement.pk).exists()


def test_a_person_withdraws_their_application_before_the_session_starts(cast, made, client_as):
    application = made.member_joint  # starts in 20 days
    response = client_as("A.staff").post(reverse("application_cancel", args=[application.pk]))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CANCELLED
    entry = AuditEntry.unscoped.filter(
        target_type=application._meta.verbose_name, target_id=str(application.pk)
    ).latest("pk")
    assert entry.changes == {"status": ["受講決定", "取消"]}
    # The place is free again: the same person may apply anew.
    services.application_create(
        actor=None, session=made.joint_session, staff=cast.staff["A.unit"], today=clock.today()
    )


def test_an_application_is_not_withdrawn_once_the_session_began_or_was_refused(made):
    with pytest.raises(ValidationError, match="研修回が始まった後は取り消せません"):
        services.application_cancel(actor=None, application=made.member_own, today=clock.today())
    services.application_decide(
        actor=None, application=made.unit_own, approve=False, today=clock.today()
    )
    with pytest.raises(ValidationError, match="承認待ちか受講決定の申込だけ"):
        services.application_cancel(actor=None, application=made.unit_own, today=clock.today())
    assert Application.unscoped.get(pk=made.member_own.pk).status == ApplicationStatus.APPROVED


def test_my_page_offers_the_survey_only_once_the_session_began(cast, made):
    record = talent_record(
        access_for_user(cast.users["A.staff"]), cast.staff["A.member"], today=clock.today()
    )
    assert made.member_own.pk in record.open_surveys  # began 3 days ago
    assert made.member_joint.pk not in record.open_surveys  # starts in 20 days
    assert record.cancellable_ids == {made.member_joint.pk}


def test_a_new_course_lands_on_its_own_page(cast, client_as):
    response = client_as("A.hr").post(
        reverse("course_create", args=[cast.bodies["A"].code]),
        {"title": "EBPM入門", "mode": "classroom", "provider_kind": "in_house", "hours": "2"},
    )
    course = Course.unscoped.get(title="EBPM入門")
    assert response["Location"] == reverse("course_detail", args=[course.pk])


def test_the_edit_page_shows_the_course_as_stored_and_saves_the_change(cast, made, client_as):
    client = client_as("A.hr")
    url = reverse("course_edit", args=[made.course.pk])
    assert "情報セキュリティ研修" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "title": "情報セキュリティ研修2026",
            "mode": "elearning",
            "provider_kind": "jlis",
            "provider": "J-LIS",
            "hours": "2",
        },
    )
    assert response["Location"] == reverse("course_detail", args=[made.course.pk])
    made.course.refresh_from_db()
    assert made.course.title == "情報セキュリティ研修2026"
    entry = AuditEntry.unscoped.filter(action=AuditAction.UPDATE).latest("pk")
    assert entry.changes["title"] == ["情報セキュリティ研修", "情報セキュリティ研修2026"]


def test_deleting_a_course_in_use_says_why_and_keeps_it(made, client_as):
    client = client_as("A.hr")
    url = reverse("course_delete", args=[made.course.pk])
    assert "削除は監査ログに記録され" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "削除できません" in response.content.decode()
    assert Course.unscoped.filter(pk=made.course.pk).exists()


def test_the_course_page_shows_its_history_in_japanese_to_hr_only(cast, made, client_as):
    services.course_update(
        actor=cast.users["A.hr"],
        course=made.course,
        **_course_fields(made.course, issues_certificate=True),
    )
    url = reverse("course_detail", args=[made.course.pk])
    page = client_as("A.hr").get(url).content.decode()
    assert "変更の履歴" in page
    assert "修了証を発行する：いいえ → はい" in page
    assert "変更の履歴" not in client_as("A.staff").get(url).content.decode()


def test_a_new_session_lands_on_its_own_page(made, client_as):
    response = client_as("A.hr").post(
        reverse("session_create", args=[made.course.pk]),
        {
            "name": "第3回",
            "starts_on": "2027-02-01",
            "ends_on": "2027-02-01",
            "application_deadline": "2027-01-20",
            "capacity": "20",
        },
    )
    session = Session.unscoped.get(course=made.course, name="第3回")
    assert response["Location"] == reverse("session_detail", args=[session.pk])


def test_the_organiser_is_told_who_approves_a_partners_applicant(cast, made, client_as):
    services.application_create(
        actor=None, session=made.joint_session, staff=cast.staff["B.member"], today=clock.today()
    )
    page = client_as("P.hr").get(reverse("session_detail", args=[made.joint_session.pk]))
    assert "乙町の人事担当が承認します" in page.content.decode()
