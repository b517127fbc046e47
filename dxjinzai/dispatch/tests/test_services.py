"""Dispatch services and pages: bad input refused in Japanese, caps and availability kept,
suggestions explained, the status flow, payments with withholding, statistics."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dxjinzai.core import clock
from dxjinzai.dispatch import selectors, services
from dxjinzai.dispatch.models import Activity, DispatchRequest, ExpertUnavailableDay, RequestStatus
from dxjinzai.dispatch.testing import build_dispatch_cast
from dxjinzai.lib.fiscal import wareki
from dxjinzai.organizations.access import access_for_user
from dxjinzai.organizations.middleware import WAITING_KEPT_FOR

TODAY = date(2026, 11, 26)


@pytest.fixture
def made(cast):
    return build_dispatch_cast(cast)


def _request(cast, made, requester=None, **overrides):
    fields: dict[str, Any] = {
        "contact_name": "担当",
        "contact_email": "a@example.lg.jp",
        "theme": "情報セキュリティ研修",
        "fields": ["情報セキュリティ"],
        "desired_date": date(2027, 1, 20),
    } | overrides
    return services.request_create(
        actor=None,
        scheme=made["scheme"],
        requester=requester or cast.bodies["A"],
        today=TODAY,
        **fields,
    )


def test_request_needs_a_field_and_a_future_date(cast, made):
    before = DispatchRequest.unscoped.count()
    with pytest.raises(ValidationError) as error:
        _request(cast, made, fields=[], desired_date=date(2026, 1, 1))
    assert error.value.message_dict == {
        "desired_date": ["希望日に過去の日付は指定できません。"],
        "fields": ["必要な専門分野を1つ以上選んでください。"],
    }
    assert DispatchRequest.unscoped.count() == before


def test_only_members_of_the_consortium_may_request(cast, made):
    with pytest.raises(ValidationError, match="連携協議会の参加団体のみ"):
        _request(cast, made, requester=cast.bodies["F"])


def test_assignment_keeps_caps_and_availability(cast, made):
    expert = made["expert"]
    dispatch_request = _request(cast, made, fields=["データ活用"], desired_date=date(2026, 12, 15))
    ExpertUnavailableDay.objects.create(expert=expert, day=date(2026, 12, 15))
    with pytest.raises(ValidationError, match="対応できません"):
        services.request_assign(actor=None, dispatch_request=dispatch_request, expert=expert)
    ExpertUnavailableDay.objects.all().delete()
    expert.monthly_cap = 1  # the cast's December activity already uses it
    expert.save()
    with pytest.raises(ValidationError, match="12月の上限（1件）"):
        services.request_assign(actor=None, dispatch_request=dispatch_request, expert=expert)
    dispatch_request.refresh_from_db()
    assert dispatch_request.expert is None


@pytest.mark.parametrize("minutes", [0, 25 * 60])
def test_activity_of_zero_or_25_hours_is_refused(cast, made, minutes):
    with pytest.raises(ValidationError) as error:
        services.activity_record(
            actor=None, dispatch_request=made["request"], day=date(2026, 12, 10), minutes=minutes
        )
    assert error.value.message_dict["minutes"] == [
        "活動時間は0分より長く24時間以内で入力してください。"
    ]


def test_status_flow_refuses_a_jump(cast, made):
    dispatch_request = _request(cast, made)
    with pytest.raises(ValidationError, match="「受付」から「報告済」には変更できません"):
        services.request_transition(
            actor=None, dispatch_request=dispatch_request, status=RequestStatus.REPORTED
        )


def test_transition_mails_the_requester(cast, made, mailoutbox, django_capture_on_commit_callbacks):
    dispatch_request = _request(cast, made)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_transition(
            actor=None, dispatch_request=dispatch_request, status=RequestStatus.ARRANGING
        )
    assert mailoutbox[-1].to == ["a@example.lg.jp"]
    assert "調整中" in mailoutbox[-1].body


def test_suggestions_rank_with_reasons_and_leave_out_who_cannot_go(cast, made):
    dispatch_request = _request(cast, made, fields=["データ活用", "プログラミング教育"])
    operator = access_for_user(cast.users["P.operator"])
    ranked = selectors.suggestions(operator, dispatch_request)
    assert [s.expert.name for s in ranked] == ["派遣 一郎"]
    assert ranked[0].reasons[0] == "分野：データ活用、プログラミング教育（2/2）"


def test_batch_confirm_assigns_the_optimal_proposal(cast, made, client_as):
    _request(cast, made, theme="A", fields=["情報セキュリティ"])
    _request(cast, made, theme="B", fields=["データ活用"])
    client = client_as("P.operator")
    page = client.get(reverse("dispatch_matching", args=[made["scheme"].pk])).content.decode()
    assert "予備 二郎" in page and "派遣 一郎" in page
    client.post(reverse("dispatch_matching", args=[made["scheme"].pk]))
    decided = dict(
        DispatchRequest.unscoped.filter(theme__in=["A", "B"]).values_list("theme", "expert__name")
    )
    assert decided == {"A": "予備 二郎", "B": "派遣 一郎"}


def test_expert_reports_and_payment_shows_honorarium_and_withholding(cast, made, client_as):
    activity = made["activity"]
    client = client_as("P.expert")
    client.post(
        reverse("dispatch_activity_report", args=[made["scheme"].pk, activity.pk]),
        {"report": "実施しました"},
    )
    activity.refresh_from_db()
    assert activity.reported and activity.request.status == RequestStatus.REPORTED
    lines = selectors.payment_lines(
        access_for_user(cast.users["P.admin"]),
        made["scheme"],
        first=date(2026, 12, 1),
        last=date(2026, 12, 31),
    )
    # 150 min: five half-hours × 2,500 = 12,500 yen; 10.21% = 1,276.25 → 1,276 yen
    assert [(line.honorarium, line.withholding, line.net) for line in lines] == [
        (12_500, 1_276, 11_224)
    ]
    html = (
        client_as("P.admin")
        .get(reverse("dispatch_payments", args=[made["scheme"].pk]) + "?month=2026-12")
        .content.decode()
    )
    assert "12,500" in html and "1,276" in html and "テスト銀行" in html


def test_unreported_activity_is_listed_as_not_payable(cast, made, client_as):
    url = reverse("dispatch_payments", args=[made["scheme"].pk]) + "?month=2026-12"
    html = client_as("P.admin").get(url).content.decode()
    assert "専門家の報告がまだのため、支払の対象にしていません" in html and "派遣 一郎" in html


def test_unreported_activity_is_not_paid(cast, made):
    lines = selectors.payment_lines(
        access_for_user(cast.users["P.admin"]),
        made["scheme"],
        first=date(2026, 12, 1),
        last=date(2026, 12, 31),
    )
    assert lines == []


def test_statistics_count_bodies_dispatches_and_experts(cast, made, client_as):
    html = (
        client_as("P.operator")
        .get(reverse("dispatch_statistics", args=[made["scheme"].pk]))
        .content.decode()
    )
    assert "令和8年度" in html
    rows = selectors.statistics(access_for_user(cast.users["P.operator"]), made["scheme"])
    assert [(r.fiscal_year, r.bodies_served, r.dispatches, r.experts) for r in rows] == [
        (2026, 1, 1, 1)
    ]


def test_expert_sees_only_requests_given_to_them(cast, made):
    _request(cast, made, theme="他の依頼")
    expert_access = access_for_user(cast.users["P.expert"])
    assert [r.theme for r in selectors.request_list(expert_access, made["scheme"])] == [
        "職員向けデータ活用研修"
    ]
    requester_b = access_for_user(cast.users["B.hr"])
    assert not selectors.request_list(requester_b, made["scheme"]).exists()


def test_bank_details_stay_off_the_expert_register(cast, made, client_as):
    html = client_as("P.operator").get(
        reverse("dispatch_experts", args=[made["scheme"].pk]) + "?export=csv"
    )
    assert "テスト銀行" not in b"".join(html.streaming_content).decode("utf-8-sig")


def test_member_files_a_request_through_the_page(cast, made, client_as):
    response = client_as("A.hr").post(
        reverse("dispatch_request_create", args=[made["scheme"].pk]),
        {
            "requester": cast.bodies["A"].pk,
            "contact_name": "甲市 人事",
            "contact_email": "hr@example.lg.jp",
            "theme": "生成AIの使い方",
            "fields": ["データ活用"],
            "desired_date": "2027-02-01",
            "expected_minutes": "120",
            "participants": "30",
        },
    )
    assert response.status_code == 302
    assert DispatchRequest.unscoped.filter(
        theme="生成AIの使い方", requester=cast.bodies["A"]
    ).exists()
    assert Activity.unscoped.count() == 1


def _statement(cast, made, client_as, query):
    services.activity_report(actor=None, activity=made["activity"], report="実施しました")
    url = reverse("dispatch_payment_statement", args=[made["scheme"].pk, made["expert"].pk])
    return client_as("P.admin").get(url + query)


def test_payment_statement_pdf_shows_japanese_text(cast, made, client_as):
    import shutil
    import subprocess

    pdf = _statement(cast, made, client_as, "?month=2026-12")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF") and b"HeiseiKakuGo-W5" in pdf.content
    if not shutil.which("pdftotext"):
        pytest.skip(
            "pdftotext（poppler-utils）がないため本文を確認できません。scripts/test が root で入れます。"
        )
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True
    ).stdout.decode()
    assert "謝金等支払明細書" in text and "令和8年12月分" in text and "1,276円" in text


def test_payment_statement_xlsx_for_a_fiscal_year(cast, made, client_as):
    import io

    from openpyxl import load_workbook

    response = _statement(cast, made, client_as, "?fiscal_year=2026&format=xlsx")
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert rows[0][6:10] == ("謝金", "旅費", "源泉徴収税額", "差引支払額")
    # Amounts are number cells, so that the accounts can add them up.
    assert rows[1][6:10] == (12500, 0, 1276, 11224)


def test_times_decide_the_length_of_an_activity(cast, made):
    from datetime import time

    dispatch_request = made["request"]
    activity = services.activity_record(
        actor=None,
        dispatch_request=dispatch_request,
        day=date(2026, 12, 10),
        start_time=time(13, 30),
        end_time=time(15, 0),
    )
    assert activity.minutes == 90
    with pytest.raises(ValidationError) as error:
        services.activity_record(
            actor=None,
            dispatch_request=dispatch_request,
            day=date(2026, 12, 10),
            start_time=time(15, 0),
            end_time=time(13, 0),
        )
    assert error.value.message_dict["end_time"] == ["終了時刻は開始時刻より後にしてください。"]


def test_distance_band_travel_in_the_payment(cast, made):
    scheme = made["scheme"]
    services.scheme_update(
        actor=None,
        scheme=scheme,
        travel_rule="distance_band",
        travel_bands=[[25, 1000], [50, 2000]],
    )
    activity = made["activity"]
    activity.distance_km = 40
    activity.save()
    services.activity_report(actor=None, activity=activity, report="済")
    lines = selectors.payment_lines(
        access_for_user(cast.users["P.admin"]),
        scheme,
        first=date(2026, 12, 1),
        last=date(2026, 12, 31),
    )
    # 12,500 honorarium + 2,000 travel (26–50 km); (14,500 × 10.21%) = 1,480.45 → 1,480
    assert [(line.honorarium, line.travel, line.withholding) for line in lines] == [
        (12_500, 2_000, 1_480)
    ]


def test_the_decided_expert_accepts_the_date(cast, made, client_as):
    dispatch_request = _request(cast, made, fields=["データ活用"], desired_date=date(2027, 1, 21))
    services.request_assign(actor=None, dispatch_request=dispatch_request, expert=made["expert"])
    url = reverse("dispatch_request_confirm", args=[made["scheme"].pk, dispatch_request.pk])
    assert client_as("A.hr").post(url).status_code == 403
    assert client_as("P.expert").post(url).status_code == 302
    dispatch_request.refresh_from_db()
    assert dispatch_request.expert_confirmed_at is not None


def test_scheme_settings_page_edits_the_rules(cast, made, client_as):
    url = reverse("dispatch_settings", args=[made["scheme"].pk])
    data = {
        "name": "テスト県専門家派遣",
        "fields_catalogue": "プログラミング教育\nデータ活用\n情報セキュリティ\n生成AI",
        "threshold_minutes": "240",
        "amount_at_threshold": "20000",
        "hourly_amount": "5000",
        "unit_minutes": "30",
        "rounding": "down",
        "travel_rule": "distance_band",
        "travel_fixed_amount": "0",
        "travel_bands": "50:2000, 25:1000",
    }
    html = client_as("P.operator").post(url, data).content.decode()
    assert "距離区分は距離の短い順に" in html
    response = client_as("P.operator").post(url, data | {"travel_bands": "25:1000, 50:2000"})
    assert response.status_code == 302
    scheme = made["scheme"]
    scheme.refresh_from_db()
    assert scheme.travel_bands == [[25, 1000], [50, 2000]] and "生成AI" in scheme.fields_catalogue


def test_expert_marks_unavailable_days_and_suggestions_follow(cast, made, client_as):
    dispatch_request = _request(cast, made, fields=["データ活用"], desired_date=date(2027, 1, 22))
    operator = access_for_user(cast.users["P.operator"])
    assert [s.expert.name for s in selectors.suggestions(operator, dispatch_request)] == [
        "派遣 一郎"
    ]
    url = reverse("dispatch_expert_availability", args=[made["scheme"].pk, made["expert"].pk])
    response = client_as("P.expert").post(url, {"unavailable_days": "令和9年1月22日\n2027-01-23"})
    assert response.status_code == 302
    assert selectors.suggestions(operator, dispatch_request) == []


def test_a_decided_day_cannot_be_marked_unavailable(cast, made):
    dispatch_request = _request(cast, made, fields=["データ活用"], desired_date=date(2027, 1, 22))
    services.request_assign(actor=None, dispatch_request=dispatch_request, expert=made["expert"])
    with pytest.raises(ValidationError, match="2027-01-22 は派遣が決まっています"):
        services.expert_set_unavailable_days(
            actor=None, expert=made["expert"], days=[date(2027, 1, 22)]
        )
    assert not ExpertUnavailableDay.objects.exists()


def test_batch_problem_reads_availability_once_whatever_the_number_of_requests(cast, made):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    operator = access_for_user(cast.users["P.operator"])

    def queries_for_batch() -> int:
        with CaptureQueriesContext(connection) as captured:
            selectors.batch_problem(operator, made["scheme"])
        return len(captured)

    _request(cast, made, theme="一件目")
    one = queries_for_batch()
    for n in range(5):
        _request(cast, made, theme=f"追加{n}")
    assert queries_for_batch() == one


def test_only_reported_activities_are_paid_once(cast, made, client_as):
    activity = made["activity"]  # carried out on 2026-12-10, not reported yet
    with pytest.raises(ValidationError, match="報告がまだのため支払えません"):
        services.activities_mark_paid(
            actor=None,
            scheme=made["scheme"],
            activity_ids=[activity.pk],
            paid_on=date(2027, 1, 10),
            today=date(2027, 1, 15),
        )
    services.activity_report(actor=None, activity=activity, report="実施しました")
    with pytest.raises(ValidationError, match="未来の日付"):
        services.activities_mark_paid(
            actor=None,
            scheme=made["scheme"],
            activity_ids=[activity.pk],
            paid_on=date(2027, 1, 20),
            today=date(2027, 1, 15),
        )
    activity.refresh_from_db()
    assert activity.paid_on is None
    services.activities_mark_paid(
        actor=None,
        scheme=made["scheme"],
        activity_ids=[activity.pk],
        paid_on=date(2027, 1, 10),
        today=date(2027, 1, 15),
    )
    activity.refresh_from_db()
    assert activity.paid_on == date(2027, 1, 10)
    with pytest.raises(ValidationError, match="支払済です"):
        services.activities_mark_paid(
            actor=None,
            scheme=made["scheme"],
            activity_ids=[activity.pk],
            paid_on=date(2027, 1, 10),
            today=date(2027, 1, 15),
        )


def test_the_paying_officer_ticks_payments_on_the_page(cast, made, client_as):
    from datetime import timedelta

    activity = made["activity"]
    services.activity_report(actor=None, activity=activity, report="実施しました")
    with pytest.raises(ValidationError, match="実施日より前"):
        services.activities_mark_paid(
            actor=None,
            scheme=made["scheme"],
            activity_ids=[activity.pk],
            paid_on=activity.day - timedelta(days=1),
            today=activity.day,
        )
    # Carried out last week, so that it can be paid today.
    done_on = date.today() - timedelta(days=7)
    Activity.unscoped.filter(pk=activity.pk).update(day=done_on)
    month = f"{done_on:%Y-%m}"
    client = client_as("P.admin")
    url = reverse("dispatch_payments_paid", args=[made["scheme"].pk])
    response = client.post(
        url, {"activity": [activity.pk], "paid_on": date.today().isoformat(), "month": month}
    )
    assert response["Location"].endswith(f"?month={month}")
    activity.refresh_from_db()
    assert activity.paid_on == date.today()
    page = client.get(reverse("dispatch_payments", args=[made["scheme"].pk]), {"month": month})
    assert f"{wareki(date.today())}支払済" in page.content.decode()


def test_experts_carry_skill_items_and_qualifications_of_the_talent_framework(
    cast, made, client_as
):
    from dxjinzai.skills.models import SkillItem
    from dxjinzai.skills.services import framework_load_preset
    from dxjinzai.training.testing import national

    framework = framework_load_preset(actor=None, body=cast.bodies["P"], key="aichi")
    rpa = SkillItem.objects.get(category__framework=framework, name="RPA")
    specialist = national("情報処理安全確保支援士")
    response = client_as("P.admin").post(
        reverse("dispatch_expert_create", args=[made["scheme"].pk]),
        {
            "name": "資格 三郎",
            "fields": ["情報セキュリティ"],
            "skill_items": [rpa.pk],
            "qualifications": [specialist.pk],
            "monthly_cap": 2,
            "yearly_cap": 10,
            "online": "on",
        },
    )
    assert response.status_code == 302
    expert = made["scheme"].experts.get(name="資格 三郎")
    assert list(expert.skill_items.all()) == [rpa]
    assert list(expert.qualifications.all()) == [specialist]
    listing = client_as("P.admin").get(reverse("dispatch_experts", args=[made["scheme"].pk]))
    assert "資格：情報処理安全確保支援士" in listing.content.decode()


def test_alternative_dates_the_expert_takes_the_first_they_can(cast, made):
    expert = made["expert"]
    first, second, third = date(2027, 1, 20), date(2027, 1, 22), date(2027, 1, 27)
    ExpertUnavailableDay.objects.create(expert=expert, day=first)
    dispatch_request = _request(
        cast, made, fields=["データ活用"], desired_date=first, alternative_dates=[second, third]
    )
    assert dispatch_request.desired_dates == [first, second, third]
    access = access_for_user(cast.users["P.operator"])
    suggestion = next(
        s for s in selectors.suggestions(access, dispatch_request) if s.expert == expert
    )
    assert any("第2希望の1月22日は対応可" in reason for reason in suggestion.reasons)
    services.request_assign(actor=None, dispatch_request=dispatch_request, expert=expert)
    dispatch_request.refresh_from_db()
    assert dispatch_request.decided_date == second
    assert dispatch_request.scheduled_date == second
    # The decided day is now taken: it cannot be marked unavailable.
    assert dispatch_request.status == RequestStatus.DECIDED
    with pytest.raises(ValidationError, match="2027-01-22 は派遣が決まっています"):
        services.expert_set_unavailable_days(actor=None, expert=expert, days=[second])


def test_no_choice_possible_is_refused_with_each_reason(cast, made):
    expert = made["expert"]
    first, second = date(2027, 2, 3), date(2027, 2, 4)
    for day in (first, second):
        ExpertUnavailableDay.objects.create(expert=expert, day=day)
    dispatch_request = _request(
        cast, made, fields=["データ活用"], desired_date=first, alternative_dates=[second]
    )
    with pytest.raises(ValidationError) as refused:
        services.request_assign(actor=None, dispatch_request=dispatch_request, expert=expert)
    assert "2027年2月3日" in str(refused.value) and "2027年2月4日" in str(refused.value)
    dispatch_request.refresh_from_db()
    assert dispatch_request.expert is None and dispatch_request.decided_date is None


def test_alternative_dates_in_the_past_or_twice_are_refused(cast, made):
    with pytest.raises(ValidationError, match="第2・第3希望日に過去の日付"):
        _request(cast, made, alternative_dates=[date(2026, 1, 1)])
    with pytest.raises(ValidationError, match="同じ日を2回"):
        _request(cast, made, desired_date=date(2027, 1, 20), alternative_dates=[date(2027, 1, 20)])
    assert not DispatchRequest.unscoped.filter(theme="情報セキュリティ研修").exists()


def test_the_request_form_takes_second_and_third_choices(cast, made, client_as):
    response = client_as("A.hr").post(
        reverse("dispatch_request_create", args=[made["scheme"].pk]),
        {
            "requester": cast.bodies["A"].pk,
            "contact_name": "担当",
            "contact_email": "a@example.lg.jp",
            "theme": "生成AI研修",
            "fields": ["データ活用"],
            "desired_date": "2027-03-01",
            "alternative_date_1": "2027-03-05",
            "expected_minutes": "120",
            "participants": "20",
        },
    )
    assert response.status_code == 302
    made_request = DispatchRequest.unscoped.get(theme="生成AI研修")
    assert made_request.alternative_dates == ["2027-03-05"]


def test_an_activity_waits_for_the_experts_acceptance_and_the_decided_date(cast, made):
    from datetime import UTC, datetime

    from dxjinzai.dispatch.rules import activity_date_problem

    not_accepted = activity_date_problem(
        day=date(2027, 1, 20), decided_date=date(2027, 1, 20), awaits_expert_acceptance=True
    )
    assert not_accepted and "まだ日程を承諾していません" in not_accepted
    too_early = activity_date_problem(
        day=date(2027, 1, 19), decided_date=date(2027, 1, 20), awaits_expert_acceptance=False
    )
    assert too_early and "実施予定日（2027年1月20日）より前です" in too_early
    assert (
        activity_date_problem(
            day=date(2027, 1, 20), decided_date=date(2027, 1, 20), awaits_expert_acceptance=False
        )
        is None
    )
    # The expert with an account (派遣 一郎) has not accepted the date yet: nothing payable.
    new = _request(cast, made)
    services.request_assign(actor=None, dispatch_request=new, expert=made["expert"])
    with pytest.raises(ValidationError, match="まだ日程を承諾していません"):
        services.activity_record(
            actor=None, dispatch_request=new, day=date(2027, 1, 20), minutes=60
        )
    services.request_expert_confirm(
        actor=cast.users["P.expert"], dispatch_request=new, now=datetime(2026, 12, 1, tzinfo=UTC)
    )
    with pytest.raises(ValidationError, match="より前です"):
        services.activity_record(
            actor=None, dispatch_request=new, day=date(2027, 1, 19), minutes=60
        )
    assert not Activity.unscoped.filter(request=new).exists()
    services.activity_record(actor=None, dispatch_request=new, day=date(2027, 1, 20), minutes=60)
    # An expert without an account is arranged with by the office, which records the outcome.
    other = _request(cast, made, fields=["情報セキュリティ"])
    spare = made["scheme"].experts.get(name="予備 二郎")
    services.request_assign(actor=None, dispatch_request=other, expert=spare)
    services.activity_record(actor=None, dispatch_request=other, day=date(2027, 1, 20), minutes=60)


def test_the_experts_home_shows_their_own_work_only(cast, made, client_as, monkeypatch):
    client = client_as("P.expert")
    html = client.get(reverse("home")).content.decode()
    assert "専門家派遣：報告を待っている実績" in html
    assert "甲市：職員向けデータ活用研修（令和8年12月10日実施）" in html
    assert "日程の承諾を待っている派遣" not in html  # none waits: a zero is not shown
    assert ">団体一覧<" not in html  # the bodies' pages are not the expert's
    new = _request(cast, made)
    services.request_assign(actor=None, dispatch_request=new, expert=made["expert"])
    # What waits is kept for a while (organizations.middleware); past that, read afresh.
    later = clock.now() + timedelta(seconds=WAITING_KEPT_FOR + 1)
    monkeypatch.setattr(clock, "now", lambda: later)
    html = client.get(reverse("home")).content.decode()
    assert "専門家派遣：日程の承諾を待っている派遣" in html
    assert '?status=decided" class="waiting-kind__count">1件<' in html
    # Another body's officer sees none of the expert's cards.
    assert "報告を待っている実績" not in client_as("A.hr").get(reverse("home")).content.decode()


def test_a_request_keeps_the_day_it_was_received(cast, made, client_as):
    from dxjinzai.lib.fiscal import wareki

    received = _request(cast, made)
    assert received.received_on == TODAY
    listing = client_as("P.operator").get(reverse("dispatch_requests", args=[made["scheme"].pk]))
    assert wareki(TODAY) in listing.content.decode()


def test_requests_recorded_before_the_field_are_received_on_their_creation_day(cast, made):
    from importlib import import_module

    from django.apps import apps
    from django.utils import timezone

    migration = import_module("dxjinzai.dispatch.migrations.0007_request_received_on")
    DispatchRequest.unscoped.update(received_on=None)
    migration.received_on_from_creation(apps, None)
    for request in DispatchRequest.unscoped.all():
        assert request.received_on == timezone.localtime(request.created_at).date()
