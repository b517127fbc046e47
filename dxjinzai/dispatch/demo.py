"""Demo data of expert dispatch: Shizuoka's ICT expert scheme, whose yearly statistics are
exactly the seed's table (H30 12/22/9 … R4 23/63/13), built from individual records through
the services, plus open requests of the current year for the matching page."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dxjinzai.dispatch import services
from dxjinzai.dispatch.models import DispatchScheme, Expert
from dxjinzai.organizations import services as organization_services
from dxjinzai.organizations.models import Body, BodyKind, Consortium
from dxjinzai.skills.models import Qualification

# The seed's table: fiscal year → (bodies served, dispatches, experts).
SHIZUOKA_TABLE = {
    2018: (12, 22, 9),
    2019: (17, 37, 7),
    2020: (14, 43, 7),
    2021: (22, 59, 10),
    2022: (23, 63, 13),
}
FIELDS = [
    "プログラミング教育",
    "ICT活用授業",
    "情報モラル・セキュリティ",
    "校務DX",
    "データ活用",
    "AI・生成AI",
    "ネットワーク・機器",
    "行政DX",
]
# Requesters beyond the municipalities: schools, boards, universities and NPOs.
OTHER_REQUESTERS = [(f"静岡県立デモ高等学校{n}", BodyKind.SCHOOL) for n in range(1, 13)] + [
    ("デモ市教育委員会", BodyKind.SCHOOL_BOARD),
    ("デモ町教育委員会", BodyKind.SCHOOL_BOARD),
    ("静岡デモ大学", BodyKind.UNIVERSITY),
    ("NPO法人デモICT支援ネット", BodyKind.NPO),
    ("NPO法人デモ地域デジタル", BodyKind.NPO),
    ("デモ特別支援学校", BodyKind.SCHOOL),
]
JST = ZoneInfo("Asia/Tokyo")
EXPERT_NAMES = [
    ("青山 陽介", "アオヤマ ヨウスケ"),
    ("石田 美和", "イシダ ミワ"),
    ("上野 拓海", "ウエノ タクミ"),
    ("江口 さやか", "エグチ サヤカ"),
    ("大野 健司", "オオノ ケンジ"),
    ("加納 由紀", "カノウ ユキ"),
    ("木下 亮介", "キノシタ リョウスケ"),
    ("久保 真理", "クボ マリ"),
    ("小池 大地", "コイケ ダイチ"),
    ("斉藤 朋美", "サイトウ トモミ"),
    ("島田 修平", "シマダ シュウヘイ"),
    ("杉本 綾", "スギモト アヤ"),
    ("高田 誠一", "タカダ セイイチ"),
]


# Every other expert holds one of these (the registry shows them).
EXPERT_QUALIFICATIONS = [
    "応用情報技術者試験",
    "情報処理安全確保支援士",
    "G検定（ジェネラリスト検定）",
    "ITストラテジスト試験",
]


def build_dispatch_demo(*, pref: Body, consortium: Consortium, expert_user: Any) -> DispatchScheme:
    scheme = DispatchScheme.unscoped.create(
        body=pref, name="ICTエキスパート派遣（デモ）", fields_catalogue=FIELDS
    )
    catalogue = {q.name: q for q in Qualification.objects.filter(body__isnull=True)}
    held = [catalogue[name] for name in EXPERT_QUALIFICATIONS]
    experts = [
        services.expert_create(
            actor=None,
            scheme=scheme,
            name=name,
            kana=kana,
            affiliation="民間企業" if i % 3 else "大学",
            fields=[FIELDS[i % len(FIELDS)], FIELDS[(i + 3) % len(FIELDS)]],
            monthly_cap=4,
            yearly_cap=30,
            honorarium_eligible=i != 12,  # the last one is a public servant
            payee_name=kana,
            bank_account=f"デモ銀行 本店 普通 {1000000 + i}",
            user=expert_user if i == 0 else None,
            qualifications=[held[i % len(held)]] if i % 2 == 0 else [],
        )
        for i, (name, kana) in enumerate(EXPERT_NAMES)
    ]
    requesters = _requesters(pref, consortium)
    for year, (bodies, dispatches, expert_count) in SHIZUOKA_TABLE.items():
        for n in range(dispatches):
            _past_dispatch(scheme, year, n, requesters[n % bodies], experts[n % expert_count])
    for n in range(8):
        _open_request(scheme, requesters[n], n)
    _work_for_the_expert_account(scheme, requesters[0], experts[0])
    return scheme


def _requesters(pref: Body, consortium: Consortium) -> list[Body]:
    members = list(consortium.members.exclude(pk=pref.pk).order_by("code", "name"))
    others = [
        organization_services.body_create(actor=None, consortium=consortium, name=name, kind=kind)
        for name, kind in OTHER_REQUESTERS
    ]
    return members + others


def _past_dispatch(
    scheme: DispatchScheme, year: int, n: int, requester: Body, expert: Expert
) -> None:
    month = 4 + n % 12
    day = date(year, month, 10 + n % 15) if month <= 12 else date(year + 1, month - 12, 10 + n % 15)
    dispatch_request = services.request_create(
        actor=None,
        scheme=scheme,
        requester=requester,
        today=day - timedelta(days=30),
        contact_name="デモ担当",
        contact_email="demo@example.lg.jp",
        theme=f"{expert.fields[0]}の研修（{year}-{n + 1}）",
        fields=[expert.fields[0]],
        desired_date=day,
        place="会議室",
        expected_minutes=120,
        participants=20,
    )
    services.request_assign(actor=None, dispatch_request=dispatch_request, expert=expert)
    if expert.user is not None:  # an expert with an account accepts the date in the system
        services.request_expert_confirm(
            actor=expert.user,
            dispatch_request=dispatch_request,
            now=datetime.combine(day - timedelta(days=20), time(9), tzinfo=JST),
        )
    activity = services.activity_record(
        actor=None,
        dispatch_request=dispatch_request,
        day=day,
        minutes=[90, 120, 180, 240][n % 4],
        participants=15 + n % 20,
        summary="講義と演習",
        travel_amount=1_200 + 100 * (n % 5),
        travel_paid_to_carrier=n % 7 == 0,
        feedback_score=3 + n % 3,
    )
    services.activity_report(actor=None, activity=activity, report="予定どおり実施しました。")


def _work_for_the_expert_account(scheme: DispatchScheme, requester: Body, expert: Expert) -> None:
    """What the demo expert finds on their home page: a dispatch whose date waits for their
    acceptance, and one that took place and waits for their report."""
    upcoming = services.request_create(
        actor=None,
        scheme=scheme,
        requester=requester,
        today=date(2026, 11, 20),
        contact_name="デモ担当",
        contact_email="demo@example.lg.jp",
        theme="生成AIの業務活用研修",
        fields=[expert.fields[0]],
        desired_date=date(2027, 1, 20),
        place="本庁舎 大会議室",
        expected_minutes=120,
        participants=30,
    )
    services.request_assign(actor=None, dispatch_request=upcoming, expert=expert)
    held = services.request_create(
        actor=None,
        scheme=scheme,
        requester=requester,
        today=date(2026, 10, 1),
        contact_name="デモ担当",
        contact_email="demo@example.lg.jp",
        theme="情報モラル講座（保護者向け）",
        fields=[expert.fields[0]],
        desired_date=date(2026, 11, 18),
        online=True,
        expected_minutes=90,
        participants=40,
    )
    services.request_assign(actor=None, dispatch_request=held, expert=expert)
    services.request_expert_confirm(
        actor=expert.user,
        dispatch_request=held,
        now=datetime(2026, 10, 20, 9, 0, tzinfo=JST),
    )
    services.activity_record(
        actor=None, dispatch_request=held, day=date(2026, 11, 18), minutes=90, participants=38
    )


def _open_request(scheme: DispatchScheme, requester: Body, n: int) -> None:
    services.request_create(
        actor=None,
        scheme=scheme,
        requester=requester,
        today=date(2026, 11, 26),
        contact_name="デモ担当",
        contact_email="demo@example.lg.jp",
        theme=f"{FIELDS[n % len(FIELDS)]}について相談したい",
        fields=[FIELDS[n % len(FIELDS)], FIELDS[(n + 1) % len(FIELDS)]],
        desired_date=date(2027, 1, 12 + n),
        online=n % 2 == 0,
        place="" if n % 2 == 0 else "庁舎会議室",
        expected_minutes=120,
        participants=10,
    )
