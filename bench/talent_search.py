"""Benchmark: latent-talent search over 50,000 people's documents (issue 4), on SQLite.

A fresh database gets one body with 50,000 staff, each with a search document of three
phrases drawn from 400 ("GISで地図データの整備" …): a specific phrase finds about 1 in 130
people, a bare tool name about 1 in 7, a 2-character term goes to LIKE. Measured in the same run, for each query:
- search: the platform's whole search as an HR officer runs it (`talent_search`, scoped,
  FTS5 trigram for terms of 3+ characters), counted;
- baseline: a bare `SELECT count(*) … WHERE content LIKE '%term%'` on the same table.
Reported: best-of-3 times, the ratio search ÷ baseline, and that both found the same people.

    .venv/bin/python bench/talent_search.py [--people 50000]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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


def best_of(run, repeat: int = 3) -> tuple[float, int]:
    best, result = float("inf"), 0
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=50_000)
    args = parser.parse_args()
    access, body = setup(args.people)
    from django.db import connection

    from dxjinzai.skills.search import TalentQuery, talent_search

    print(f"{args.people:,} people, SQLite {connection.Database.sqlite_version}")
    print(f"{'query':<18}{'found':>8}{'search ms':>12}{'LIKE ms':>10}{'ratio':>8}")
    for term in QUERIES:
        search_time, found = best_of(
            lambda term=term: talent_search(access, body, TalentQuery(text=term)).count()
        )

        def bare(term: str = term) -> int:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM skills_talentsearchdocument WHERE content LIKE %s",
                    [f"%{term}%"],
                )
                return cursor.fetchone()[0]

        like_time, expected = best_of(bare)
        same = "" if found == expected else f"  DIFFERENT: LIKE found {expected}"
        print(
            f"{term:<18}{found:>8,}{search_time * 1000:>12.1f}{like_time * 1000:>10.1f}"
            f"{search_time / like_time:>8.2f}{same}"
        )


if __name__ == "__main__":
    main()
