"""Each role's home page and main menu, walked as that person at 1366 px (a desk) and 390 px
(a phone): every page answers in Japanese with no page-level horizontal overflow, no English
error page and no raw field name or value at either width, and no axe-core violation."""

from __future__ import annotations

import re

import pytest

from tests.browser.helpers import assert_accessible, sign_in

WIDTHS = [{"width": 1366, "height": 900}, {"width": 390, "height": 844}]
# The cast's people, one per role (the demo has the same roles under other names).
ROLES = ["p-operator", "a-admin", "a-hr", "a-head", "a-staff", "p-expert", "a-adviser"]
# A model field or a choice key left raw on a page: family_name, status: active, grade_id.
RAW_NAME = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b|:\s*(?:True|False|None)\b")
ENGLISH_ERROR = ("Page not found", "Server Error", "Traceback", "Forbidden", "Using the URLconf")


@pytest.fixture
def walked(page, web_cast):
    from dxjinzai.advisers.testing import build_advisers_cast
    from dxjinzai.dispatch.testing import build_dispatch_cast
    from dxjinzai.training.testing import build_training_cast

    build_training_cast(web_cast)
    build_dispatch_cast(web_cast)
    build_advisers_cast(web_cast)  # 甲市's adviser, with a term to open
    return page


def _menu(page) -> list[str]:
    return page.locator("nav.global-nav a").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )


def _check(page, path: str, width: int, username: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status == 200, (username, path)
    assert page.locator("html").get_attribute("lang") == "ja"
    text = page.locator("main").inner_text()
    assert not any(phrase in text for phrase in ENGLISH_ERROR), (username, path, text[:200])
    raw = [m for m in RAW_NAME.findall(text) if "@" not in m]
    assert not raw, (username, path, raw[:5])
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= width, f"{username}：{path} は幅{width}pxの画面で{overflow}pxです"
    # The markup is the same at both widths: axe-core runs once, at the narrower one, where
    # the layout is tightest (it costs more than the rest of the walk on PostgreSQL).
    if width == min(size["width"] for size in WIDTHS):
        assert_accessible(page)


def test_each_roles_home_and_main_menu_at_desk_and_phone_width(walked):
    """One test for every role: a browser test empties the database after it, which costs
    more than the walk on PostgreSQL."""
    page = walked
    for username in ROLES:
        sign_in(page, username)
        menu = _menu(page)
        assert menu and menu[0] == "/", username
        for size in WIDTHS:
            page.set_viewport_size(size)
            for path in dict.fromkeys(menu):  # in order, once each
                _check(page, path, size["width"], username)
        page.get_by_role("button", name="ログアウト").click()
