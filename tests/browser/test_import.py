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
