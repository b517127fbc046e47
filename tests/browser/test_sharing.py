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
