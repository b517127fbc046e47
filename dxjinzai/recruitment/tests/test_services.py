"""Recruitment's services: postings and their windows, public applications (closed windows,
duplicates, disguised files, floods), moves all or none, the panel's sheets, hiring once
within the head-count and the term caps, messages through the worker, and erasure."""

import io
import zipfile
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from dxjinzai.core import clock
from dxjinzai.core.access import directory
from dxjinzai.organizations.models import Appointment, StaffMember
from dxjinzai.recruitment import selectors, services
from dxjinzai.recruitment.models import Applicant, Message, Posting, ScoreSheet, StageMove
from dxjinzai.recruitment.tasks import send_messages
from dxjinzai.recruitment.testing import CHANNELS, apply, build_recruitment_cast, open_posting


def _zip(part: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(part, "<x/>")
    return SimpleUploadedFile("経歴書.docx", buffer.getvalue())


def test_a_window_that_closes_before_it_opens_is_refused_and_nothing_is_written(cast):
    now = clock.now()
    with pytest.raises(ValidationError) as error:
        open_posting(cast, opens_at=now, closes_at=now - timedelta(days=1))
    assert "受付終了は受付開始より後の日時にしてください。" in str(error.value)
    assert not Posting.unscoped.exists()


def test_a_fixed_term_posting_names_its_legal_basis(cast):
    with pytest.raises(ValidationError, match="根拠条文"):
        open_posting(cast, fixed_term_basis="")


def test_an_application_outside_the_window_is_refused_politely(cast):
    now = clock.now()
    posting = open_posting(
        cast, opens_at=now - timedelta(days=21), closes_at=now - timedelta(minutes=1)
    )
    with pytest.raises(ValidationError, match="受付は終了しました"):
        apply(posting)
    assert not Applicant.unscoped.exists()


def test_a_draft_takes_no_application(cast):
    posting = open_posting(cast)
    services.posting_publish(actor=None, posting=posting, published=False)
    with pytest.raises(ValidationError, match="受付は終了しました"):
        apply(posting)


def test_the_same_person_cannot_apply_twice_to_one_posting(cast):
    posting = open_posting(cast)
    apply(posting, 1)
    with pytest.raises(ValidationError, match="すでに同じ方からの応募"):
        apply(posting, 2, email="APPLICANT1@example.com")
    with pytest.raises(ValidationError, match="すでに同じ方からの応募"):
        apply(posting, 3, given_name="1郎", birth_date=date(1985, 4, 2))
    assert Applicant.unscoped.count() == 1


def test_a_disguised_or_oversize_cv_is_refused(cast, settings):
    posting = open_posting(cast)
    with pytest.raises(ValidationError, match="PDF・Word"):
        apply(posting, cv=SimpleUploadedFile("経歴書.pdf", b"MZ\x90\x00 not a pdf"))
    with pytest.raises(ValidationError, match="PDF・Word"):
        apply(posting, cv=_zip("evil/payload.bin"))
    big = SimpleUploadedFile("経歴書.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError, match="大きすぎます"):
        apply(posting, cv=big)
    assert apply(posting, cv=_zip("word/document.xml")).cv
    assert apply(posting, 2, cv=_zip("xl/workbook.xml")).cv


def test_a_channel_not_on_the_posting_is_refused(cast):
    with pytest.raises(ValidationError, match="応募経路"):
        apply(open_posting(cast), channel="偽の経路")


def test_one_address_sending_many_applications_is_slowed(cast):
    posting = open_posting(cast)
    for number in range(1, services.APPLICATIONS_PER_HOUR + 1):
        apply(posting, number, remote_address="198.51.100.7")
    with pytest.raises(ValidationError, match="時間をおいて"):
        apply(posting, 99, remote_address="198.51.100.7")
    assert Applicant.unscoped.count() == services.APPLICATIONS_PER_HOUR


def test_moves_are_all_or_none_and_each_is_recorded(cast):
    posting = open_posting(cast)
    first, second = apply(posting, 1), apply(posting, 2)
    services.applicants_move(actor=cast.users["A.hr"], applicants=[second], to_stage="rejected")
    with pytest.raises(ValidationError, match="応募 2郎：「不採用」で終わった応募は動かせません。"):
        services.applicants_move(
            actor=cast.users["A.hr"], applicants=[first, second], to_stage="screening"
        )
    first.refresh_from_db()
    assert first.stage == "applied"
    services.applicants_move(actor=cast.users["A.hr"], applicants=[first], to_stage="screening")
    moves = list(StageMove.unscoped.filter(applicant=first).values_list("to_stage", "moved_by"))
    assert moves == [("applied", None), ("screening", cast.users["A.hr"].pk)]


def test_a_panel_member_scores_every_criterion_and_only_their_own_interview(cast):
    made = build_recruitment_cast(cast)
    interview = made["interview"]
    criteria = selectors.criteria_of(made["posting"])
    with pytest.raises(ValidationError, match="面接官だけ"):
        services.score_sheet_save(
            member=cast.users["A.hr"], interview=interview, scores={}, note=""
        )
    with pytest.raises(ValidationError, match="すべての評価項目"):
        services.score_sheet_save(
            member=cast.users["A.head"], interview=interview, scores={criteria[0].pk: 4}, note=""
        )
    scores = {criteria[0].pk: 4, criteria[1].pk: 3}
    services.score_sheet_save(
        member=cast.users["A.head"], interview=interview, scores=scores, note="明快"
    )
    services.score_sheet_save(
        member=cast.users["A.head"], interview=interview, scores=scores, note="明快。"
    )
    assert ScoreSheet.unscoped.get().note == "明快。"
    hr = directory().access_for_user(cast.users["A.hr"])
    [scored] = selectors.scores_of(hr, [made["applicant"]], criteria)
    # (4×3 + 3×2) / 5 = 3.6
    assert str(scored.total) == "3.60"
    with pytest.raises(ValidationError, match="評価票の記入が始まっている"):
        services.criteria_save(actor=None, posting=made["posting"], lines=[("新しい項目", 1)])


def _offered(cast, posting, number):
    applicant = apply(posting, number)
    services.applicants_move(actor=None, applicants=[applicant], to_stage="offered")
    return applicant


def test_hiring_creates_the_staff_record_once_within_the_head_count_and_term_caps(cast):
    posting = open_posting(cast, head_count=1)
    applicant = _offered(cast, posting, 1)
    start = date(2027, 4, 1)
    with pytest.raises(ValidationError, match="任期は5年以内"):
        services.applicant_hire(
            actor=cast.users["A.hr"],
            applicant=applicant,
            number="20001",
            hire_date=start,
            end_date=date(2032, 4, 1),
        )
    assert not StaffMember.unscoped.filter(number="20001").exists()
    staff = services.applicant_hire(
        actor=cast.users["A.hr"],
        applicant=applicant,
        number="20001",
        hire_date=start,
        end_date=date(2030, 3, 31),
        department=cast.departments["A.digital"],
    )
    appointment = Appointment.unscoped.get(staff=staff)
    assert (appointment.kind, appointment.fixed_term_basis, appointment.end_date) == (
        "fixed_term",
        "art3_2",
        date(2030, 3, 31),
    )
    applicant.refresh_from_db()
    assert (applicant.stage, applicant.staff) == ("hired", staff)
    with pytest.raises(ValidationError, match="すでに採用済み"):
        services.applicant_hire(
            actor=cast.users["A.hr"], applicant=applicant, number="20002", hire_date=start
        )
    other = _offered(cast, posting, 2)
    with pytest.raises(ValidationError, match="採用予定人数（1人）に達しています"):
        services.applicant_hire(
            actor=cast.users["A.hr"],
            applicant=other,
            number="20003",
            hire_date=start,
            end_date=date(2030, 3, 31),
        )
    assert StaffMember.unscoped.filter(number__startswith="2000").count() == 1


def test_messages_are_logged_and_sent_by_the_worker_once(cast, django_capture_on_commit_callbacks):
    made = build_recruitment_cast(cast)
    with django_capture_on_commit_callbacks(execute=True):
        messages = services.messages_send(
            actor=cast.users["A.hr"],
            applicants=[made["applicant"]],
            subject="{求人}の面接のご案内",
            text="{氏名} 様\n面接は {面接日時} です。",
            interview_times=selectors.next_interview_times([made["applicant"]]),
        )
    [message] = messages
    assert message.subject == "DX推進マネージャー（係長級）の面接のご案内"
    assert message.text.startswith("応募 1郎 様\n面接は 20")
    assert mail.outbox == []  # the worker sends them, not the request
    send_messages.call([message.pk])
    send_messages.call([message.pk])
    sent = [m for m in mail.outbox if "面接のご案内" in m.subject]
    assert len(sent) == 1 and sent[0].to == ["applicant1@example.com"]
    assert Message.unscoped.get().sent_at is not None


def test_unsuccessful_applicants_are_erased_after_the_retention_period(cast, monkeypatch):
    posting = open_posting(cast, retention_days=30)
    kept, hired = apply(posting, 1), _offered(cast, posting, 2)
    services.applicant_hire(
        actor=None,
        applicant=hired,
        number="20009",
        hire_date=date(2027, 4, 1),
        end_date=date(2030, 3, 31),
    )
    assert services.applicants_erase_expired(now=clock.now()) == 0
    later = posting.closes_at + timedelta(days=31)
    assert services.applicants_erase_expired(now=later) == 1
    kept.refresh_from_db()
    assert (kept.family_name, kept.email, kept.birth_date, kept.cv.name) == (
        "（削除済み）",
        "",
        None,
        "",
    )
    assert kept.stage == "applied" and kept.channel == CHANNELS[0]  # the counts stay right
    hired.refresh_from_db()
    assert hired.family_name == "応募"


def test_an_applicant_erases_their_data_by_their_link(cast):
    posting = open_posting(cast)
    applicant = apply(posting)
    assert services.applicant_erase_on_request(token=applicant.token, now=clock.now())
    applicant.refresh_from_db()
    assert applicant.erased_at is not None and applicant.email == ""
    assert not services.applicant_erase_on_request(token=applicant.token, now=clock.now())
