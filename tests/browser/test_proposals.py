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


def test_a_projects_issues_and_the_proposals_that_answer_them(page, web_cast):
    """The DX division types the workshop's issues on the project's page; a division's head
    files a proposal answering one of them; the page counts what is left unanswered."""
    from dxjinzai.improvements.testing import build_projects_cast

    project = build_projects_cast(web_cast)["project"]
    code = web_cast.bodies["A"].code
    sign_in(page, "a-hr")
    page.goto(f"/b/{code}/projects/{project.pk}/")
    page.get_by_label("課題（1行に1つ）").fill("押印が多い\n照会が紙で回る")
    page.get_by_role("button", name="課題を登録する").click()
    expect(page.get_by_text("課題を2件登録しました。")).to_be_visible()
    expect(page.get_by_text("提案のない課題 3件")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="課題の一覧（修正・ダウンロード）").click()
    page.get_by_role("link", name=re.compile(r"^修正\s*（No\.3）$")).click()
    _field(page, "詳しく").fill("決裁の押印が5つある")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("課題「押印が多い」を修正しました。")).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/b/{code}/projects/{project.pk}/issues/")
    expect(page.get_by_role("cell", name=re.compile("決裁の押印が5つある"))).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    page.get_by_role("button", name="ログアウト").click()

    sign_in(page, "a-head")
    page.goto(f"/b/{code}/projects/{project.pk}/")
    page.get_by_role("link", name="提案を登録する").click()
    _field(page, "提案名").fill("押印の廃止")
    _field(page, "提案した所属").select_option(label="デジタル推進課")
    page.get_by_label("押印が多い").check()
    _field(page, "概要").fill("決裁の押印をやめる")
    _field(page, "今の業務の流れ").fill("紙の決裁 → 押印5つ")
    _field(page, "新しい業務の流れ").fill("電子決裁")
    _field(page, "見込みの削減時間（時間／年）").fill("200")
    _field(page, "見込みの根拠").fill("年2,400件 × 5分")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text(re.compile("を登録しました"))).to_be_visible()
    page.goto(f"/b/{code}/projects/{project.pk}/")
    expect(page.get_by_text("提案のない課題 2件")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("押印の廃止.*提案"))).to_be_visible()
