"""The columns of recruitment's lists and downloads (an applicant list export is audited)."""

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from dxjinzai.core.exports import Column


def _local(value: Any) -> Any:
    return timezone.localtime(value).replace(tzinfo=None) if value else None


APPLICANT_COLUMNS = [
    Column("応募番号", lambda a: a.pk),
    Column("応募日時", lambda a: _local(a.created_at)),
    Column("氏名", lambda a: a.full_name),
    Column("フリガナ", lambda a: f"{a.family_name_kana} {a.given_name_kana}".strip()),
    Column("生年月日", lambda a: a.birth_date),
    Column("メールアドレス", lambda a: a.email),
    Column("電話番号", lambda a: a.phone),
    Column("応募経路", lambda a: a.channel),
    Column("段階", lambda a: a.get_stage_display()),
    Column("メール確認", lambda a: "済" if a.confirmed_at else "未"),
]


def funnel_columns(channels: list[str]) -> list[Column]:
    """段階, one column per channel, and 計: the rows are (stage, counts…, total)."""
    columns = [Column("段階", _item(0))]
    columns += [Column(channel, _item(i + 1)) for i, channel in enumerate(channels)]
    return [*columns, Column("計", _item(len(channels) + 1))]


def _item(index: int) -> Callable[[tuple], Any]:
    return lambda row: row[index]


YEAR_COLUMNS = [
    Column("求人", lambda line: line.posting.title),
    Column("任用の形態", lambda line: line.posting.get_appointment_kind_display()),
    Column("受付開始", lambda line: _local(line.posting.opens_at)),
    Column("受付終了", lambda line: _local(line.posting.closes_at)),
    Column("採用予定人数", lambda line: line.posting.head_count),
    Column("応募", lambda line: line.applicants),
    Column("採用", lambda line: line.hired),
]
CONSORTIUM_COLUMNS = [
    Column("団体コード", lambda row: row.body.code or ""),
    Column("団体名", lambda row: row.body.name),
    Column("求人", lambda row: row.postings),
    Column("応募", lambda row: row.applicants),
    Column("採用", lambda row: row.hired),
]
