from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from dxjinzai.core import clock
from dxjinzai.core.daily import book_missing


class Command(BaseCommand):
    help = "毎日の処理（お知らせメール、保存期間を過ぎた応募者情報の削除など）を、まだ予約されていなければ予約します。"

    def handle(self, *args: Any, **options: Any) -> None:
        booked = book_missing(clock.now())
        if not options["verbosity"]:
            return
        for task, at in booked:
            self.stdout.write(
                f"{task.name} を予約しました（{timezone.localtime(at):%Y-%m-%d %H:%M}）。"
            )
        if not booked:
            self.stdout.write("毎日の処理はすべて予約済みです。")
