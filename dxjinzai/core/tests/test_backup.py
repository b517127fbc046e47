"""Backup and restore round trip on a populated instance (the cast and uploaded files): every
table's rows and every file's hash come back; a damaged backup is refused before anything
is touched; a backup of an older schema is migrated on restore."""

from __future__ import annotations

import hashlib
import io
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from dxjinzai.core.backup import BackupError, make_backup, restore_backup, row_counts
from dxjinzai.core.models import AuditEntry
from dxjinzai.organizations import services
from dxjinzai.organizations.models import StaffMember

# The backup reads the database from outside the test's transaction: rows must be committed.
pytestmark = [pytest.mark.fresh_cast, pytest.mark.django_db(transaction=True)]


def _hashes(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def uploads(cast):
    media = Path(settings.MEDIA_ROOT)
    files = {
        "qualifications/2026/合格証.pdf": b"%PDF-1.4 evidence",
        "support/7/議事メモ.xlsx": bytes(range(256)) * 40,
        "photos/recruitment/職場.jpg": b"\xff\xd8\xff" + b"\x00" * 5000,
    }
    for name, data in files.items():
        (media / name).parent.mkdir(parents=True, exist_ok=True)
        (media / name).write_bytes(data)
    transient = media / "imports" / "99.upload"
    transient.parent.mkdir(parents=True, exist_ok=True)
    transient.write_bytes(b"an import in progress")
    return media


def test_round_trip_loses_no_row_and_no_file(cast, uploads, tmp_path):
    rows_before = row_counts()
    files_before = {k: v for k, v in _hashes(uploads).items() if not k.startswith("imports/")}
    assert sum(rows_before.values()) > 100 and len(files_before) == 3
    manifest = make_backup(tmp_path / "backup.tar")
    assert "media/imports/99.upload" not in manifest["parts"]

    # Everything changes after the backup: rows written and deleted, files lost and added.
    AuditEntry.unscoped.all().delete()
    services.staff_update(actor=None, staff=cast.staff["A.member"], family_name="変更")
    (uploads / "qualifications/2026/合格証.pdf").unlink()
    (uploads / "stray.txt").write_text("after the backup")

    report = restore_backup(tmp_path / "backup.tar")

    assert row_counts() == rows_before
    assert StaffMember.unscoped.get(pk=cast.staff["A.member"].pk).family_name == "職員"
    restored = {k: v for k, v in _hashes(uploads).items() if not k.startswith("imports/")}
    assert restored == files_before
    assert report.files == 3 and report.migrations_applied == []


def test_a_damaged_backup_is_refused_before_anything_changes(cast, uploads, tmp_path):
    good = tmp_path / "backup.tar"
    make_backup(good)
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(good) as source, tarfile.open(damaged, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member)
            if member.name == "media/support/7/議事メモ.xlsx" and data is not None:
                content = b"tampered" + data.read()[8:]  # same size, other bytes
                data = io.BytesIO(content)
            target.addfile(member, data)
    services.staff_update(actor=None, staff=cast.staff["A.member"], family_name="変更後")
    with pytest.raises(BackupError, match=r"議事メモ\.xlsx が壊れています"):
        restore_backup(damaged)
    assert StaffMember.unscoped.get(pk=cast.staff["A.member"].pk).family_name == "変更後"


def test_a_backup_of_an_older_schema_is_migrated_on_restore(cast, tmp_path):
    call_command("migrate", "core", "0003", verbosity=0)
    try:
        make_backup(tmp_path / "older.tar")
    finally:
        call_command("migrate", verbosity=0)
    report = restore_backup(tmp_path / "older.tar")
    assert "core.0004_import_run_heartbeat" in report.migrations_applied
    columns = {
        c.name
        for c in connection.introspection.get_table_description(
            connection.cursor(), "core_importrun"
        )
    }
    assert {"heartbeat_at", "task_id"} <= columns


def test_the_commands_write_and_read_a_backup(cast, uploads, tmp_path, capsys):
    target = tmp_path / "by-command.tar"
    call_command("backup", str(target))
    assert "バックアップしました" in capsys.readouterr().out
    call_command("restore", str(target), "--yes")
    assert "復元しました" in capsys.readouterr().out
