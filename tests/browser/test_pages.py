"""A person signs in as each role and clicks through the pages; axe-core checks each one."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, sign_in


def test_login_page_is_japanese_and_accessible(page, web_cast):
    page.goto("/accounts/login/")
    expect(page.get_by_role("heading", name="ログイン")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "ja"
    assert_accessible(page)


def test_a_forgotten_password_is_set_again_from_the_mailed_link(page, web_cast):
    from django.core import mail

    from tests.browser.helpers import sign_in as sign_in_with

    user = web_cast.users["A.hr"]
    user.email = "jinji@example.lg.jp"
    user.save(update_fields=["email"])
    page.goto("/accounts/login/")
    page.get_by_role("link", name="パスワードを忘れた場合").click()
    assert_accessible(page)
    page.get_by_label("メールアドレス").fill("jinji@example.lg.jp")
    page.get_by_role("button", name="リンクを送る").click()
    expect(page.get_by_role("heading", name="メールを確認してください")).to_be_visible()
    assert_accessible(page)
    # The mail links to the configured address (SITE_URL); the test server has its own.
    link = re.search(r"/accounts/password/set/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    assert_accessible(page)
    page.get_by_label(re.compile(r"^新しいパスワード(必須)?$")).fill("kasumigaseki-2026-aki")
    page.get_by_label(re.compile(r"^新しいパスワード\(確認用\)")).fill("kasumigaseki-2026-aki")
    page.get_by_role("button", name="設定する").click()
    expect(page.get_by_role("heading", name="パスワードを設定しました")).to_be_visible()
    assert_accessible(page)
    sign_in_with(page, "a-hr", "kasumigaseki-2026-aki")
    expect(page.get_by_role("button", name="ログアウト")).to_be_visible()


def test_a_person_reads_their_sessions_on_a_phone(page, web_cast):
    sign_in(page, "a-hr")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/accounts/password/")
    page.get_by_role("link", name="ログイン中のセッションを見る").click()
    expect(page.get_by_role("heading", name="ログイン中のセッション")).to_be_visible()
    expect(page.get_by_text("この画面", exact=True)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)


def test_wrong_password_shows_a_japanese_error(page, web_cast):
    page.goto("/accounts/login/")
    page.get_by_label("ユーザー名").fill("a-hr")
    page.get_by_label("パスワード").fill("wrong-password")
    page.get_by_role("button", name="ログイン").click()
    expect(page.get_by_role("alert")).to_contain_text("入力内容を確認してください")
    assert_accessible(page)


def test_hr_officer_walks_through_body_departments_staff_and_appointments(page, web_cast):
    sign_in(page, "a-hr")
    expect(page.get_by_role("heading", name="甲市の人事・DX担当の確認事項")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="メインメニュー").get_by_role(
        "link", name="団体一覧"
    ).click()
    expect(page.get_by_role("heading", name="団体一覧")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("main").get_by_role("link", name="甲市").click()
    expect(page.get_by_role("heading", name="甲市")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="メインメニュー").get_by_role("link", name="所属").click()
    expect(page.get_by_role("cell", name="0200", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="メインメニュー").get_by_role("link", name="職員").click()
    expect(page.get_by_role("heading", name="職員一覧：甲市")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("氏名・フリガナ・職員番号").fill("ジロウ")
    page.get_by_role("button", name="絞り込む").click()
    expect(page.get_by_role("link", name="職員 次郎")).to_be_visible()
    expect(page.get_by_role("link", name="総務 四郎")).to_have_count(0)

    page.get_by_role("link", name="職員 次郎").click()
    expect(page.get_by_role("heading", name=re.compile("職員 次郎"))).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="任用・配置を登録する").click()
    assert_accessible(page)
    page.get_by_label("任用区分").select_option(label="任期付")
    page.get_by_label("任期付の根拠").select_option(label="法4条（一定期間内に終了する業務等）")
    page.get_by_label("開始日").fill("2025-04-01")
    page.get_by_label("終了日").fill("2029-03-31")
    page.get_by_role("button", name="保存する").click()
    expect(page.locator(".error")).to_contain_text("任期は3年以内です")
    assert_accessible(page)
    page.get_by_label("終了日").fill("2028-03-31")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("任用・配置を登録しました。")).to_be_visible()
    expect(page.get_by_role("cell", name="任期付", exact=True)).to_be_visible()


def test_hr_officer_registers_staff_and_sees_errors_at_the_fields(page, web_cast):
    sign_in(page, "a-hr")
    page.goto(f"/b/{web_cast.bodies['A'].code}/staff/new/")
    expect(page.get_by_role("heading", name="職員の登録")).to_be_visible()
    page.get_by_label("職員番号").fill("００００４")
    page.get_by_role("textbox", name="氏", exact=True).fill("新人")
    page.get_by_role("textbox", name="名", exact=True).fill("五郎")
    page.get_by_label("氏フリガナ").fill("しんじん")
    page.get_by_label("名フリガナ").fill("ゴロウ")
    page.get_by_role("button", name="保存する").click()
    # At the field, and as a link to it in the summary above the form.
    expect(
        page.locator("p.error").get_by_text("この職員番号は既にこの団体で使われています。")
    ).to_be_visible()
    expect(
        page.locator(".error-summary").get_by_text("この職員番号は既にこの団体で使われています。")
    ).to_be_visible()
    expect(
        page.locator("p.error").get_by_text("フリガナは全角カタカナで入力してください。")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("職員番号").fill("00100")
    page.get_by_label("氏フリガナ").fill("シンジン")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("職員を登録しました。")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("新人 五郎"))).to_be_visible()


@pytest.mark.parametrize(
    ("username", "heading"),
    [
        ("p-operator", "連携協議会の参加団体"),
        ("a-admin", "甲市の人事・DX担当の確認事項"),
        ("a-head", "所属長として担当する所属"),
        ("a-staff", "わたしの情報"),
        ("p-expert", "ホーム"),
    ],
)
def test_each_role_lands_on_its_own_home(page, web_cast, username, heading):
    sign_in(page, username)
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    assert_accessible(page)


def test_staff_member_opens_own_record_but_not_the_staff_list(page, web_cast):
    sign_in(page, "a-staff")
    page.get_by_role("link", name="わたしの職員情報・任用履歴を見る").click()
    expect(page.get_by_role("heading", name=re.compile("職員 次郎"))).to_be_visible()
    assert_accessible(page)
    page.goto(f"/b/{web_cast.bodies['A'].code}/staff/")
    expect(page.get_by_role("heading", name="この画面を表示する権限がありません")).to_be_visible()
    assert_accessible(page)


def test_operator_switches_body_and_registers_a_municipality(page, web_cast):
    sign_in(page, "p-operator")
    switcher = page.get_by_role("group").filter(has_text="団体を切り替える")
    switcher.get_by_text("団体を切り替える").click()
    switcher.get_by_role("link", name="乙町").click()
    expect(page.get_by_role("heading", name="乙町")).to_be_visible()
    assert_accessible(page)
    page.goto("/bodies/new/")
    page.get_by_label("団体コード").fill("393020")
    page.get_by_label("名称").fill("丁町")
    page.get_by_label("種別").select_option(label="市区町村")
    page.get_by_role("button", name="保存する").click()
    # At the field, and as a link to it in the summary above the form.
    expect(page.locator("p.error").get_by_text("検査数字が正しくありません")).to_be_visible()
    expect(page.locator(".error-summary").get_by_text("検査数字が正しくありません")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("団体コード").fill("39302")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("丁町を登録しました。")).to_be_visible()
    expect(page.get_by_role("cell", name="393029")).to_be_visible()
    assert_accessible(page)


def test_admin_browses_the_audit_log(page, web_cast):
    sign_in(page, "a-admin")
    page.get_by_role("navigation", name="メインメニュー").get_by_role(
        "link", name="団体一覧"
    ).click()
    page.get_by_role("main").get_by_role("link", name="甲市").click()
    page.get_by_role("navigation", name="メインメニュー").get_by_role(
        "link", name="監査ログ"
    ).click()
    expect(page.get_by_role("heading", name="監査ログ：甲市")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("操作", exact=True).select_option(label="登録")
    page.get_by_role("button", name="絞り込む").click()
    expect(page.get_by_role("cell", name=re.compile("職員：職員 次郎")).first).to_be_visible()


def test_admin_reads_who_opened_a_record_even_on_a_phone(page, web_cast):
    code = web_cast.bodies["A"].code
    sign_in(page, "a-hr")
    page.goto(f"/b/{code}/staff/00004/")
    expect(page.get_by_role("heading", name=re.compile("職員 次郎"))).to_be_visible()
    page.context.clear_cookies()
    sign_in(page, "a-admin")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/b/{code}/")
    page.get_by_role("link", name="閲覧記録").first.click()
    expect(page.get_by_role("heading", name="閲覧記録：甲市")).to_be_visible()
    expect(page.get_by_role("cell", name="職員番号 00004")).to_be_visible()
    assert_accessible(page)
    # The table scrolls inside its frame; the page itself is no wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_admin_creates_an_account_and_the_person_signs_in(page, web_cast):
    sign_in(page, "a-admin")
    page.goto(f"/b/{web_cast.bodies['A'].code}/")
    page.get_by_role("navigation", name="メインメニュー").get_by_role(
        "link", name="アカウント・権限"
    ).click()
    expect(page.get_by_role("heading", name="アカウント・権限：甲市")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="アカウントを作成する").click()
    page.get_by_label("職員番号").fill("00006")
    page.get_by_label("ユーザー名").fill("a-other")
    page.get_by_label("初期パスワード").fill("short")
    page.get_by_label("権限", exact=True).select_option(label="人事・DX担当")
    page.get_by_role("button", name="保存する").click()
    # At the field, and as a link to it in the summary above the form.
    expect(page.locator("p.error").get_by_text("このパスワードは短すぎます。")).to_be_visible()
    expect(
        page.locator(".error-summary").get_by_text("このパスワードは短すぎます。")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("初期パスワード").fill("kousi-other-2026")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("アカウント「a-other」を作成しました。")).to_be_visible()
    page.get_by_role("button", name="ログアウト").click()
    sign_in(page, "a-other", "kousi-other-2026")
    expect(page.get_by_role("heading", name="甲市の人事・DX担当の確認事項")).to_be_visible()


def test_shift_jis_download_warns_about_lost_characters(page, web_cast):
    from dxjinzai.organizations import services

    services.staff_update(actor=None, staff=web_cast.staff["A.other"], family_name="𠮷田")
    sign_in(page, "a-hr")
    page.goto(f"/b/{web_cast.bodies['A'].code}/staff/?export=csv_cp932")
    expect(page.get_by_role("heading", name="Shift_JISで表せない文字があります")).to_be_visible()
    expect(page.get_by_text("𠮷田")).to_be_visible()
    assert_accessible(page)


def test_admin_issues_an_api_token_and_sees_it_once(page, web_cast):
    sign_in(page, "a-admin")
    page.goto(f"/b/{web_cast.bodies['A'].code}/accounts/")
    page.get_by_role("link", name="APIトークン（人事給与システム連携）").click()
    expect(page.get_by_role("heading", name="APIトークン：甲市")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("用途").fill("夜間連携")
    page.get_by_label("範囲").select_option(label="参照・更新")
    page.get_by_role("button", name="発行する").click()
    expect(page.get_by_text("トークンを発行しました。")).to_be_visible()
    assert page.get_by_label("トークン", exact=True).input_value().startswith("dxj_")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("失効させる.*夜間連携")).click()
    assert_accessible(page)
    page.get_by_role("button", name="失効させる").click()
    expect(page.get_by_text("APIトークン「夜間連携」を失効させました。")).to_be_visible()


def test_hr_confirms_where_a_moved_head_heads_from_the_inbox(page, web_cast):
    """Issue 19 §3: the head of デジタル推進課 moved to 総務課; HR's inbox asks, and HR moves
    the role with the person (on a phone)."""
    from dxjinzai.organizations.services import staff_update

    staff_update(
        actor=None, staff=web_cast.staff["A.head"], department=web_cast.departments["A.general"]
    )
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, "a-hr")
    page.goto("/inbox/")
    page.get_by_role("link", name=re.compile("所属 長太郎：デジタル推進課の所属長")).click()
    expect(page.get_by_role("heading", name="異動した所属長の権限")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("今の所属の所属長にする")).click()
    expect(page.get_by_text("所属 長太郎さんを総務課の所属長にしました。")).to_be_visible()
    expect(page.get_by_role("cell", name="確認を待つ人はいません。")).to_be_visible()
