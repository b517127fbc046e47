"""Expert dispatch as people click through it: a municipality requests, the operator decides
the expert, records the activity, the expert reports, the payment and the statistics follow."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, sign_in


def _scheme_url(web_cast, made, path=""):
    return f"/dispatch/{made['scheme'].pk}/{path}"


def _decide_and_record(page, *, minutes: str, travel: str) -> None:
    """The operator, on a request's page, takes the best suggestion; the expert accepts the
    date from their account; the operator then records the activity."""
    page.get_by_role("button", name=re.compile("この専門家に決定")).first.click()
    expect(page.get_by_text("派遣 一郎さんの派遣を決定しました。")).to_be_visible()
    expect(page.get_by_text("専門家が日程を承諾すると、派遣実績を登録できます。")).to_be_visible()
    request_url = page.url
    page.get_by_role("button", name="ログアウト").click()
    sign_in(page, "p-expert")
    page.goto(request_url)
    page.get_by_role("button", name="この日程で承諾する").click()
    page.get_by_role("button", name="ログアウト").click()
    sign_in(page, "p-operator")
    page.goto(request_url)
    page.get_by_role("link", name="派遣実績を登録する").click()
    assert_accessible(page)
    page.get_by_label("活動時間（分）").fill(minutes)
    page.get_by_label("旅費（円・実費のとき）").fill(travel)
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("派遣実績を登録しました。")).to_be_visible()


def _expert_reports(page, url: str, theme: str, report: str) -> None:
    sign_in(page, "p-expert")
    page.goto(url)
    page.get_by_role("link", name=theme).click()
    page.get_by_role("link", name="報告する").click()
    page.get_by_label("活動の報告").fill(report)
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("報告を提出しました。")).to_be_visible()
    page.get_by_role("button", name="ログアウト").click()


def _expect_payment(page, url: str, row_name: str) -> None:
    """240 min → 20,000 yen; travel 1,500 paid to the expert; 21,500 × 10.21% = 2,195.15 → 2,195."""
    page.goto(url)
    row = page.get_by_role("row", name=re.compile(row_name))
    expect(row).to_contain_text("20,000")
    expect(row).to_contain_text("2,195")
    expect(row).to_contain_text("19,305")


def test_request_to_report_to_payment(page, web_cast):
    from dxjinzai.dispatch.testing import build_dispatch_cast

    made = build_dispatch_cast(web_cast)
    # A municipal HR officer files a request.
    sign_in(page, "a-hr")
    page.get_by_role("navigation", name="メインメニュー").get_by_role(
        "link", name="専門家派遣"
    ).click()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("テスト県専門家派遣")).click()
    expect(page.get_by_role("heading", name="派遣依頼：テスト県専門家派遣")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="派遣を依頼する").click()
    page.get_by_label("担当者").fill("甲市 人事")
    page.get_by_label("連絡先メールアドレス").fill("hr@example.lg.jp")
    page.get_by_label("テーマ").fill("プログラミング教育の進め方")
    page.get_by_role("button", name="保存する").click()
    # At the field, and as a link to it in the summary above the form.
    expect(
        page.locator("p.error").get_by_text("必要な専門分野を1つ以上選んでください。")
    ).to_be_visible()
    expect(
        page.locator(".error-summary").get_by_text("必要な専門分野を1つ以上選んでください。")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("プログラミング教育").check()
    page.get_by_label(re.compile("^希望日(必須)?$")).fill("2027-01-19")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("派遣を依頼しました。")).to_be_visible()
    page.get_by_role("button", name="ログアウト").click()

    # The operator decides the expert from the ranked suggestions and records the activity.
    sign_in(page, "p-operator")
    page.goto(_scheme_url(web_cast, made, "requests/"))
    page.get_by_role("link", name="プログラミング教育の進め方").click()
    expect(page.get_by_role("cell", name=re.compile("分野：プログラミング教育"))).to_be_visible()
    assert_accessible(page)
    _decide_and_record(page, minutes="240", travel="1500")
    page.get_by_role("link", name="年度別の実績").click()
    expect(page.get_by_role("img", name=re.compile("年度別の派遣件数"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="まとめて割り当て").click()
    assert_accessible(page)
    page.get_by_role("link", name="制度の設定").click()
    expect(page.get_by_role("heading", name="制度の設定（謝金・旅費・専門分野）")).to_be_visible()
    assert_accessible(page)
    page.goto(_scheme_url(web_cast, made, "experts/"))
    expect(page.get_by_role("heading", name="専門家名簿：テスト県専門家派遣")).to_be_visible()
    assert_accessible(page)
    page.goto(_scheme_url(web_cast, made, "submissions/"))
    assert_accessible(page)
    page.get_by_role("button", name="ログアウト").click()

    _expert_reports(
        page,
        _scheme_url(web_cast, made, "requests/"),
        "プログラミング教育の進め方",
        "授業づくりの演習を行いました。",
    )

    # The paying officer sees the honorarium and the withholding.
    sign_in(page, "p-admin")
    _expect_payment(page, _scheme_url(web_cast, made, "payments/?month=2027-01"), "令和9年1月19日")
    assert_accessible(page)


def test_school_to_statistics_end_to_end(page, web_cast):
    """Issue 7's journey: a school files through the public form, the operator matches and
    confirms an expert, the expert reports, the payment shows the right honorarium and
    withholding, and the statistics table updates."""
    from django.core import mail

    from dxjinzai.dispatch.testing import build_dispatch_cast

    made = build_dispatch_cast(web_cast)
    page.goto(_scheme_url(web_cast, made, "public-request/"))
    expect(page.get_by_role("heading", name="専門家派遣の依頼")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("団体・学校名").fill("県立みらい高等学校")
    page.get_by_label("種別").select_option(label="学校")
    page.get_by_label("担当者").fill("情報 太郎")
    page.get_by_label("メールアドレス").fill("joho@mirai.example.jp")
    page.get_by_label("テーマ").fill("情報Ⅰのプログラミング")
    page.get_by_label("プログラミング教育").check()
    page.get_by_label(re.compile("^希望日(必須)?$")).fill("2027-02-10")
    page.get_by_role("button", name="送信する").click()
    expect(page.get_by_role("heading", name="確認メールを送りました")).to_be_visible()
    assert_accessible(page)

    link = re.search(r"http://\S+/confirm/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    expect(page.get_by_role("heading", name="メールアドレスを確認しました")).to_be_visible()
    assert_accessible(page)

    sign_in(page, "p-operator")
    page.goto(_scheme_url(web_cast, made, "submissions/"))
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("受け付ける")).click()
    expect(page.get_by_text("「県立みらい高等学校」の依頼を受け付けました。")).to_be_visible()
    expect(page.get_by_role("heading", name="情報Ⅰのプログラミング")).to_be_visible()
    _decide_and_record(page, minutes="240", travel="1500")
    page.get_by_role("button", name="ログアウト").click()

    _expert_reports(
        page,
        _scheme_url(web_cast, made, "requests/"),
        "情報Ⅰのプログラミング",
        "アルゴリズムの演習を行いました。",
    )

    sign_in(page, "p-admin")
    _expect_payment(
        page, _scheme_url(web_cast, made, "payments/?month=2027-02"), "県立みらい高等学校"
    )
    page.goto(_scheme_url(web_cast, made, "statistics/"))
    # FY2026: the cast's activity for 甲市 and this one for the school, by one expert.
    expect(page.get_by_role("row", name=re.compile("令和8年度"))).to_have_text(
        re.compile(r"令和8年度\s*2\s*2\s*1")
    )
    assert_accessible(page)
