"""対応待ち: what waits for each role, on the home page, on its own page and in the header's
figure, each item with the page where it is done, read in a fixed number of queries."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dxjinzai.core import clock
from dxjinzai.core.access import directory
from dxjinzai.dispatch import services as dispatch
from dxjinzai.dispatch.testing import build_dispatch_cast
from dxjinzai.lib.fiscal import fiscal_year_of, fiscal_year_start
from dxjinzai.organizations import services as organizations
from dxjinzai.organizations.attention import waiting_count, waiting_for
from dxjinzai.organizations.rules import AppointmentKind
from dxjinzai.skills import services as skills
from dxjinzai.skills.models import QualificationCategory
from dxjinzai.subsidies.testing import build_subsidy_cast
from dxjinzai.training import services as training
from dxjinzai.training.models import Application
from dxjinzai.training.testing import build_training_cast

TODAY = date(2026, 11, 29)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def _labels(cast, key: str) -> dict[str, int]:
    access = directory().access_for_user(cast.users[key])
    return {w.label: w.count for w in waiting_for(access, today=TODAY, limit=10)}


def _request(made, cast, theme: str):
    return dispatch.request_create(
        actor=None,
        scheme=made["scheme"],
        requester=cast.bodies["A"],
        today=TODAY,
        contact_name="甲市 担当",
        contact_email="kou@example.lg.jp",
        theme=theme,
        fields=["データ活用"],
        desired_date=TODAY + timedelta(days=40),
    )


def test_the_operator_sees_the_requests_received_with_each_request(cast, client_as):
    made = build_dispatch_cast(cast)
    for theme in ("生成AI研修", "RPA導入相談"):
        _request(made, cast, theme)
    html = client_as("P.operator").get(reverse("home")).content.decode()
    url = reverse("dispatch_requests", args=[made["scheme"].pk]) + "?status=received"
    assert "対応を待っているもの" in html
    assert f'<a href="{url}" class="waiting-kind__count">2件' in html
    assert "甲市：生成AI研修（希望日 令和9年1月8日）" in html
    assert html.index("対応を待っているもの") < html.index("連携協議会の参加団体")
    # A requesting town's HR manages no scheme: nothing of it waits for them.
    assert "受付した派遣依頼" not in client_as("A.hr").get(reverse("home")).content.decode()


def test_hr_approves_a_training_application_from_the_inbox(cast, client_as):
    made = build_training_cast(cast, today=TODAY)
    application = training.application_create(
        actor=None, session=made.joint_session, staff=cast.staff["A.unit"], today=TODAY
    )
    client = client_as("A.hr")
    html = client.get(reverse("inbox")).content.decode()
    assert "承認待ちの受講申込" in html
    assert "係員 三郎：DX特別研修（令和8年12月19日）" in html
    assert reverse("application_decide", args=[application.pk]) in html
    response = client.post(
        reverse("application_decide", args=[application.pk]),
        {"decision": "approve", "next": reverse("inbox")},
    )
    assert response["Location"] == reverse("inbox")
    assert Application.unscoped.get(pk=application.pk).status == "approved"
    assert "係員 三郎：DX特別研修" not in client.get(reverse("inbox")).content.decode()


def test_a_decision_never_sends_the_person_off_the_site(cast, client_as):
    made = build_training_cast(cast, today=TODAY)
    application = training.application_create(
        actor=None, session=made.joint_session, staff=cast.staff["A.unit"], today=TODAY
    )
    response = client_as("A.hr").post(
        reverse("application_decide", args=[application.pk]),
        {"decision": "approve", "next": "https://example.com/"},
    )
    assert response["Location"] == reverse("session_detail", args=[made.joint_session.pk])


def test_hr_sees_terms_ending_and_imports_waiting_for_confirmation(cast, client_as):
    organizations.appointment_create(
        actor=None,
        staff=cast.staff["A.other"],
        kind=AppointmentKind.FISCAL_YEAR,
        start_date=fiscal_year_start(fiscal_year_of(TODAY)),
        end_date=TODAY + timedelta(days=30),
    )
    organizations.appointment_create(
        actor=None,
        staff=cast.staff["A.unit"],
        kind=AppointmentKind.FISCAL_YEAR,
        start_date=fiscal_year_start(fiscal_year_of(TODAY)),
        end_date=TODAY + timedelta(days=90),
    )
    labels = _labels(cast, "A.hr")
    assert labels["60日以内に任期が終わる任用・配置"] == 1
    assert "60日以内に任期が終わる任用・配置" not in _labels(cast, "A.staff")
    assert "60日以内に任期が終わる任用・配置" not in _labels(cast, "B.hr")


def test_a_checked_import_waits_for_the_one_who_checked_it(cast, client_as, settings, tmp_path):
    from dxjinzai.organizations.import_jobs import staff_import_start

    data = "職員番号,氏名,フリガナ\n09001,取込 太郎,トリコミ タロウ\n".encode()
    run = staff_import_start(
        actor=cast.users["A.hr"],
        body=cast.bodies["A"],
        filename="職員.csv",
        data=data,
        dry_run=True,
    )
    run.refresh_from_db()
    assert run.stored_file, "a clean dry run keeps its file to be imported as checked"
    assert _labels(cast, "A.hr")["確認済みで取込を待っているファイル"] == 1
    assert "確認済みで取込を待っているファイル" not in _labels(cast, "A.admin")


def test_the_person_sees_surveys_and_expiring_qualifications(cast):
    build_training_cast(cast, today=TODAY)
    qualification = skills.qualification_create(
        actor=None, body=cast.bodies["A"], name="テスト資格", category=QualificationCategory.OTHER
    )
    skills.qualification_holding_create(
        actor=None,
        staff=cast.staff["A.member"],
        qualification=qualification,
        acquired_on=date(2023, 12, 1),
        expires_on=TODAY + timedelta(days=60),
        today=TODAY,
    )
    labels = _labels(cast, "A.staff")
    # The own session of the training cast ended three days ago and was not yet answered.
    assert labels["研修後の理解度アンケート（未回答）"] == 1
    assert labels["90日以内に有効期限が来る資格"] == 1
    assert "90日以内に有効期限が来る資格" not in _labels(cast, "A.hr")


def test_nominated_sessions_wait_for_the_person(cast):
    made = build_training_cast(cast, today=TODAY)
    training.application_create(
        actor=cast.users["A.head"],
        session=made.joint_session,
        staff=cast.staff["A.head"],
        today=TODAY,
        nominated=True,
    )
    assert _labels(cast, "A.head")["推薦された研修回"] == 1
    assert "推薦された研修回" not in _labels(cast, "A.staff")


def test_the_head_sees_members_missing_a_mandatory_course(cast):
    build_training_cast(cast, today=TODAY)
    labels = _labels(cast, "A.head")
    # The town's yearly mandatory course: the members of デジタル推進課 and its 係 who have
    # not completed it this fiscal year (the head included).
    assert labels["甲市：所属の職員の必須研修（未修了）"] == 3
    assert "甲市：所属の職員の必須研修（未修了）" not in _labels(cast, "A.staff")


def test_the_header_counts_every_item(cast, client_as):
    made = build_dispatch_cast(cast)
    _request(made, cast, "生成AI研修")
    access = directory().access_for_user(cast.users["P.operator"])
    total = waiting_count(access, today=TODAY)
    assert total == sum(w.count for w in waiting_for(access, today=TODAY)) >= 1
    client = client_as("P.operator")
    # The page names where its figure comes from; the figure itself is asked for after load.
    html = client.get(reverse("body_list")).content.decode()
    assert f'data-count-from="{reverse("inbox_count")}"' in html
    assert client.get(reverse("inbox_count")).json() == {"count": total}


def test_nothing_waiting_says_so(cast, client_as):
    html = client_as("F.admin").get(reverse("inbox")).content.decode()
    assert "いま対応を待っているものはありません。" in html


def _query_count(cast, key: str) -> int:
    access = directory().access_for_user(cast.users[key])
    cache.clear()  # HR's overdue list is kept between calls: count its reading too
    with CaptureQueriesContext(connection) as captured:
        waiting = waiting_for(access, today=TODAY, limit=50)
    assert waiting, f"{key} has nothing waiting: the count would prove nothing"
    return len(captured.captured_queries)


def _more_of_everything(cast, made_training, made_dispatch, numbers: range) -> None:
    """More items of each kind that waits for HR, the operator and the person."""
    year_start = fiscal_year_start(fiscal_year_of(TODAY))
    for i in numbers:
        staff = organizations.staff_create(
            actor=None,
            body=cast.bodies["A"],
            number=f"0{7100 + i}",
            family_name="追加",
            given_name=f"{i}郎",
            family_name_kana="ツイカ",
            given_name_kana="ロウ",
            department=cast.departments["A.digital"],
            hire_date=date(2020, 4, 1),
        )
        organizations.appointment_create(
            actor=None,
            staff=staff,
            kind=AppointmentKind.FISCAL_YEAR,
            start_date=year_start,
            end_date=TODAY + timedelta(days=10 + i),
        )
        training.application_create(
            actor=None, session=made_training.joint_session, staff=staff, today=TODAY
        )
        _request(made_dispatch, cast, f"相談{i}")
        qualification = skills.qualification_create(
            actor=None, body=cast.bodies["A"], name=f"資格{i}", category=QualificationCategory.OTHER
        )
        skills.qualification_holding_create(
            actor=None,
            staff=cast.staff["A.member"],
            qualification=qualification,
            acquired_on=date(2023, 12, 1),
            expires_on=TODAY + timedelta(days=30 + i),
            today=TODAY,
        )


def test_each_role_reads_its_inbox_in_a_fixed_number_of_queries(cast):
    made_training = build_training_cast(cast, today=TODAY)
    made_dispatch = build_dispatch_cast(cast)
    build_subsidy_cast(cast)
    roles = ("A.hr", "A.admin", "A.head", "A.staff", "P.operator", "P.expert")
    _more_of_everything(cast, made_training, made_dispatch, range(1))
    few = {key: _query_count(cast, key) for key in roles}
    _more_of_everything(cast, made_training, made_dispatch, range(1, 7))
    many = {key: _query_count(cast, key) for key in roles}
    assert many == few
    access = directory().access_for_user(cast.users["A.hr"])
    assert {w.label: w.count for w in waiting_for(access, today=TODAY)}[
        "60日以内に任期が終わる任用・配置"
    ] == 7


def test_the_header_figure_is_kept_a_while_and_forgotten_on_a_change(cast, client_as):
    made = build_dispatch_cast(cast)
    _request(made, cast, "生成AI研修")
    client = client_as("P.operator")
    before = client.get(reverse("inbox_count")).json()["count"]
    # Someone else's new request shows once the kept figure expires (or I change something).
    _request(made, cast, "RPA導入相談")
    assert client.get(reverse("inbox_count")).json()["count"] == before
    client.post(reverse("logout") + "x")  # any POST of mine, even one that fails
    assert client.get(reverse("inbox_count")).json()["count"] == before + 1


def test_hr_overdue_list_is_kept_for_minutes(cast, monkeypatch):
    from dxjinzai.training import attention

    build_training_cast(cast, today=TODAY)
    access = directory().access_for_user(cast.users["A.hr"])
    calls = []
    real = attention.missing_list

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(attention, "missing_list", counted)
    first = list(attention.overdue_in_my_bodies(access, TODAY, 5))
    again = list(attention.overdue_in_my_bodies(access, TODAY, 5))
    assert first == again and len(calls) == 1


def test_the_home_list_is_kept_with_the_figure_and_read_afresh_when_roles_change(cast, client_as):
    made = build_dispatch_cast(cast)
    _request(made, cast, "生成AI研修")
    client = client_as("P.operator")

    def shown() -> dict[str, int]:
        waiting = client.get(reverse("home")).context["waiting"]
        return {kind.label: kind.count for kind in waiting}

    before = shown()
    assert sum(before.values()) == client.get(reverse("inbox_count")).json()["count"] >= 1
    _request(made, cast, "RPA導入相談")
    assert shown() == before  # kept: another person's change shows a little later
    afresh = client.get(reverse("inbox")).context["waiting"]  # the inbox page reads afresh
    assert sum(kind.count for kind in afresh) == sum(before.values()) + 1
    organizations.role_grant_create(
        actor=None,
        user=cast.users["P.operator"],
        body=cast.bodies["P"],
        role="hr_officer",
    )
    assert sum(shown().values()) > sum(before.values())  # new roles: read afresh


def test_a_kept_list_reads_back_as_it_was():
    from dxjinzai.organizations.attention import Decision, Item, Waiting
    from dxjinzai.organizations.middleware import _stored, _waiting_from

    waiting = Waiting(
        "派遣依頼（受付）",
        4,
        "/dispatch/",
        "件",
        (
            Item("dispatch.request:1", "生成AI研修", "/r/1/", date(2026, 12, 1)),
            Item(
                "training.application:2",
                "職員 次郎",
                "/a/2/",
                None,
                Decision("/a/2/decide/", (("approve", "承認"), ("reject", "却下"))),
            ),
        ),
    )
    assert _waiting_from(_stored(waiting)) == waiting
