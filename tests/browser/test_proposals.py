"""Improvement proposals (issue 13 §4), clicked through: a division's head files a proposal,
the DX division records the executives' decision, the head records the effect; the
proposal becomes the division's improvement (④) and the KPI counts it."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, sign_in


def _field(page, label: str):
    return page.get_by_label(re.compile(f"^{re.escape(label)}(必須)?$"))


def test_file_decide_record_the_effect_and_count_it(page, web_cast, tmp_path):
    from dxjinzai.core import clock
    from dxjinzai.core.templatetags.dx import fiscal_year_name
    from dxjinzai.lib.fiscal import fiscal_year_of
    from dxjinzai.plans import services as plans

    today = clock.today()
    code = web_cast.bodies["A"].code
    plans.target_create(
        actor=None,
        body=web_cast.bodies["A"],
        name="業務改善の件数",
        metric="improvements",
        yearly_targets={fiscal_year_of(today): 3},
        unit="件",
    )
    sign_in(page, "a-head")
    page.goto(f"/b/{code}/proposals/")
    assert_accessible(page)
    page.get_by_role("link", name="提案を登録する").click()
    _field(page, "提案名").fill("転入届のオンライン事前入力")
    _field(page, "提案した所属").select_option(label="デジタル推進課")
    _field(page, "概要").fill("来庁前に入力してもらう")
    _field(page, "今の業務の流れ").fill("来庁 → 記入 → 入力")
    flow = tmp_path / "flow.pdf"
    flow.write_bytes(b"%PDF-1.4\n%flow\n")
    _field(page, "今の流れの図（PDF・画像・Word・Excel・PowerPoint、10MBまで）").set_input_files(
        str(flow)
    )
    _field(page, "新しい業務の流れ").fill("自宅で入力 → 来庁して確認")
    _field(page, "見込みの削減時間（時間／年）").fill("600")
    _field(page, "見込みの根拠").fill("年1,200件 × 30分")
    _field(page, "発表日").fill(today.isoformat())
    assert_accessible(page)
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text(re.compile("を登録しました"))).to_be_visible()
    proposal_url = page.url
    page.get_by_role("button", name="ログアウト").click()

    sign_in(page, "a-hr")
    page.goto(proposal_url)
    page.get_by_role("link", name="審査の結果を記録する").click()
    _field(page, "審査の結果").select_option(label="採択")
    _field(page, "審査した人").fill("市長（幹部会議）")
    assert_accessible(page)
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text(re.compile("業務改善（④）に数えています"))).to_be_visible()
    page.goto(f"/b/{code}/improvements/")
    expect(page.get_by_role("cell", name=re.compile("転入届のオンライン事前入力"))).to_be_visible()
    page.goto(f"/b/{code}/plans/targets/")
    page.get_by_role("link", name="業務改善の件数").click()
    this_year = page.get_by_role("row", name=re.compile(fiscal_year_name(fiscal_year_of(today))))
    expect(this_year.get_by_role("cell").nth(2)).to_have_text("1")  # the actual, from the record
    page.get_by_role("button", name="ログアウト").click()

    sign_in(page, "a-head")
    page.goto(proposal_url)
    page.get_by_role("link", name="実施と効果を記録する").click()
    _field(page, "実施の状況").select_option(label="実施済")
    _field(page, "実績の削減時間（時間／年）").fill("540")
    _field(page, "効果を測った日").fill(today.isoformat())
    _field(page, "実績の測り方").fill("件数 × 短縮時間（実測）")
    page.get_by_label("総務課").check()
    assert_accessible(page)
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text(re.compile("540時間／年"))).to_be_visible()
    expect(page.get_by_text("総務課")).to_be_visible()
