"""manage.py backup [FILE | --dir DIR]: the database and the uploaded files in one tar file
with a manifest and checksums (core.backup). Safe while the platform runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from dxjinzai.core.backup import BackupError, default_backup_name, make_backup


class Command(BaseCommand):
    help = "データベースとアップロードされたファイルを、1つのバックアップファイルに保存します。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", nargs="?", help="保存先のファイル（省略時は --dir に日時の名前で）"
        )
        parser.add_argument(
            "--dir",
            default=str(Path(settings.VAR_DIR) / "backups"),
            help="ファイルを省略したときの保存先フォルダ（既定: var/backups）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        target = Path(options["file"] or Path(options["dir"]) / default_backup_name())
        try:
            manifest = make_backup(target)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["row_counts"].values())
        files = sum(1 for name in manifest["parts"] if name.startswith("media/"))
        self.stdout.write(
            f"バックアップしました: {target}（{len(manifest['row_counts'])}表 {rows:,}行、ファイル{files}件）"
        )
