"""The pages of talent and training: who sees which rows, and each journey's writes."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dxjinzai.skills.models import Framework, QualificationHolding
from dxjinzai.training.models import (
    Application,
    ApplicationStatus,
    Attendance,
    Completion,
    Course,
    Session,
)
from dxjinzai.training.testing import build_training_cast, national


@pytest.fixture
def made(cast):
    return build_training_cast(cast)


def _roster_names(client, session):
    page = client.get(reverse("session_detail", args=[session.pk]))
    assert page.status_code == 200
    return page.context["roster"].values_list("staff__body__name", flat=True)


def test_a_joint_roster_shows_each_body_only_its_own_people_and_the_organiser_all(
    cast, client_as, made
):
    from dxjinzai.training import services

    services.application_create(
        actor=None, session=made.joint_session, staff=cast.staff["B.member"], today=date.today()
    )
    assert sorted(_roster_names(client_as("P.hr"), made.joint_session)) == ["乙町", "甲市"]
    assert list(_roster_names(client_as("A.hr"), made.joint_session)) == ["甲市"]
    assert list(_roster_names(client_as("B.hr"), made.joint_session)) == ["乙町"]
    # The operator sees the joint session, but no one's enrolment.
    assert list(_roster_names(client_as("P.operator"), made.joint_session)) == []
    html = (
        client_as("A.hr")
        .get(reverse("session_detail", args=[made.joint_session.pk]))
        .content.decode()
    )
    assert "乙町" not in html and "職員 次郎" in html


def test_hr_loads_a_preset_and_builds_a_course_with_a_session(cast, client_as):
    client = client_as("A.hr")
    body = cast.bodies["A"]
    response = client.post(reverse("framework_load", args=[body.code]), {"key": "tokyo"})
    assert response.status_code == 302
    framework = Framework.unscoped.get(body=body)
    assert framework.levels.count() == 3
    level = framework.levels.get(name="デジタルが分かる")
    response = client.post(
        reverse("course_create", args=[body.code]),
        {
            "title": "デジタルリテラシー研修",
            "mode": "video",
            "provider_kind": "in_house",
            "hours": "1.5",
            "grants_level": level.pk,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    course = Course.unscoped.get(body=body, title="デジタルリテラシー研修")
    assert course.grants_level == level
    start = date.today() + timedelta(days=30)
    response = client.post(
        reverse("session_create", args=[course.pk]),
        {
            "name": "第1回",
            "starts_on": start.isoformat(),
            "ends_on": start.isoformat(),
            "application_deadline": (start + timedelta(days=1)).isoformat(),
            "capacity": "40",
        },
    )
    assert response.status_code == 200
    assert "申込締切日" in response.content.decode()
    assert not Session.unscoped.filter(course=course).exists()
    response = client.post(
        reverse("session_create", args=[course.pk]),
        {
            "name": "第1回",
            "starts_on": start.isoformat(),
            "ends_on": start.isoformat(),
            "application_deadline": (start - timedelta(days=7)).isoformat(),
            "capacity": "40",
        },
    )
    assert response.status_code == 302
    assert Session.unscoped.get(course=course).capacity == 40


def test_staff_apply_from_my_page_and_hr_approves(cast, client_as, made):
    from dxjinzai.training import services

    start = date.today() + timedelta(days=20)
    session = services.session_create(
        actor=None,
        course=made.course,
        name="第2回",
        starts_on=start,
        ends_on=start,
        capacity=10,
        application_deadline=start - timedelta(days=5),
    )
    staff_client = client_as("A.staff")
    page = staff_client.get(reverse("my_page"))
    assert session in page.context["open_sessions"]
    assert made.joint_session not in page.context["open_sessions"]  # already applied
    assert staff_client.post(reverse("session_apply", args=[session.pk])).status_code == 302
    application = Application.unscoped.get(session=session, staff=cast.staff["A.member"])
    assert application.status == ApplicationStatus.APPLIED
    hr = client_as("A.hr")
    hr.post(reverse("application_decide", args=[application.pk]), {"decision": "approve"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED


def test_hr_nominates_by_staff_number(cast, client_as, made):
    response = client_as("A.hr").post(
        reverse("session_nominate", args=[made.joint_session.pk]), {"number": "００００５"}
    )
    assert response.status_code == 302
    nominated = Application.unscoped.get(session=made.joint_session, staff=cast.staff["A.unit"])
    assert nominated.nominated_by == cast.users["A.hr"]
    # B's HR cannot nominate A's staff: the number is looked up in B only.
    client_as("B.hr").post(
        reverse("session_nominate", args=[made.joint_session.pk]), {"number": "00006"}
    )
    assert Application.unscoped.get(session=made.joint_session, staff=cast.staff["B.other"])
    assert not Application.unscoped.filter(
        session=made.joint_session, staff=cast.staff["A.other"]
    ).exists()


def test_attendance_upload_shows_errors_by_row_then_records_a_clean_file(cast, client_as, made):
    session = made.session
    client = client_as("A.hr")
    day = session.starts_on.isoformat()
    bad = f"職員番号,受講日,時間\n00004,{day},2\n00005,{day},2\n".encode()
    response = client.post(
        reverse("attendance_upload", args=[session.pk]),
        {"file": SimpleUploadedFile("出欠.csv", bad)},
    )
    assert response.status_code == 422
    assert "3行目" in response.content.decode()
    assert not Attendance.unscoped.exists()
    good = f"職員番号,受講日,時間\n00004,{day},2\n".encode("utf-8-sig")
    response = client.post(
        reverse("attendance_upload", args=[session.pk]),
        {"file": SimpleUploadedFile("出欠.csv", good)},
    )
    assert response.status_code == 302
    assert Attendance.unscoped.get().application == made.member_own


def test_missing_list_shows_who_lacks_the_mandatory_course_and_exports(cast, client_as, made):
    client = client_as("A.hr")
    url = reverse("missing_list", args=[cast.bodies["A"].code])
    numbers = [m.staff.number for m in client.get(url).context["page"]]
    assert numbers == ["00001", "00002", "00003", "00004", "00005", "00006"]
    client.post(
        reverse("application_complete", args=[made.member_own.pk]),
        {"completed_on": made.session.ends_on.isoformat()},
    )
    assert Completion.unscoped.filter(staff=cast.staff["A.member"]).exists()
    numbers = [m.staff.number for m in client.get(url).context["page"]]
    assert "00004" not in numbers
    export = client.get(url, {"export": "csv"})
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert text.splitlines()[0].startswith("職員番号,氏名,所属")
    assert "情報セキュリティ研修" in text
    # A department head sees only their department (デジタル推進課 and its 係).
    head_numbers = [m.staff.number for m in client_as("A.head").get(url).context["page"]]
    assert head_numbers == ["00003", "00005"]


def test_the_record_shows_the_required_course_and_my_page_the_same(cast, client_as, made):
    record = client_as("A.head").get(reverse("staff_talent", args=[cast.bodies["A"].code, "00004"]))
    assert [r.requirement.course.title for r in record.context["record"].mandatory] == [
        "情報セキュリティ研修"
    ]
    mine = client_as("A.staff").get(reverse("my_page"))
    assert mine.context["record"].mandatory[0].status.label == "未修了（期限前）"
    assert client_as("P.operator").get(reverse("my_page")).status_code == 404


def test_staff_register_their_own_qualification_with_evidence(cast, client_as):
    url = reverse("qualification_holding_create", args=[cast.bodies["A"].code, "00004"])
    evidence = SimpleUploadedFile("合格証書.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client_as("A.staff").post(
        url,
        {
            "qualification": national("基本情報技術者試験").pk,
            "acquired_on": "2024-06-01",
            "number": "FE-2024-06-0001",
            "evidence": evidence,
        },
    )
    assert response.status_code == 302
    holding = QualificationHolding.unscoped.get(staff=cast.staff["A.member"])
    assert holding.evidence.name.endswith(".pdf")
    wrong = client_as("A.staff").post(
        url,
        {
            "qualification": national("情報処理安全確保支援士").pk,
            "acquired_on": "2024-06-01",
            "number": "12",
        },
    )
    assert wrong.status_code == 200
    assert "番号の形式が正しくありません" in wrong.content.decode()


def test_survey_is_answered_once_from_my_page(cast, client_as, made):
    client = client_as("A.staff")
    url = reverse("survey_answer", args=[made.member_own.pk])
    assert client.post(url, {"comprehension": "4", "usefulness": "5"}).status_code == 302
    again = client.post(url, {"comprehension": "4", "usefulness": "5"})
    assert "すでに回答" in again.content.decode()
    summary = (
        client_as("A.hr").get(reverse("session_detail", args=[made.session.pk])).context["survey"]
    )
    assert summary["count"] == 1 and summary["comprehension"] == 4


def test_a_department_head_nominates_only_their_own_people(cast, client_as, made):
    url = reverse("session_nominate", args=[made.joint_session.pk])
    head = client_as("A.head")
    head.post(url, {"number": "00005"})  # 係員, in the head's デジタル推進係
    head.post(url, {"number": "00006"})  # 総務課: not theirs
    nominated = Application.unscoped.filter(
        session=made.joint_session, nominated_by=cast.users["A.head"]
    )
    assert [a.staff.number for a in nominated] == ["00005"]


def test_apply_returns_only_to_a_page_of_this_site(cast, client_as, made):
    from dxjinzai.training import services

    start = date.today() + timedelta(days=20)
    session = services.session_create(
        actor=None,
        course=made.course,
        name="第3回",
        starts_on=start,
        ends_on=start,
        capacity=10,
        application_deadline=start,
    )
    response = client_as("A.staff").post(
        reverse("session_apply", args=[session.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("my_page")


def test_completion_certificate_pdf_in_japanese_and_audited(cast, client_as, made):
    import shutil
    import subprocess

    from dxjinzai.core.models import AuditEntry
    from dxjinzai.training import services

    completion = services.completion_record(
        actor=None,
        application=made.member_own,
        completed_on=made.session.ends_on,
        today=date.today(),
    )
    url = reverse("completion_certificate", args=[completion.pk])
    assert client_as("A.staff").get(url).status_code == 404  # the course issues none
    made.course.issues_certificate = True
    made.course.save()
    pdf = client_as("A.staff").get(url)
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert AuditEntry.unscoped.filter(target_type="修了証", actor=cast.users["A.staff"]).exists()
    page = client_as("A.staff").get(reverse("my_page")).content.decode()
    assert url in page
    if not shutil.which("pdftotext"):
        pytest.skip(
            "pdftotext（poppler-utils）がないため本文を確認できません。scripts/test が root で入れます。"
        )
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True
    ).stdout.decode()
    day = made.session.ends_on
    assert "修了証" in text.replace(" ", "").replace("\u3000", "")
    assert "職員 次郎" in text and "情報セキュリティ研修" in text
    assert f"（{day.year}年{day.month}月{day.day}日）" in text
    assert (
        f"修了第{day.year if day.month >= 4 else day.year - 1}-{made.course.pk}-{completion.pk}号"
        in text
    )
