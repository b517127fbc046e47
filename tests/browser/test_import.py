"""An HR officer uploads a personnel-system file and watches the progress bar to the report."""

from __future__ import annotations

from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, sign_in

CSV = (
    "職員番号,氏名,フリガナ,所属コード\r\n"
    "01001,新規 花子,シンキ ハナコ,0200\r\n"
    "01002,誤り 太郎,ごあやま,9999\r\n"
).encode("cp932")


def test_upload_runs_in_the_background_and_the_page_follows_it(page, web_cast, monkeypatch):
    monkeypatch.setattr("dxjinzai.core.import_runs.BACKGROUND_FROM_ROWS", 1)
    sign_in(page, "a-hr")
    page.goto(f"/b/{web_cast.bodies['A'].code}/staff/")
    page.get_by_role("link", name="職員ファイルを取り込む").click()
    expect(page.get_by_role("heading", name="職員の取込：甲市")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("職員ファイル").set_input_files(
        files=[{"name": "staff.csv", "mimeType": "text/csv", "buffer": CSV}]
    )
    page.get_by_label("確認だけ行う（書き込まない）").uncheck()
    page.get_by_label("エラーのある行を除いて、正しい行だけ取り込む").check()
    page.get_by_role("button", name="アップロードする").click()

    expect(page.get_by_role("heading", name="状態：待機中")).to_be_visible()
    expect(page.get_by_role("progressbar")).to_have_attribute("value", "0")
    assert_accessible(page)

    call_command("db_worker", "--batch", "--no-startup-delay")

    expect(page.get_by_role("heading", name="状態：完了")).to_be_visible(timeout=10_000)
    expect(page.get_by_role("progressbar")).to_have_attribute("value", "100")
    expect(
        page.get_by_role(
            "cell", name="所属コード「9999」の所属がありません（現在の所属から探しました）。"
        )
    ).to_be_visible()
    expect(page.get_by_role("cell", name="新規 花子")).to_be_visible()
    assert_accessible(page)


def test_a_person_retired_by_the_complete_file_can_no_longer_sign_in(page, web_cast):
    """Issue 19 §3: the personnel system's complete file leaves 職員 次郎 out; the import
    retires him, and his account (a-staff) stops the same day."""
    from dxjinzai.organizations.testing import CAST_PASSWORD

    rows = ["職員番号,氏,名,氏フリガナ,名フリガナ"]
    for key in ("A.admin", "A.hr", "A.head", "A.unit", "A.other"):  # A.member is left out
        s = web_cast.staff[key]
        rows.append(
            f"{s.number},{s.family_name},{s.given_name},{s.family_name_kana},{s.given_name_kana}"
        )
    sign_in(page, "a-hr")
    page.goto(f"/b/{web_cast.bodies['A'].code}/staff/")
    page.get_by_role("link", name="職員ファイルを取り込む").click()
    page.get_by_label("職員ファイル").set_input_files(
        files=[{"name": "all.csv", "mimeType": "text/csv", "buffer": "\r\n".join(rows).encode()}]
    )
    page.get_by_label("確認だけ行う（書き込まない）").uncheck()
    page.get_by_label("全職員のファイルとして扱う（載っていない在職者を退職にする）").check()
    # One of six is more than a tenth of the staff: HR says the file is right.
    page.get_by_label(
        "退職になる人が在職者の1割を超えても取り込む（全職員のファイルのとき）"
    ).check()
    page.get_by_role("button", name="アップロードする").click()
    expect(page.get_by_role("heading", name="状態：完了")).to_be_visible(timeout=10_000)
    page.get_by_role("button", name="ログアウト").click()

    page.goto("/accounts/login/")
    page.get_by_label("ユーザー名").fill("a-staff")
    page.get_by_label("パスワード").fill(CAST_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_role("heading", name="ログイン")).to_be_visible()
    assert_accessible(page)
