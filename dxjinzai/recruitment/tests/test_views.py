"""Recruitment's pages: the public list and form (confirmation by link, the honeypot, a closed
window, a forged id), HR's list, board, bulk moves, messages, comparison, export (audited),
funnel and hiring, and who sees an applicant."""

from datetime import timedelta
from typing import Any

from django.core import mail
from django.urls import reverse

from dxjinzai.core import clock
from dxjinzai.core.models import AuditEntry
from dxjinzai.organizations.models import StaffMember
from dxjinzai.recruitment import services
from dxjinzai.recruitment.models import Applicant, Message, Posting
from dxjinzai.recruitment.testing import CHANNELS, apply, build_recruitment_cast, open_posting


def _form(posting, **changes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {
        "family_name": "公開",
        "given_name": "花子",
        "family_name_kana": "コウカイ",
        "given_name_kana": "ハナコ",
        "birth_date": "1990-05-01",
        "email": "hanako@example.com",
        "phone": "",
        "channel": CHANNELS[1],
        "answer_0": "行政のデジタル化に関わりたい",
        "cv": SimpleUploadedFile("経歴書.pdf", b"%PDF-1.4\n%cv\n"),
        "consent": "on",
        "website": "",
    } | changes


def test_an_applicant_applies_and_confirms_by_the_link(
    cast, client_as, django_capture_on_commit_callbacks
):
    posting = open_posting(cast)
    anonymous = client_as(None)
    listing = anonymous.get(reverse("job_list", args=[cast.bodies["A"].code])).content.decode()
    assert "DX推進マネージャー（係長級）" in listing
    page = anonymous.get(reverse("job_detail", args=[posting.pk])).content.decode()
    assert "志望の動機" in page and "個人情報の取扱いに同意します" in page
    with django_capture_on_commit_callbacks(execute=True):
        sent = anonymous.post(reverse("job_detail", args=[posting.pk]), _form(posting))
    assert "確認のメールをお送りしました" in sent.content.decode()
    applicant = Applicant.unscoped.get()
    assert applicant.answers == [
        {"question": "志望の動機", "answer": "行政のデジタル化に関わりたい"}
    ]
    [confirmation] = mail.outbox
    assert confirmation.to == ["hanako@example.com"]
    assert reverse("job_confirm", args=[applicant.token]) in confirmation.body
    assert reverse("job_erase", args=[applicant.token]) in confirmation.body
    confirmed = anonymous.get(reverse("job_confirm", args=[applicant.token]))
    assert "応募を受け付けました" in confirmed.content.decode()
    applicant.refresh_from_db()
    assert applicant.confirmed_at is not None


def test_a_bot_filling_the_hidden_field_is_thanked_and_dropped(cast, client_as):
    posting = open_posting(cast)
    response = client_as(None).post(
        reverse("job_detail", args=[posting.pk]), _form(posting, website="http://spam")
    )
    assert "応募を送信しました" in response.content.decode()
    assert not Applicant.unscoped.exists()


def test_after_the_window_the_form_refuses_politely(cast, client_as):
    now = clock.now()
    posting = open_posting(
        cast, opens_at=now - timedelta(days=20), closes_at=now - timedelta(hours=1)
    )
    anonymous = client_as(None)
    page = anonymous.get(reverse("job_detail", args=[posting.pk])).content.decode()
    assert "受付は終了しました" in page and "応募する</button>" not in page
    response = anonymous.post(reverse("job_detail", args=[posting.pk]), _form(posting))
    assert "受付は終了しました" in response.content.decode()
    assert not Applicant.unscoped.exists()
    listing = anonymous.get(reverse("job_list", args=[cast.bodies["A"].code])).content.decode()
    assert "いま受付中の求人はありません。" in listing


def test_a_duplicate_application_is_caught_on_the_page(cast, client_as):
    posting = open_posting(cast)
    anonymous = client_as(None)
    anonymous.post(reverse("job_detail", args=[posting.pk]), _form(posting))
    again = anonymous.post(reverse("job_detail", args=[posting.pk]), _form(posting))
    assert "すでに同じ方からの応募があります" in again.content.decode()
    assert Applicant.unscoped.count() == 1


def test_a_draft_or_a_forged_id_is_not_found(cast, client_as):
    posting = open_posting(cast)
    services.posting_publish(actor=None, posting=posting, published=False)
    anonymous = client_as(None)
    assert anonymous.get(reverse("job_detail", args=[posting.pk])).status_code == 404
    assert anonymous.get(reverse("job_detail", args=[posting.pk + 999])).status_code == 404
    assert (
        anonymous.post(reverse("job_detail", args=[posting.pk + 999]), _form(posting)).status_code
        == 404
    )
    assert anonymous.get(reverse("job_confirm", args=["forged"])).status_code == 404


def test_hr_moves_several_at_once_and_writes_to_them(
    cast, client_as, django_capture_on_commit_callbacks
):
    posting = open_posting(cast)
    first, second = apply(posting, 1), apply(posting, 2)
    client = client_as("A.hr")
    url = reverse("applicants_act", args=[cast.bodies["A"].code, posting.pk])
    client.post(
        url, {"action": "move", "to_stage": "screening", "applicant": [first.pk, second.pk]}
    )
    assert set(Applicant.unscoped.values_list("stage", flat=True)) == {"screening"}
    client.post(
        url,
        {
            "action": "message",
            "subject": "書類選考のご連絡",
            "text": "{氏名} 様\n{求人}の書類選考を通過されました。",
            "applicant": [first.pk, second.pk],
        },
    )
    assert Message.unscoped.count() == 2
    assert Message.unscoped.filter(text__startswith="応募 2郎 様").exists()
    board = client.get(
        reverse("posting_detail", args=[cast.bodies["A"].code, posting.pk]) + "?view=board"
    ).content.decode()
    assert "書類選考（2人）" in board


def test_a_forged_applicant_of_another_posting_is_ignored(cast, client_as):
    mine, other = open_posting(cast), open_posting(cast, title="別の求人")
    stranger = apply(other, 5)
    client_as("A.hr").post(
        reverse("applicants_act", args=[cast.bodies["A"].code, mine.pk]),
        {"action": "move", "to_stage": "screening", "applicant": [stranger.pk]},
    )
    stranger.refresh_from_db()
    assert stranger.stage == "applied"


def test_hr_compares_applicants_side_by_side(cast, client_as):
    made = build_recruitment_cast(cast)
    second = apply(made["posting"], 2)
    client = client_as("A.hr")
    code = cast.bodies["A"].code
    response = client.post(
        reverse("applicants_act", args=[code, made["posting"].pk]),
        {"action": "compare", "applicant": [made["applicant"].pk, second.pk]},
    )
    page = client.get(response["Location"]).content.decode()
    assert "コミュニケーション能力（重み3）" in page
    assert "応募 1郎" in page and "応募 2郎" in page
    assert "地域のDXに貢献したい" in page


def test_the_applicant_list_export_is_audited(cast, client_as):
    made = build_recruitment_cast(cast)
    url = reverse("posting_detail", args=[cast.bodies["A"].code, made["posting"].pk])
    response = client_as("A.hr").get(url + "?export=csv")
    assert response.status_code == 200
    assert "応募 1郎" in b"".join(response.streaming_content).decode("utf-8-sig")
    assert AuditEntry.unscoped.filter(body=cast.bodies["A"], action="export").exists()


def test_hr_hires_from_the_page_and_a_second_click_creates_nothing(cast, client_as):
    made = build_recruitment_cast(cast)
    applicant = made["applicant"]
    services.applicants_move(actor=None, applicants=[applicant], to_stage="offered")
    client = client_as("A.hr")
    url = reverse("applicant_hire", args=[cast.bodies["A"].code, applicant.pk])
    data = {"number": "30001", "hire_date": "2027-04-01", "end_date": "2030-03-31"}
    client.post(url, data)
    client.post(url, data | {"number": "30002"})
    assert list(
        StaffMember.unscoped.filter(number__startswith="3000").values_list("number", flat=True)
    ) == ["30001"]
    page = client.get(reverse("applicant_detail", args=[cast.bodies["A"].code, applicant.pk]))
    assert "採用後の職員" in page.content.decode()


def test_the_panel_member_sees_their_applicant_and_scores_them(cast, client_as):
    made = build_recruitment_cast(cast)
    client = client_as("A.head")
    page = client.get(reverse("my_interviews")).content.decode()
    assert "応募 1郎" in page
    detail = client.get(
        reverse("applicant_detail", args=[cast.bodies["A"].code, made["applicant"].pk])
    )
    assert detail.status_code == 200
    assert "applicant1@example.com" not in detail.content.decode()  # contact details: HR only
    criteria = list(made["posting"].criteria.all())
    client.post(
        reverse("interview_score", args=[made["interview"].pk]),
        {f"c{criteria[0].pk}": "5", f"c{criteria[1].pk}": "4", "note": "具体的"},
    )
    hr_view = (
        client_as("A.hr")
        .get(reverse("applicant_detail", args=[cast.bodies["A"].code, made["applicant"].pk]))
        .content.decode()
    )
    # (5×3 + 4×2) / 5 = 4.6
    assert "<strong>4.60</strong>" in hr_view
    # An applicant they do not interview is not found for them.
    stranger = apply(made["posting"], 7)
    assert (
        client_as("A.head")
        .get(reverse("applicant_detail", args=[cast.bodies["A"].code, stranger.pk]))
        .status_code
        == 404
    )


def test_the_funnel_counts_each_stage_reached_per_channel(cast, client_as):
    posting = open_posting(cast)
    a, b, c = apply(posting, 1), apply(posting, 2, channel=CHANNELS[1]), apply(posting, 3)
    services.applicants_move(actor=None, applicants=[a, b], to_stage="screening")
    services.applicants_move(actor=None, applicants=[a], to_stage="interview_1")
    services.applicants_move(actor=None, applicants=[a], to_stage="rejected")
    page = (
        client_as("A.hr")
        .get(reverse("posting_funnel", args=[cast.bodies["A"].code, posting.pk]))
        .content.decode()
    )
    # 応募: 2 + 1; 書類選考: 1 + 1; 一次面接: 1 + 0 (the rejection after it still counts it).
    assert (
        '<th scope="row">応募</th><td class="number">2</td><td class="number">1</td><td class="number">3</td>'
        in page
    )
    assert (
        '<th scope="row">一次面接</th><td class="number">1</td><td class="number">0</td><td class="number">1</td>'
        in page
    )
    assert c.stage == "applied"


def test_postings_of_the_body_are_listed_with_their_counts(cast, client_as):
    made = build_recruitment_cast(cast)
    page = (
        client_as("A.hr")
        .get(reverse("posting_list", args=[cast.bodies["A"].code]))
        .content.decode()
    )
    assert made["posting"].title in page and "（受付中）" in page
    assert Posting.unscoped.count() == 1


def test_the_year_and_the_consortium_count_postings_applicants_and_hires(cast, client_as):
    from datetime import date

    now = clock.now()
    closed = open_posting(
        cast, opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=2)
    )
    for number in (1, 2, 3):
        applicant = services.applicant_apply(
            posting=closed,
            now=closed.opens_at + timedelta(days=1),
            remote_address=None,
            family_name="年度",
            given_name=f"{number}",
            family_name_kana="ネンド",
            given_name_kana="イチ",
            birth_date=date(1990, 1, number),
            email=f"year{number}@example.com",
            channel=CHANNELS[0],
        )
    services.applicants_move(actor=None, applicants=[applicant], to_stage="offered")
    services.applicant_hire(
        actor=None,
        applicant=applicant,
        number="40001",
        hire_date=date(2027, 4, 1),
        end_date=date(2030, 3, 31),
    )
    year = client_as("A.hr").get(reverse("recruitment_year", args=[cast.bodies["A"].code]))
    page = year.content.decode()
    assert '<td class="number">3人</td><td class="number">1人</td>' in page
    consortium = client_as("P.operator").get(reverse("consortium_recruitment")).content.decode()
    assert (
        '<td>甲市</td><td class="number">1件</td><td class="number">3人</td><td class="number">1人</td>'
        in consortium
    )
    assert "年度 1" not in consortium  # counts only, no one's name


PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64


def test_photos_are_checked_by_content_and_served_with_the_published_posting(cast, client_as):
    from django.core.files.uploadedfile import SimpleUploadedFile

    posting = open_posting(cast)
    client = client_as("A.hr")
    url = reverse("posting_photos", args=[cast.bodies["A"].code, posting.pk])
    refused = client.post(
        url, {"image": SimpleUploadedFile("偽.png", b"GIF89a not a png"), "caption": "偽物"}
    )
    assert "PNGかJPEGの写真を選んでください" in refused.content.decode()
    client.post(
        url, {"image": SimpleUploadedFile("職場.png", PNG), "caption": "デジタル推進課の執務室"}
    )
    photo = posting.photos.get()
    page = client_as(None).get(reverse("job_detail", args=[posting.pk])).content.decode()
    assert (
        f'<img src="{reverse("job_photo", args=[photo.pk])}" alt="デジタル推進課の執務室"' in page
    )
    served = client_as(None).get(reverse("job_photo", args=[photo.pk]))
    assert served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == PNG
    services.posting_publish(actor=None, posting=posting, published=False)
    assert client_as(None).get(reverse("job_photo", args=[photo.pk])).status_code == 404


def test_a_joint_posting_names_member_bodies_of_the_operators_consortium(cast, client_as):
    from django.core.exceptions import ValidationError

    prefecture, town, stranger = cast.bodies["P"], cast.bodies["A"], cast.bodies["F"]
    now = clock.now()
    fields: dict[str, Any] = {
        "title": "県・市町合同 DX推進専門人材",
        "appointment_kind": "fixed_term",
        "fixed_term_basis": "art3_2",
        "head_count": 2,
        "duties": "県と市町のDX推進",
        "requirements": "DX推進の経験",
        "pay_range": "月額 400,000円",
        "channels": ["自団体のページ"],
        "opens_at": now - timedelta(days=1),
        "closes_at": now + timedelta(days=20),
    }
    try:
        services.posting_save(actor=None, body=prefecture, joint_bodies=[stranger], **fields)
    except ValidationError as error:
        assert "連携協議会の参加団体" in str(error)
    else:
        raise AssertionError("a body outside the consortium was accepted")
    posting = services.posting_save(actor=None, body=prefecture, joint_bodies=[town], **fields)
    services.criteria_save(actor=None, posting=posting, lines=[("専門性", 1)])
    services.posting_publish(actor=None, posting=posting, published=True)
    # The town's public list carries the prefecture's joint posting.
    listing = client_as(None).get(reverse("job_list", args=[town.code])).content.decode()
    assert "県・市町合同 DX推進専門人材" in listing
    page = client_as(None).get(reverse("job_detail", args=[posting.pk])).content.decode()
    assert "連携協議会の合同募集です" in page and "甲市" in page
    # A town's own form offers no joint choice: it runs no consortium.
    form = client_as("A.hr").get(reverse("posting_create", args=[town.code])).content.decode()
    assert "合同で募集する団体" not in form


def test_a_body_sets_its_own_stages_and_the_pages_follow(cast, client_as):
    import pytest
    from django.core.exceptions import ValidationError

    from dxjinzai.recruitment.selectors import pipeline_of

    posting = open_posting(cast)
    applicant = apply(posting)
    client = client_as("A.hr")
    code = cast.bodies["A"].code
    stages = ("applied", "screening", "interview_1", "interview_2", "offered", "hired")
    data = {f"label_{s}": "" for s in (*stages, "rejected", "declined")}
    data |= {"label_interview_1": "面接", "use_screening": "on", "use_interview_1": "on"}
    client.post(reverse("pipeline_settings", args=[code]), data)
    page = client.get(reverse("posting_detail", args=[code, posting.pk])).content.decode()
    assert ">面接</option>" in page and "最終面接" not in page
    with pytest.raises(ValidationError, match="「最終面接」の段階を使っていません"):
        services.applicants_move(actor=None, applicants=[applicant], to_stage="interview_2")
    services.applicants_move(actor=None, applicants=[applicant], to_stage="interview_1")
    # A stage someone stands at cannot be dropped: the page says so and nothing changes.
    refused = client.post(reverse("pipeline_settings", args=[code]), data | {"use_interview_1": ""})
    assert "「一次面接」の段階にいる応募者がいるため" in refused.content.decode()
    assert "interview_1" in dict(pipeline_of(cast.bodies["A"]))


def test_hr_corrects_or_cancels_an_interview_not_yet_scored(cast, client_as):
    from dxjinzai.recruitment.models import Interview

    made = build_recruitment_cast(cast)
    interview = made["interview"]
    code = cast.bodies["A"].code
    client = client_as("A.hr")
    url = reverse("interview_edit", args=[code, interview.pk])
    assert 'value="本庁舎 会議室A"' in client.get(url).content.decode()
    client.post(
        url,
        {
            "stage": "interview_1",
            "starts_at": "2026-12-10T10:00",
            "place": "本庁舎 会議室B",
            "panel": [cast.users["A.head"].pk],
        },
    )
    interview.refresh_from_db()
    assert interview.place == "本庁舎 会議室B"
    criteria = list(made["posting"].criteria.all())
    services.score_sheet_save(
        member=cast.users["A.head"],
        interview=interview,
        scores={criteria[0].pk: 3, criteria[1].pk: 3},
        note="",
    )
    client.post(url, {"cancel": "1"})
    assert Interview.unscoped.filter(pk=interview.pk).exists()  # scored: it stays
    second = services.interview_schedule(
        actor=None,
        applicant=made["applicant"],
        stage="interview_2",
        starts_at=clock.now() + timedelta(days=3),
        panel=[cast.users["A.head"]],
    )
    client.post(reverse("interview_edit", args=[code, second.pk]), {"cancel": "1"})
    assert not Interview.unscoped.filter(pk=second.pk).exists()
