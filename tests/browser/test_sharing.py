"""The shared pool in a browser: the prefecture assigns a specialist to a town half-time,
records a month's cost, and the town sees its burden charge; axe-core on every page."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, sign_in


def test_assign_record_cost_and_see_the_charge(page, web_cast):
    from dxjinzai.sharing.services import pool_member_create

    pool_member_create(
        actor=None,
        staff=web_cast.staff["P.member"],
        display_name="共通 次郎",
        fields=["データ利活用"],
        profile="データ分析の専門人材",
        joined_on=date(2026, 4, 1),
    )
    prefecture, town = web_cast.bodies["P"], web_cast.bodies["A"]
    this_month = date.today().replace(day=1)
    sign_in(page, "p-hr")
    page.goto(f"/b/{prefecture.code}/sharing/pool/")
    assert_accessible(page)
    page.get_by_role("link", name="共通 次郎").click()
    assert_accessible(page)
    page.get_by_label(re.compile("^配属先")).select_option(label="甲市")
    page.get_by_label(re.compile("^開始日")).fill(this_month.isoformat())
    page.get_by_label(re.compile("^勤務割合")).fill("0.5")
    page.get_by_label(re.compile("^根拠")).select_option(index=0)
    page.get_by_role("button", name="配属を登録する").click()
    expect(page.get_by_text("配属を登録しました。")).to_be_visible()
    page.get_by_label(re.compile("^年月")).fill(f"{this_month:%Y-%m}")
    page.get_by_role("spinbutton", name="給料（円）").fill("300000")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("人件費を保存しました。")).to_be_visible()
    page.get_by_role("button", name="ログアウト").click()

    sign_in(page, "a-hr")
    page.goto(f"/b/{town.code}/sharing/charges/")
    expect(page.get_by_text("支払う負担金：150,000円")).to_be_visible()
    assert_accessible(page)

    from dxjinzai.sharing.services import joint_contract_create

    joint_contract_create(
        actor=None,
        body=prefecture,
        name="DXアドバイザー共同契約",
        fiscal_year=2026,
        total_cost=1_000_000,
        split_rule="equal",
        participants=[town, web_cast.bodies["B"]],
    )
    page.goto(f"/b/{town.code}/sharing/contracts/")
    assert_accessible(page)
    page.get_by_role("link", name="DXアドバイザー共同契約").click()
    expect(page.get_by_role("cell", name="500,000円").first).to_be_visible()
    assert_accessible(page)
    page.goto(f"/b/{town.code}/sharing/activities/")
    assert_accessible(page)


def test_a_support_request_from_filing_to_closing(page, web_cast):
    from dxjinzai.sharing.services import pool_member_create

    pool_member_create(
        actor=None,
        staff=web_cast.staff["P.member"],
        display_name="支援 次郎",
        fields=["データ利活用"],
        profile="",
        joined_on=date(2026, 4, 1),
    )
    town, centre = web_cast.bodies["A"].code, web_cast.bodies["P"].code
    sign_in(page, "a-hr")
    page.goto(f"/b/{town}/support/")
    assert_accessible(page)
    page.get_by_role("link", name="支援を依頼する").click()
    page.get_by_label(re.compile("^相談のテーマ")).fill("窓口のオンライン化")
    page.get_by_label(re.compile("^分野")).select_option("データ利活用")
    page.get_by_label(re.compile("^希望する期間（から）")).fill(date.today().isoformat())
    page.get_by_label(re.compile("^希望する期間（まで）")).fill(
        date.today().replace(year=date.today().year + 1).isoformat()
    )
    page.get_by_label(re.compile("^相談の内容")).fill("申請の電子化を進めたい。")
    assert_accessible(page)
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("支援を依頼しました。")).to_be_visible()
    page.get_by_role("button", name="ログアウト").click()

    sign_in(page, "p-operator")
    page.goto(f"/b/{centre}/support/")
    assert_accessible(page)
    page.get_by_role("link", name="窓口のオンライン化").click()
    page.get_by_label(re.compile("^担当の専門人材")).select_option(
        label="支援 次郎（データ利活用）"
    )
    page.get_by_role("button", name="担当を決める").click()
    expect(page.get_by_text("担当を割り当てました。")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="ログアウト").click()

    sign_in(page, "p-staff")
    page.goto(f"/b/{centre}/support/")
    page.get_by_role("link", name="窓口のオンライン化").click()
    page.get_by_label(re.compile("^本文")).fill("来週伺います。")
    page.get_by_role("button", name="送信する").click()
    expect(page.get_by_text("来週伺います。")).to_be_visible()
    page.get_by_role("button", name="ログアウト").click()

    sign_in(page, "a-hr")
    page.goto(f"/b/{town}/support/")
    page.get_by_role("link", name="窓口のオンライン化").click()
    expect(page.get_by_text("支援 次郎（専門人材）")).to_be_visible()
    page.get_by_role("button", name="この依頼を完了にする").click()
    expect(page.get_by_text("完了にしました。")).to_be_visible()
    assert_accessible(page)


def test_the_prefecture_sees_who_owes_what_and_downloads_a_statement(page, web_cast):
    from decimal import Decimal

    from dxjinzai.sharing import services

    member = services.pool_member_create(
        actor=None,
        staff=web_cast.staff["P.member"],
        display_name="共通 次郎",
        fields=[],
        profile="",
        joined_on=date(2026, 4, 1),
    )
    services.assignment_create(
        actor=None,
        member=member,
        host=web_cast.bodies["A"],
        start=date(2026, 4, 1),
        share=Decimal("0.5"),
        legal_basis="dispatch",
    )
    services.monthly_cost_set(
        actor=None, member=member, year=2026, month=4, items={"給料": 300_000}
    )
    sign_in(page, "p-hr")
    page.goto(f"/b/{web_cast.bodies['P'].code}/sharing/charges/?fiscal_year=2026")
    expect(page.get_by_role("cell", name="150,000", exact=True).first).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("^PDF")).click()
    assert download.value.suggested_filename == "負担金明細書_甲市_テスト県_令和8年度.pdf"
    page.get_by_role("button", name=re.compile("^請求を記録")).click()
    expect(page.get_by_text("甲市への請求を記録しました。")).to_be_visible()
    page.get_by_role("button", name=re.compile("^入金を記録")).click()
    expect(page.get_by_text("甲市からの入金を記録しました。")).to_be_visible()
    assert_accessible(page)


def test_the_employer_imports_a_years_costs_fixing_a_bad_row_first(page, web_cast):
    from dxjinzai.sharing.models import MonthlyCost
    from dxjinzai.sharing.services import pool_member_create

    pool_member_create(
        actor=None,
        staff=web_cast.staff["P.member"],
        display_name="共通 次郎",
        fields=[],
        profile="",
        joined_on=date(2026, 4, 1),
    )
    sign_in(page, "p-hr")
    page.goto(f"/b/{web_cast.bodies['P'].code}/sharing/pool/")
    page.get_by_role("link", name="月別人件費を取り込む").click()
    assert_accessible(page)
    bad = "職員番号,年月,給料\r\n00004,2026-04,300000\r\n99999,2026-05,300000\r\n"
    page.get_by_label(re.compile("^ファイル")).set_input_files(
        files=[{"name": "人件費.csv", "mimeType": "text/csv", "buffer": bad.encode("cp932")}]
    )
    page.get_by_role("button", name="取り込む").click()
    expect(page.get_by_role("cell", name="3行目")).to_be_visible()
    assert_accessible(page)
    assert MonthlyCost.unscoped.count() == 0
    good = "職員番号,年月,給料\r\n00004,2026-04,300000\r\n00004,2026-05,300000\r\n"
    page.get_by_label(re.compile("^ファイル")).set_input_files(
        files=[{"name": "人件費.csv", "mimeType": "text/csv", "buffer": good.encode("cp932")}]
    )
    page.get_by_role("button", name="取り込む").click()
    expect(page.get_by_text("2件の月別人件費を取り込みました。")).to_be_visible()


def test_hr_records_the_external_heads_days_on_the_offices_page(page, web_cast):
    from decimal import Decimal

    from dxjinzai.organizations.services import appointment_create

    office = web_cast.departments["A.digital"]
    appointment_create(
        actor=None,
        staff=web_cast.staff["A.other"],
        department=office,
        kind="external_adviser",
        adviser_contract="commission",
        days_per_month=Decimal(4),
        title="デジタル推進室長（外部専門家）",
        start_date=date(2026, 4, 1),
    )
    sign_in(page, "a-hr")
    page.goto(f"/b/{web_cast.bodies['A'].code}/departments/{office.pk}/members/")
    assert_accessible(page)
    page.get_by_label(re.compile("^年月")).fill(f"{date.today():%Y-%m}")
    page.get_by_label(re.compile("^勤務日数")).fill("4")
    page.get_by_role("button", name="勤務日数を記録する").click()
    expect(page.get_by_text("勤務日数を記録しました。")).to_be_visible()
    expect(page.get_by_role("cell", name="4.0日").first).to_be_visible()
    assert_accessible(page)
