"""Daily housekeeping of background work: end the imports whose process died, and delete
uploads (personal data) that no waiting or running import needs.

    manage.py cleanup_jobs

The pages end an interrupted run of their own body as soon as someone looks at it; this
command does it for every body, and finds the orphaned files no page shows.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from dxjinzai.core.import_runs import recover_interrupted_runs, remove_orphaned_uploads


class Command(BaseCommand):
    help = "中断された取込を失敗として終わらせ、不要になったアップロードファイルを削除します。"

    def handle(self, *args: Any, **options: Any) -> None:
        recovered = recover_interrupted_runs()
        removed = remove_orphaned_uploads()
        self.stdout.write(
            f"中断された取込 {recovered}件を終了し、不要なファイル {removed}件を削除しました。"
        )
