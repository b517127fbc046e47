from django.core.management.base import BaseCommand

from dxjinzai.demo.build import DemoAlreadyBuilt, build_demo
from dxjinzai.organizations.demo import DEMO_PASSWORD


class Command(BaseCommand):
    help = "デモ用の連携協議会（県と規模の異なる市町）を作成します。"

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--seed", type=int, default=2026, help="乱数の種（同じ種なら同じデータ）"
        )
        parser.add_argument(
            "--size", type=float, default=1.0, help="職員数の倍率（ベンチマーク用）"
        )

    def handle(self, *args, seed: int, size: float, **options):  # type: ignore[no-untyped-def]
        try:
            built = build_demo(seed=seed, size=size)
        except DemoAlreadyBuilt:
            self.stdout.write(
                "デモデータは作成済みです。作り直すには --reset 付きの起動か flush を使ってください。"
            )
            return
        self.stdout.write(
            self.style.SUCCESS(f"デモデータを作成しました（職員 {built.staff_count}人）。")
        )
        self.stdout.write(f"デモ用アカウント（パスワードはすべて {DEMO_PASSWORD}）:")
        for username, label in built.accounts:
            self.stdout.write(f"  {username:<22} {label}")
