"""manage.py restore FILE: replace the database and the uploaded files by a backup's, check
every checksum first, then run the migrations (an older backup comes back in today's schema)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dxjinzai.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "バックアップファイルから、データベースとアップロードされたファイルを復元します（今のデータは置き換わります）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="manage.py backup が作ったファイル")
        parser.add_argument(
            "--yes", action="store_true", help="確認せずに置き換える（スクリプトから使うとき）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(options["file"])
        if not source.is_file():
            raise CommandError(f"ファイルがありません: {source}")
        if (
            not options["yes"]
            and input("今のデータをバックアップの内容で置き換えます。よろしいですか？ [yes/no] ")
            != "yes"
        ):
            raise CommandError("中止しました。")
        try:
            report = restore_backup(source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        expected = report.manifest["row_counts"]
        differing = [t for t, n in expected.items() if report.row_counts.get(t) != n]
        self.stdout.write(
            f"復元しました: {report.manifest['created_at']} のバックアップ、"
            f"ファイル{report.files}件、適用したマイグレーション{len(report.migrations_applied)}件。"
        )
        if differing:
            self.stdout.write("マイグレーションで行数が変わった表: " + "、".join(differing[:10]))
