"""Columns of the dispatch lists, shared by the pages and their downloads."""

from dxjinzai.core.exports import Column
from dxjinzai.lib.fiscal import fiscal_year_label

REQUEST_COLUMNS = [
    Column("受付日", lambda r: r.received_on),
    Column("依頼団体", lambda r: r.requester.name),
    Column("テーマ", lambda r: r.theme),
    Column("専門分野", lambda r: "、".join(r.fields)),
    Column("希望日", lambda r: r.desired_date),
    Column("第2・第3希望日", lambda r: "、".join(r.alternative_dates)),
    Column("実施予定日", lambda r: r.decided_date),
    Column("状態", lambda r: r.get_status_display()),
    Column("専門家", lambda r: r.expert.name if r.expert else ""),
]

EXPERT_COLUMNS = [
    Column("氏名", lambda e: e.name),
    Column("フリガナ", lambda e: e.kana),
    Column("所属", lambda e: e.affiliation),
    Column("専門分野", lambda e: "、".join(e.fields)),
    Column("月の上限", lambda e: e.monthly_cap),
    Column("年度の上限", lambda e: e.yearly_cap),
    Column("謝金の支払対象", lambda e: e.honorarium_eligible),
]

STATISTICS_COLUMNS = [
    Column("年度", lambda s: fiscal_year_label(s.fiscal_year)),
    Column("派遣団体数", lambda s: s.bodies_served),
    Column("派遣件数", lambda s: s.dispatches),
    Column("派遣人数", lambda s: s.experts),
]

PAYMENT_COLUMNS = [
    Column("専門家", lambda p: p.activity.expert.name),
    Column("口座名義", lambda p: p.activity.expert.payee_name),
    Column("振込先口座", lambda p: p.activity.expert.bank_account),
    Column("実施日", lambda p: p.activity.day),
    Column("依頼団体", lambda p: p.activity.request.requester.name),
    Column("活動時間（分）", lambda p: p.activity.minutes),
    Column("謝金", lambda p: p.honorarium),
    Column("旅費", lambda p: p.travel),
    Column("源泉徴収税額", lambda p: p.withholding),
    Column("差引支払額", lambda p: p.net),
    Column("支払日", lambda p: p.activity.paid_on),
]


SUBMISSION_COLUMNS = [
    Column("受付日時", lambda s: s.created_at),
    Column("依頼者", lambda s: s.organisation),
    Column("担当者", lambda s: s.contact_name),
    Column("メールアドレス", lambda s: s.contact_email),
    Column("テーマ", lambda s: s.theme),
    Column("希望日", lambda s: s.desired_date),
    Column("状態", lambda s: s.get_status_display()),
]
