"""The pages of adviser terms, as 三宅町's officer and its adviser use them: appoint with an
account, log a meeting with its issues, post an idea, file the report, accept it and print
it, renew, convert; the lists download; the inbox says what waits."""

import csv
import io
import shutil
import subprocess
from datetime import timedelta

import pytest
from django.urls import reverse

from dxjinzai.advisers.models import AdviserContract, AdviserTerm, Idea, Issue, Meeting
from dxjinzai.advisers.testing import build_advisers_cast
from dxjinzai.core import clock
from dxjinzai.organizations.access import access_for_user
from dxjinzai.organizations.attention import waiting_for


def _url(cast, name, *args):
    return reverse(name, args=[cast.bodies["A"].code, *args])


def test_the_officer_appoints_an_adviser_who_then_signs_in_and_logs_a_meeting(
    cast, client, client_as
):
    today = clock.today()
    response = client_as("A.hr").post(
        _url(cast, "term_create"),
        {
            "title": "DXアドバイザー",
            "theme": "dx",
            "adviser_name": "複業 太郎",
            "starts_on": today.isoformat(),
            "ends_on": "",
            "fee": "400000",
            "new_username": "fukugyo-taro",
            "new_password": "fukugyo-password-2026",
        },
    )
    term = AdviserTerm.unscoped.get(adviser_name="複業 太郎")
    assert response.status_code == 302
    assert term.ends_on > today + timedelta(days=110)  # four months
    assert term.adviser.check_password("fukugyo-password-2026")
    client.logout()
    client.force_login(term.adviser)
    home = client.get(reverse("my_terms")).content.decode()
    assert "DXアドバイザー" in home and "甲市" in home
    response = client.post(
        _url(cast, "meeting_create", term.pk),
        {
            "held_on": today.isoformat(),
            "attendees": "複業 太郎、デジタル推進課",
            "minutes": "現状の聞き取り",
            "issue_lines": "紙の回覧が多い\n問い合わせの電話が多い\n",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.unscoped.get(term=term)
    assert list(meeting.issues.values_list("title", flat=True)) == [
        "紙の回覧が多い",
        "問い合わせの電話が多い",
    ]
    first = Issue.unscoped.filter(term=term).order_by("pk").first()
    form = client.get(_url(cast, "idea_create", term.pk) + f"?issue={first.pk}").content.decode()
    assert "No.1 紙の回覧が多い" in form and "担当所属" not in form
    response = client.post(
        _url(cast, "idea_create", term.pk),
        {"title": "回覧の電子化", "issues": [first.pk], "meeting": meeting.pk},
    )
    assert response.status_code == 302
    board = client.get(_url(cast, "term_board", term.pk)).content.decode()
    assert "回覧の電子化" in board and "No.1" in board


def test_the_adviser_of_one_term_cannot_write_on_another(cast, client_as):
    made = build_advisers_cast(cast)
    other = AdviserTerm.unscoped.create(
        body=cast.bodies["A"],
        title="広報戦略アドバイザー",
        theme="public_relations",
        adviser_name="広報 花子",
        starts_on=made["term"].starts_on,
        ends_on=made["term"].ends_on,
    )
    client = client_as("A.adviser")
    assert client.get(_url(cast, "term_detail", other.pk)).status_code == 404
    assert client.get(_url(cast, "meeting_create", other.pk)).status_code == 404
    # A member of the town reads the board but does not write on it.
    staff = client_as("A.staff")
    assert staff.get(_url(cast, "term_board", made["term"].pk)).status_code == 200
    assert staff.get(_url(cast, "idea_create", made["term"].pk)).status_code == 403


def test_the_report_is_filed_accepted_and_printed_in_japanese(cast, client_as):
    made = build_advisers_cast(cast)
    term = made["term"]
    adviser = client_as("A.adviser")
    response = adviser.post(
        _url(cast, "report_edit", term.pk), {"text": "窓口のオンライン化を提案しました。"}
    )
    assert response.status_code == 302
    hr = client_as("A.hr")
    assert "報告を受理する" in hr.get(_url(cast, "term_detail", term.pk)).content.decode()
    assert hr.post(_url(cast, "report_accept", term.pk)).status_code == 302
    Idea.unscoped.filter(pk=made["idea"].pk).update(status="adopted")
    pdf = hr.get(_url(cast, "report_pdf", term.pk))
    assert pdf["Content-Type"] == "application/pdf"
    if not shutil.which("pdftotext"):
        pytest.skip(
            "pdftotext（poppler-utils）がないため本文を確認できません。scripts/test が root で入れます。"
        )
    text = subprocess.run(
        ["pdftotext", "-", "-"],
        input=b"".join(pdf.streaming_content),
        capture_output=True,
        check=True,
    ).stdout.decode()
    flat = text.replace(" ", "").replace("\u3000", "")
    assert "アドバイザー任期の報告" in flat and "外部一子" in flat and "甲市" in flat
    assert "ミーティング1回" in flat and "課題2件" in flat and "解決アイデア1件" in flat
    assert "窓口のオンライン化を提案しました。" in flat
    assert "申請のオンライン化" in flat  # the adopted idea
    assert "受理：" in flat


def test_the_officer_renews_and_later_converts(cast, client_as):
    term = build_advisers_cast(cast)["term"]
    hr = client_as("A.hr")
    form = hr.get(_url(cast, "term_renew", term.pk)).content.decode()
    starts = term.ends_on + timedelta(days=1)
    assert starts.isoformat() in form
    response = hr.post(
        _url(cast, "term_renew", term.pk),
        {
            "starts_on": starts.isoformat(),
            "ends_on": (starts + timedelta(days=120)).isoformat(),
            "fee": "400000",
        },
    )
    renewed = AdviserTerm.unscoped.get(previous=term)
    assert response["Location"] == _url(cast, "term_detail", renewed.pk)
    response = hr.post(
        _url(cast, "term_convert", renewed.pk),
        {
            "subject": "文書管理の見直し",
            "amount": "1200000",
            "starts_on": renewed.ends_on.isoformat(),
            "ends_on": (renewed.ends_on + timedelta(days=180)).isoformat(),
        },
    )
    assert response.status_code == 302
    assert AdviserContract.unscoped.get(term=renewed).amount == 1_200_000
    page = hr.get(_url(cast, "term_detail", renewed.pk)).content.decode()
    assert "業務委託へ移行" in page and "1,200,000円" in page


def test_the_lists_download(cast, client_as):
    made = build_advisers_cast(cast)
    client = client_as("A.staff")
    for name, args, header in (
        ("term_list", (), "名称"),
        ("partnership_list", (), "連携先"),
        ("term_issues", (made["term"].pk,), "No."),
        ("term_board", (made["term"].pk,), "解決アイデア"),
    ):
        response = client.get(_url(cast, name, *args) + "?export=csv")
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0][0] == header and len(rows) >= 2, name


def test_the_inbox_says_what_waits(cast):
    made = build_advisers_cast(cast)
    today = clock.today()
    hr = {w.label: w.count for w in waiting_for(access_for_user(cast.users["A.hr"]), today=today)}
    # The term ends in 20 days; its report waits to be accepted.
    assert hr["アドバイザー：30日以内に終わる任期（更新・移行の判断）"] == 1
    assert hr["アドバイザー：受理を待っている任期の報告"] == 1
    Idea.unscoped.filter(pk=made["idea"].pk).update(status="adopted")
    head = waiting_for(access_for_user(cast.users["A.head"]), today=today)
    assert "アドバイザー：担当所属で実施する採用アイデア" in {w.label for w in head}
    made["report"].delete()
    adviser = waiting_for(access_for_user(cast.users["A.adviser"]), today=today, limit=5)
    assert "アドバイザー：任期の報告の提出" not in {w.label for w in adviser}  # 20 days left
    AdviserTerm.unscoped.filter(pk=made["term"].pk).update(ends_on=today + timedelta(days=14))
    adviser = waiting_for(access_for_user(cast.users["A.adviser"]), today=today, limit=5)
    (due,) = [w for w in adviser if w.label == "アドバイザー：任期の報告の提出"]
    assert due.items[0].url == _url(cast, "term_detail", made["term"].pk)


def test_an_adviser_sees_nothing_of_the_body_but_their_terms(cast, client_as):
    build_advisers_cast(cast)
    client = client_as("A.adviser")
    for name in ("body_detail", "staff_list", "improvement_list", "course_list", "target_list"):
        assert client.get(_url(cast, name)).status_code == 403, name
    menu = client.get(reverse("home")).content.decode()
    assert "アドバイザー業務" in menu and "団体一覧" not in menu
