"""Benchmark: latent-talent search over 50,000 people's documents (issue 4), on SQLite.

A fresh database gets one body with 50,000 staff, each with a search document of three
phrases drawn from 400 ("GISで地図データの整備" …): a specific phrase finds about 1 in 130
people, a bare tool name about 1 in 7, a 2-character term goes to LIKE. Measured in the same run, for each query (median of 5, min and max):
- search (count): the platform's search as an HR officer runs it (`talent_search`, scoped,
  FTS5 trigram for terms of 3+ characters), counted;
- whole page: the search page itself (count, first 50 rows, template) through Django's
  test client, as the HR officer;
- baseline: a bare `SELECT count(*) … WHERE content LIKE '%term%'` on the same table.
Checks (the run fails when one does not hold): the page answers, the search finds as many
people as LIKE and the same people. Goal (issue 18): the whole page ≤ 2× the LIKE count.

    .venv/bin/python bench/talent_search.py [--people 50000]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import REPEATS, Checks, add_summary, timed  # noqa: E402

TOOLS = [
    "Excelマクロ",
    "RPA",
    "Python",
    "GIS",
    "ノーコードツール",
    "BIツール",
    "SQL",
    "生成AI",
    "kintone",
    "Power Automate",
    "Webサイト",
    "SNS",
    "統計ソフト",
    "Access",
    "LINE公式アカウント",
    "電子申請システム",
    "クラウド",
    "タブレット",
    "チャットボット",
    "オープンデータ",
]
TASKS = [
    "集計業務の自動化",
    "窓口予約の仕組み",
    "給与事務の効率化",
    "地図データの整備",
    "広報発信",
    "アンケート分析",
    "議事録作成",
    "在庫管理",
    "申請受付",
    "データ分析",
    "施設予約",
    "検診案内",
    "税務の照合",
    "防災情報の配信",
    "研修の運営",
    "業務フローの可視化",
    "文書管理",
    "台帳の電子化",
    "問い合わせ対応",
    "統計資料の作成",
]
# 400 phrases; a person has three, so each phrase is in about 0.75% of documents.
PHRASES = [f"{tool}で{task}" for tool in TOOLS for task in TASKS]
QUERIES = ["GISで地図データの整備", "生成AIで議事録作成", "kintoneで申請受付", "ノーコード", "統計"]


def setup(people: int) -> tuple[object, object]:
    import django

    os.environ["SQLITE_PATH"] = str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from dxjinzai.organizations import services
    from dxjinzai.organizations.access import access_for_user
    from dxjinzai.organizations.models import BodyKind, Role, StaffMember
    from dxjinzai.skills.models import TalentSearchDocument

    call_command("migrate", verbosity=0)
    body = services.body_create(
        actor=None, code="221309", name="ベンチ市", kana="ベンチシ", kind=BodyKind.MUNICIPALITY
    )
    rng = random.Random(4)
    StaffMember.unscoped.bulk_create(
        StaffMember(
            body=body,
            number=f"{n:07d}",
            family_name="検索",
            given_name=f"{n}",
            family_name_kana="ケンサク",
            given_name_kana="タロウ",
        )
        for n in range(people)
    )
    TalentSearchDocument.unscoped.bulk_create(
        (
            TalentSearchDocument(
                body=body, staff_id=staff_id, content="\n".join(rng.sample(PHRASES, 3))
            )
            for staff_id in StaffMember.unscoped.values_list("pk", flat=True)
        ),
        batch_size=5000,
    )
    user = get_user_model().objects.create_user(username="bench-hr")
    services.role_grant_create(actor=None, user=user, body=body, role=Role.HR_OFFICER)
    return access_for_user(user), body


GOAL_PAGE_RATIO = 2.0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=REPEATS)
    args = parser.parse_args(argv)
    access, body = setup(args.people)
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from dxjinzai.skills.search import TalentQuery, talent_search

    client = Client(SERVER_NAME="localhost")
    client.force_login(get_user_model().objects.get(username="bench-hr"))
    page_url = reverse("talent_search", args=[body.code])
    checks = Checks("talent search")
    print(f"{args.people:,} people, SQLite {connection.Database.sqlite_version}")
    print(
        f"{'query':<18}{'found':>8}  {'search (count)':<36}{'whole page':<36}{'LIKE count':<36}page÷LIKE"
    )
    worst = 0.0
    for term in QUERIES:
        count_time, found = timed(
            lambda term=term: talent_search(access, body, TalentQuery(text=term)).count(),
            args.repeat,
        )
        page_time, page = timed(lambda term=term: client.get(page_url, {"text": term}), args.repeat)
        like_time, expected = timed(lambda term=term: _like_count(connection, term), args.repeat)
        same_people = set(
            talent_search(access, body, TalentQuery(text=term)).values_list("pk", flat=True)
        ) == _like_people(connection, term)
        checks.expect(page.status_code == 200, f"{term}: the page answered {page.status_code}")
        checks.expect(found == expected, f"{term}: the search found {found}, LIKE {expected}")
        checks.expect(same_people, f"{term}: the search and LIKE found different people")
        ratio = page_time.ratio(like_time)
        worst = max(worst, ratio)
        print(
            f"{term:<18}{found:>8,}  {count_time!s:<36}{page_time!s:<36}{like_time!s:<36}{ratio:.2f}"
        )
    add_summary(
        "talent search",
        f"{args.people:,} documents, {len(QUERIES)} terms",
        "whole page",
        f"{worst:.2f}× LIKE (worst term)",
        f"≤ {GOAL_PAGE_RATIO}×",
        met=worst <= GOAL_PAGE_RATIO,
    )
    checks.finish()


def _like_count(connection, term: str) -> int:  # type: ignore[no-untyped-def]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM skills_talentsearchdocument WHERE content LIKE %s", [f"%{term}%"]
        )
        return cursor.fetchone()[0]


def _like_people(connection, term: str) -> set[int]:  # type: ignore[no-untyped-def]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT staff_id FROM skills_talentsearchdocument WHERE content LIKE %s", [f"%{term}%"]
        )
        return {row[0] for row in cursor.fetchall()}


if __name__ == "__main__":
    main()
