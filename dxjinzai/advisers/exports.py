"""The columns of the advisers app's lists, as exported (CSV / XLSX)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dxjinzai.core.exports import Column

PARTNERSHIP_COLUMNS = [
    Column("連携先", lambda p: p.partner),
    Column("締結日", lambda p: p.concluded_on),
    Column("連携の範囲", lambda p: p.scope),
    Column("任期の数", lambda p: p.term_count),
]


def term_columns(status_of: Callable[[Any], str]) -> list[Column]:
    """The terms' columns; the state is read as of today (`status_of`, from the view)."""
    return [
        Column("名称", lambda t: t.title),
        Column("テーマ", lambda t: t.get_theme_display()),
        Column("アドバイザー", lambda t: t.adviser_name),
        Column("連携先", lambda t: t.partnership.partner if t.partnership else ""),
        Column("任期の開始日", lambda t: t.starts_on),
        Column("任期の終了日", lambda t: t.ends_on),
        Column("報酬（円）", lambda t: t.fee),
        Column("状態", status_of),
        Column("ミーティング", lambda t: t.meeting_count),
        Column("課題", lambda t: t.issue_count),
        Column("解決アイデア", lambda t: t.idea_count),
    ]


IDEA_COLUMNS = [
    Column("解決アイデア", lambda i: i.title),
    Column("詳しく", lambda i: i.detail),
    Column("解決する課題", lambda i: "／".join(issue.title for issue in i.issues.all())),
    Column("状態", lambda i: i.get_status_display()),
    Column("担当所属", lambda i: i.owner_department.name if i.owner_department else ""),
    Column("出たミーティング", lambda i: i.meeting.held_on if i.meeting else ""),
]

ISSUE_COLUMNS = [
    Column("No.", lambda i: i.number),
    Column("課題", lambda i: i.title),
    Column("詳しく", lambda i: i.detail),
    Column("出たミーティング", lambda i: i.meeting.held_on if i.meeting else ""),
    Column("解決アイデアの数", lambda i: i.idea_count),
]
