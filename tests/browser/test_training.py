"""Talent and training journeys (issue 4), clicked through as the officials would.

1. The prefecture's HR officer loads a preset framework, builds a course and opens a joint
   session; a town's staff member applies from My page; the town's HR approves; the
   prefecture records attendance from a CSV and the completion.
2. A town's HR officer makes a course mandatory and sees who lacks it; the staff member
   sees it on My page.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from playwright.sync_api import expect

from dxjinzai.lib.fiscal import wareki
from tests.browser.helpers import assert_accessible, sign_in


def _field(page, label: str):
    """The form control labelled `label` (a required field's label also says 必須)."""
    return page.get_by_label(re.compile(f"^{re.escape(label)}(必須)?$"))


def _sign_out(page) -> None:
    page.get_by_role("button", name="ログアウト").click()


def test_joint_session_from_preset_to_completion(page, web_cast):
    prefecture, town = web_cast.bodies["P"], web_cast.bodies["A"]
    today = date.today()
    sign_in(page, "p-hr")
    page.goto(f"/b/{prefecture.code}/talent/frameworks/")
    assert_accessible(page)
    _field(page, "既定のフレームワーク").select_option(
        label="愛知県職員デジタル人材育成計画（5つのデジタル人材）"
    )
    _field(page, "連携協議会の団体と共有する").check()
    page.get_by_role("button", name="読み込む").click()
    expect(page.get_by_text("フレームワークを読み込みました。")).to_be_visible()
    page.get_by_role("link", name="愛知県職員デジタル人材育成計画（5つのデジタル人材）").click()
    expect(page.get_by_role("cell", name="DX推進マネジャー", exact=True)).to_be_visible()
    assert_accessible(page)

    page.goto(f"/b/{prefecture.code}/training/courses/")
    page.get_by_role("link", name="研修を登録する").click()
    _field(page, "研修名").fill("DX特別研修")
    _field(page, "形式").select_option(label="集合")
    _field(page, "実施主体").select_option(label="庁内")
    _field(page, "時間数").fill("6")
    _field(page, "修了で付与する人材像").select_option(label="DX推進リーダー")
    _field(page, "連携協議会の団体にも公開する").check()
    assert_accessible(page)
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("研修を登録しました。")).to_be_visible()
    # A new course lands on its own page, where its sessions are added.
    expect(page.get_by_role("heading", name="DX特別研修", exact=True)).to_be_visible()
    page.get_by_role("link", name="研修回を登録する").click()
    _field(page, "回の名称").fill("合同グループA")
    _field(page, "開始日").fill(today.isoformat())
    _field(page, "終了日").fill((today + timedelta(days=1)).isoformat())
    _field(page, "申込締切日").fill(today.isoformat())
    _field(page, "定員").fill("30")
    _field(page, "会場").fill("県庁 大会議室")
    _field(page, "連携協議会の団体の職員も申し込める").check()
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_role("heading", name="DX特別研修 合同グループA")).to_be_visible()
    assert_accessible(page)
    _sign_out(page)

    sign_in(page, "a-staff")
    page.get_by_role("link", name="マイページ").click()
    expect(page.get_by_role("heading", name="マイページ")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("^申し込む.?（DX特別研修 合同グループA）$")).click()
    expect(page.get_by_text("「DX特別研修 合同グループA」に申し込みました。")).to_be_visible()
    expect(page.get_by_role("cell", name="承認待ち", exact=True)).to_be_visible()
    _sign_out(page)

    sign_in(page, "a-hr")
    page.goto(f"/b/{town.code}/training/courses/")
    page.get_by_role("link", name="DX特別研修").click()
    page.get_by_role("link", name="合同グループA").click()
    expect(page.get_by_text("あなたの団体の受講者だけを表示しています。")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("^承認.?（職員 次郎）$")).click()
    expect(page.get_by_role("cell", name="受講決定", exact=True)).to_be_visible()
    _sign_out(page)

    sign_in(page, "p-hr")
    page.goto(f"/b/{prefecture.code}/training/courses/")
    page.get_by_role("link", name="DX特別研修").click()
    page.get_by_role("link", name="合同グループA").click()
    attendance = (
        f"団体コード,職員番号,受講日,時間\r\n{town.code},00004,{today.isoformat()},6\r\n"
    ).encode("cp932")
    _field(page, "出欠ファイル（CSV・Excel）").set_input_files(
        files=[{"name": "出欠.csv", "mimeType": "text/csv", "buffer": attendance}]
    )
    page.get_by_role("button", name="取り込む").click()
    expect(page.get_by_text("1件の受講を記録しました。")).to_be_visible()
    expect(page.get_by_role("cell", name=re.compile(r"^6(\.0)?時間$"))).to_be_visible()
    page.get_by_label(re.compile("^修了日.?（職員 次郎）$")).fill(today.isoformat())
    page.get_by_role("button", name=re.compile("^修了を記録.?（職員 次郎）$")).click()
    expect(page.get_by_text("職員 次郎さんの修了を記録しました。")).to_be_visible()
    expect(page.get_by_role("cell", name=f"修了（{wareki(today)}）")).to_be_visible()
    assert_accessible(page)


def test_mandatory_course_and_who_lacks_it(page, web_cast):
    town = web_cast.bodies["A"]
    sign_in(page, "a-hr")
    page.goto(f"/b/{town.code}/training/courses/new/")
    _field(page, "研修名").fill("情報セキュリティ研修")
    _field(page, "形式").select_option(label="eラーニング")
    _field(page, "実施主体").select_option(label="J-LIS")
    _field(page, "時間数").fill("2")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_role("heading", name="情報セキュリティ研修")).to_be_visible()
    page.goto(f"/b/{town.code}/training/requirements/")
    assert_accessible(page)
    page.get_by_role("link", name="受講要件を登録する").click()
    _field(page, "研修").select_option(label="情報セキュリティ研修")
    _field(page, "区分").select_option(label="必須")
    _field(page, "修了の要件").select_option(label="毎年度")
    assert_accessible(page)
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_role("cell", name="全職員", exact=True)).to_be_visible()
    page.get_by_role("link", name="必須研修の未修了者").click()
    expect(page.get_by_role("caption")).to_have_text("未修了の必須研修（6件）")
    assert_accessible(page)
    _sign_out(page)

    sign_in(page, "a-staff")
    page.get_by_role("link", name="マイページ").click()
    expect(page.get_by_role("cell", name="情報セキュリティ研修", exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name="未修了（期限前）", exact=True)).to_be_visible()
