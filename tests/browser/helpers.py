"""What every browser test does: sign in through the login page, and check accessibility."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

from dxjinzai.organizations.testing import CAST_PASSWORD

_axe = Axe()


def sign_in(page, username: str, password: str = CAST_PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(password)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url("**/")


def assert_accessible(page) -> None:
    """axe-core (WCAG 2.0–2.2 A/AA rules) finds no violation on the page as it is now."""
    results = _axe.run(
        page,
        options={
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
            },
            "resultTypes": ["violations"],
        },
    )
    violations = results.response["violations"]
    assert not violations, _describe(page.url, violations)


def _describe(url: str, violations: list[dict]) -> str:
    lines = [f"{url}: axe-core found {len(violations)} violation(s)"]
    for violation in violations:
        targets = [node["target"] for node in violation["nodes"][:3]]
        lines.append(f"- {violation['id']}: {violation['help']} {targets}")
    return "\n".join(lines)
