"""Browser tests: Debian's Chromium driven by Playwright for Python, axe-core on every page.

No browser is downloaded: Playwright launches /usr/bin/chromium. Without it the tests
skip with a message saying how to install it (the README's test command does, as root).
"""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("DXJINZAI_CHROMIUM", "/usr/bin/chromium")
# Flags for a headless run as root on a machine with no outside network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Playwright's sync API keeps an event loop running in the test thread for the whole
# session, and Django refuses ORM calls (even the test database set-up) in such a thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.skip(
            f"{CHROMIUM} がありません。root で `apt-get install chromium fonts-noto-cjk` を実行すると"
            "ブラウザテストも実行されます。"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="ja-JP")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    # A page asks for the header's 対応待ち figure after it loads: let that request end
    # before the database is emptied, or the server writes into tables being flushed.
    page.wait_for_load_state("networkidle")
    context.close()


@pytest.fixture
def web_cast(transactional_db, live_server):
    from dxjinzai.organizations.testing import build_cast

    return build_cast()
