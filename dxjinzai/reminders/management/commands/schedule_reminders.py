from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from dxjinzai.reminders.tasks import book_next_digest, digest_booked


class Command(BaseCommand):
    help = "毎朝のお知らせメールの送信を、まだ予約されていなければ予約します。"

    def handle(self, *args: Any, **options: Any) -> None:
        if digest_booked():
            message = "お知らせメールの送信はすでに予約されています。"
        else:
            at = timezone.localtime(book_next_digest().task.run_after)
            message = f"お知らせメールの送信を予約しました（{at:%Y-%m-%d %H:%M}）。"
        if options["verbosity"]:
            self.stdout.write(message)
