from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dxjinzai.core.models import ImportStatus
from dxjinzai.lib.bodycode import BodyCodeError, normalize_body_code
from dxjinzai.organizations.import_jobs import staff_import_run, staff_import_start_record
from dxjinzai.organizations.models import Body


class Command(BaseCommand):
    help = "人事給与システムの職員ファイル（CSV/XLSX）を取り込みます。エラーがあれば何も書き込みません。"

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("file", help="CSV（UTF-8 / Shift_JIS）または XLSX")
        parser.add_argument("--body", required=True, help="団体コード（5桁または6桁）")
        parser.add_argument("--dry-run", action="store_true", help="確認だけして書き込まない")
        parser.add_argument(
            "--complete",
            action="store_true",
            help="全職員のファイル：載っていない在職者を退職にする",
        )
        parser.add_argument(
            "--only-valid", action="store_true", help="エラーの行を除いて、正しい行だけ取り込む"
        )
        parser.add_argument(
            "--confirm-retirements",
            action="store_true",
            help="全職員のファイルで、退職になる人が在職者の1割を超えても取り込む",
        )
        parser.add_argument("--sheet", default="", help="XLSX のシート名（既定は最初のシート）")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        body = self._body(options["body"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"ファイル {path} がありません。")
        run = staff_import_start_record(
            actor=None,
            body=body,
            filename=path.name,
            data=path.read_bytes(),
            dry_run=options["dry_run"],
            complete=options["complete"],
            only_valid=options["only_valid"],
            sheet=options["sheet"],
            confirm_retirements=options["confirm_retirements"],
        )
        staff_import_run(run.pk)
        run.refresh_from_db()
        for problem in run.problems:
            label = "エラー" if problem["level"] == "error" else "警告"
            self.stdout.write(
                f"{problem['row']}行目 {problem['column']}：{label} {problem['message']}"
            )
        counts = run.counts
        self.stdout.write(
            f"{run.message} 行数 {counts.get('total', 0)}、登録 {counts.get('created', 0)}、"
            f"更新 {counts.get('updated', 0)}、変更なし {counts.get('unchanged', 0)}、"
            f"退職 {counts.get('retired', 0)}、エラー行 {counts.get('rejected', 0)}"
        )
        if run.status == ImportStatus.FAILED or (
            counts.get("rejected") and not options["only_valid"] and not options["dry_run"]
        ):
            raise CommandError("取り込めませんでした。")

    def _body(self, code: str) -> Body:
        try:
            body = Body.objects.filter(code=normalize_body_code(code)).first()
        except BodyCodeError as error:
            raise CommandError(str(error)) from error
        if body is None:
            raise CommandError(f"団体コード {code} の団体がありません。")
        return body
