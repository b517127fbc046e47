"""Recruitment (issue 12), clicked through: HR publishes a posting, a person outside the
platform applies and confirms by the link, HR screens and schedules an interview, the panel
member scores, HR compares, writes to the applicants and hires; the staff record exists.
Then a closed window refuses and a second application of the same person is caught."""

from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, sign_in


def _field(page, label: str):
    return page.get_by_label(re.compile(f"^{re.escape(label)}(必須)?$"))


def _local(moment) -> str:
    from django.utils import timezone

    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _apply(page, tmp_path, names: tuple[str, str, str, str], email: str, channel: str) -> None:
    """Fill and send the public form as a person outside the platform."""
    for label, value in zip(("氏", "名", "氏（フリガナ）", "名（フリガナ）"), names, strict=True):
        _field(page, label).fill(value)
    _field(page, "生年月日").fill("1990-05-01")
    _field(page, "メールアドレス").fill(email)
    _field(page, "この求人を知った経路").select_option(label=channel)
    _field(page, "志望の動機").fill("行政のデジタル化に関わりたい")
    cv = tmp_path / "経歴書.pdf"
    cv.write_bytes(b"%PDF-1.4\n%cv\n")
    _field(page, "履歴書・職務経歴書（PDF・Word・Excel、10MBまで）").set_input_files(str(cv))
    page.get_by_label("個人情報の取扱いに同意します").check()
    page.get_by_role("button", name="応募する").click()


def _sign_out(page) -> None:
    page.get_by_role("button", name="ログアウト").click()


def test_publish_apply_screen_interview_score_compare_write_and_hire(page, web_cast, tmp_path):
    from django.core import mail

    from dxjinzai.core import clock
    from dxjinzai.organizations.models import StaffMember
    from dxjinzai.recruitment.models import Applicant

    code = web_cast.bodies["A"].code
    now = clock.now()
    sign_in(page, "a-hr")
    page.goto(f"/b/{code}/recruitment/")
    assert_accessible(page)
    page.get_by_role("link", name="求人を作成する").click()
    _field(page, "職名・募集の名称").fill("DX推進マネージャー（係長級）")
    _field(page, "任用の形態").select_option(label="任期付職員")
    _field(page, "任期付の根拠").select_option(label="法3条2項（一般任期付）")
    _field(page, "採用予定人数").fill("2")
    _field(page, "職務の内容").fill("全庁のDX推進")
    _field(page, "応募資格").fill("民間でのDX推進の経験")
    _field(page, "給与").fill("月額 320,000円〜")
    _field(page, "掲載先").fill("自団体のページ\n民間求人サービスA")
    _field(page, "応募者への質問").fill("志望の動機")
    _field(page, "受付開始").fill(_local(now - timedelta(days=1)))
    _field(page, "受付終了").fill(_local(now + timedelta(days=20)))
    assert_accessible(page)
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("を下書きとして保存しました。")).to_be_visible()
    page.get_by_role("link", name="評価項目", exact=True).click()
    page.get_by_role("button", name="保存する").click()
    page.get_by_role("button", name="公開する").click()
    expect(page.get_by_text("求人を公開しました。")).to_be_visible()
    public = page.locator("p", has_text="公開ページ：").get_by_role("link").inner_text()
    _sign_out(page)

    page.goto(public)
    assert_accessible(page)
    _apply(
        page,
        tmp_path,
        ("公開", "花子", "コウカイ", "ハナコ"),
        "hanako@example.com",
        "民間求人サービスA",
    )
    expect(page.get_by_role("heading", name="応募を送信しました")).to_be_visible()
    link = re.search(r"https?://\S+/jobs/confirm/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    expect(page.get_by_role("heading", name="応募を受け付けました")).to_be_visible()
    posting = Applicant.unscoped.get().posting
    from dxjinzai.recruitment.testing import apply

    apply(posting, 2, channel="自団体のページ", answers=[])  # a second applicant, to compare

    sign_in(page, "a-hr")
    page.goto(f"/b/{code}/recruitment/{posting.pk}/")
    assert_accessible(page)
    page.get_by_label("公開 花子を選ぶ").check()
    _field(page, "移す段階").select_option(label="書類選考")
    page.get_by_role("button", name="段階を移す").click()
    expect(page.get_by_text("1人の応募者に対して行いました。")).to_be_visible()
    page.get_by_role("link", name="公開 花子").click()
    _field(page, "面接").select_option(label="一次面接")
    _field(page, "日時").fill(_local(now - timedelta(hours=1)))
    page.get_by_label("a-head").check()
    page.get_by_role("button", name="面接を設定する").click()
    expect(page.get_by_text("面接を設定しました。")).to_be_visible()
    assert_accessible(page)
    _sign_out(page)

    sign_in(page, "a-head")
    page.goto("/recruitment/interviews/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("^記入する")).click()
    _field(page, "コミュニケーション能力（重み3）").select_option("5")
    _field(page, "専門性（重み2）").select_option("4")
    _field(page, "意欲（重み1）").select_option("3")
    assert_accessible(page)
    page.get_by_role("button", name="評価を保存する").click()
    expect(page.get_by_text("評価を保存しました。")).to_be_visible()
    _sign_out(page)

    sign_in(page, "a-hr")
    page.goto(f"/b/{code}/recruitment/{posting.pk}/")
    page.get_by_label("公開 花子を選ぶ").check()
    page.get_by_label("応募 2郎を選ぶ").check()
    page.get_by_role("button", name=re.compile("並べて比較する")).click()
    # (5×3 + 4×2 + 3×1) / 6 = 4.33
    expect(page.get_by_text("4.33")).to_be_visible()
    assert_accessible(page)
    page.go_back()
    page.get_by_label("公開 花子を選ぶ").check()
    page.get_by_label("応募 2郎を選ぶ").check()
    page.get_by_text("選んだ応募者にメールを送る").click()
    _field(page, "件名").fill("{求人}について")
    _field(page, "本文").fill("{氏名} 様\nご応募ありがとうございます。")
    page.get_by_role("button", name="メールを送る").click()
    expect(page.get_by_text("2人の応募者に対して行いました。")).to_be_visible()
    page.get_by_label("公開 花子を選ぶ").check()
    _field(page, "移す段階").select_option(label="内定")
    page.get_by_role("button", name="段階を移す").click()
    page.get_by_role("link", name="公開 花子").click()
    _field(page, "職員番号").fill("30001")
    _field(page, "採用日").fill("2027-04-01")
    _field(page, "任期の終了日（任期付・会計年度任用）").fill("2030-03-31")
    page.get_by_role("button", name="採用する").click()
    expect(page.get_by_text("公開 花子さんを採用し、職員の記録を作りました。")).to_be_visible()
    assert StaffMember.unscoped.filter(number="30001", family_name="公開").exists()
    page.get_by_role("link", name="選考の状況").click()
    assert_accessible(page)


def test_a_closed_window_refuses_and_a_second_application_is_caught(page, web_cast, tmp_path):
    from dxjinzai.core import clock
    from dxjinzai.recruitment.testing import apply, open_posting

    now = clock.now()
    closed = open_posting(
        web_cast,
        title="締切済みの求人",
        opens_at=now - timedelta(days=20),
        closes_at=now - timedelta(hours=1),
    )
    page.goto(f"/jobs/{closed.pk}/")
    expect(page.get_by_text(re.compile("この求人の受付は終了しました"))).to_be_visible()
    expect(page.get_by_role("button", name="応募する")).to_have_count(0)
    assert_accessible(page)

    posting = open_posting(web_cast)
    apply(posting, 1)
    page.goto(f"/jobs/{posting.pk}/")
    _apply(
        page,
        tmp_path,
        ("応募", "別人", "オウボ", "ベツジン"),
        "applicant1@example.com",
        "自団体のページ",
    )
    expect(page.get_by_text(re.compile("すでに同じ方からの応募があります"))).to_be_visible()
    assert_accessible(page)
