"""Daily housekeeping: end the imports whose process died, delete uploads (personal data)
that no waiting or running import needs, and access records past their retention.

    manage.py cleanup_jobs

The pages end an interrupted run of their own body as soon as someone looks at it; this
command does it for every body, and finds the orphaned files no page shows.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from dxjinzai.core.access_records import delete_expired_access_records
from dxjinzai.core.import_runs import recover_interrupted_runs, remove_orphaned_uploads


class Command(BaseCommand):
    help = (
        "中断された取込を失敗として終わらせ、不要なアップロードファイルと古い閲覧記録を削除します。"
    )

    def handle(self, *args: Any, **options: Any) -> None:
        recovered = recover_interrupted_runs()
        removed = remove_orphaned_uploads()
        expired = delete_expired_access_records()
        self.stdout.write(
            f"中断された取込 {recovered}件を終了し、不要なファイル {removed}件を削除しました。"
            f"保存期間を過ぎた閲覧記録 {expired}件を削除しました。"
        )
