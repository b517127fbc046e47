from typing import Any

from django.core.management.base import BaseCommand

from dxjinzai.core import clock
from dxjinzai.reminders.services import digest_run


class Command(BaseCommand):
    help = "対応待ちのお知らせメールを今すぐ送ります（毎朝の予約とは別に、手動で）。"

    def handle(self, *args: Any, **options: Any) -> None:
        run = digest_run(today=clock.today())
        self.stdout.write(f"{run.people}人を確認し、{run.mails}通を送りました。")
