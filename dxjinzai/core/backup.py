"""Backup and restore of a whole instance: the database and the uploaded files, in one tar
file with a manifest (schema, row counts, a SHA-256 of every part).

- SQLite: SQLite's online backup API (a consistent copy while the platform runs).
- PostgreSQL: pg_dump in custom format; restored with pg_restore into an emptied schema.
- Files: everything under MEDIA_ROOT (evidence, attachments, photos, certificates) except
  imports/, which holds an upload only while its import runs.

A restore checks every checksum before it touches anything, replaces the database and the
files, then runs the migrations: a backup of an older version comes back in today's schema.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from dxjinzai.core import clock

MANIFEST = "manifest.json"
SQLITE_PART = "database.sqlite3"
POSTGRES_PART = "database.pgdump"
MEDIA_PREFIX = "media/"
# Transient: an upload lives there only while its import runs (core.import_runs).
SKIPPED_MEDIA = ("imports",)
FORMAT_VERSION = 1


class BackupError(Exception):
    """The backup cannot be made or restored; the message is for the operator (Japanese)."""


@dataclass
class RestoreReport:
    manifest: dict[str, Any]
    row_counts: dict[str, int]
    files: int
    migrations_applied: list[str]


def make_backup(destination: Path) -> dict[str, Any]:
    """Write the instance to `destination` (a .tar file); returns its manifest."""
    with tempfile.TemporaryDirectory() as work:
        database_part = _dump_database(Path(work))
        parts = {database_part.name: database_part}
        media = Path(settings.MEDIA_ROOT)
        for path in _media_files(media):
            parts[MEDIA_PREFIX + path.relative_to(media).as_posix()] = path
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": clock.now().isoformat(),
            "engine": connection.vendor,
            "migrations": _applied_migrations(),
            "row_counts": row_counts(),
            "parts": {name: _digest(path) for name, path in parts.items()},
        }
        destination.parent.mkdir(parents=True, exist_ok=True)
        partial = destination.with_suffix(destination.suffix + ".part")
        with tarfile.open(partial, "w") as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            for name, path in parts.items():
                archive.add(path, arcname=name, recursive=False)
        # Renamed only once complete: a backup cut off by a full disk is never taken for one.
        partial.replace(destination)
    return manifest


def restore_backup(source: Path) -> RestoreReport:
    """Replace the database and the files by the backup's, then migrate to today's schema."""
    with tempfile.TemporaryDirectory() as work, tarfile.open(source) as archive:
        manifest = _read_manifest(archive)
        if manifest["engine"] != connection.vendor:
            raise BackupError(
                f"このバックアップは {manifest['engine']} のものです。"
                f"{connection.vendor} のデータベースには戻せません。"
            )
        extracted = _extract_checked(archive, manifest, Path(work))
        database_part = SQLITE_PART if connection.vendor == "sqlite" else POSTGRES_PART
        _load_database(extracted / database_part)
        files = _replace_media(extracted / "media")
    before = set(_applied_migrations())
    call_command("migrate", interactive=False, verbosity=0)
    applied = sorted(set(_applied_migrations()) - before)
    return RestoreReport(manifest, row_counts(), files, applied)


def row_counts() -> dict[str, int]:
    """Rows of every table of the database, by table name."""
    tables = sorted(connection.introspection.table_names())
    counts = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def default_backup_name(now: datetime | None = None) -> str:
    stamp = timezone.localtime(now or clock.now()).strftime("%Y%m%d-%H%M%S")
    return f"dxjinzai-backup-{stamp}.tar"


# --- The database ----------------------------------------------------------------------


def _dump_database(work: Path) -> Path:
    if connection.vendor == "sqlite":
        target = work / SQLITE_PART
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
        return target
    if connection.vendor == "postgresql":
        target = work / POSTGRES_PART
        _postgres_tool(
            "pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target)
        )
        return target
    raise BackupError(f"{connection.vendor} のバックアップには対応していません。")


def _load_database(part: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(part) as backup:
            backup.backup(connection.connection)
        backup.close()
        return
    # An emptied schema, not pg_restore --clean: tables that only today's schema has would
    # otherwise stay behind, and the migrations would fail to create them again.
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE")
        cursor.execute("CREATE SCHEMA public")
    connection.close()
    database = str(connection.settings_dict["NAME"])
    _postgres_tool(
        "pg_restore",
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--dbname",
        database,
        str(part),
    )


def _postgres_tool(program: str, *arguments: str) -> None:
    """pg_dump or pg_restore on the configured database, its password in the environment."""
    db = connection.settings_dict
    env = os.environ | {
        "PGHOST": str(db.get("HOST") or "localhost"),
        "PGPORT": str(db.get("PORT") or 5432),
        "PGUSER": str(db.get("USER") or ""),
        "PGPASSWORD": str(db.get("PASSWORD") or ""),
        "PGDATABASE": str(db["NAME"]),
    }
    done = subprocess.run(
        [program, *arguments], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BackupError(f"{program} が失敗しました：{done.stderr.strip()[:2000]}")


def _applied_migrations() -> list[str]:
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return []
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


# --- The files -------------------------------------------------------------------------


def _media_files(media: Path) -> Iterator[Path]:
    if not media.exists():
        return
    for path in sorted(media.rglob("*")):
        relative = path.relative_to(media)
        if path.is_file() and relative.parts[0] not in SKIPPED_MEDIA:
            yield path


def _replace_media(restored: Path) -> int:
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    for child in media.iterdir():
        if child.name in SKIPPED_MEDIA:
            continue
        if child.is_dir():
            shutil.rmtree(child)
        else:
            child.unlink()
    count = 0
    if restored.exists():
        for path in restored.rglob("*"):
            if path.is_file():
                target = media / path.relative_to(restored)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
                count += 1
    return count


# --- The archive -----------------------------------------------------------------------


def _digest(path: Path) -> dict[str, Any]:
    sha = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            sha.update(chunk)
    return {"sha256": sha.hexdigest(), "bytes": path.stat().st_size}


def _read_manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = archive.extractfile(MANIFEST)
    except KeyError:
        raise BackupError("バックアップに manifest.json がありません。") from None
    if member is None:
        raise BackupError("バックアップの manifest.json を読めません。")
    manifest = json.loads(member.read())
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(
            f"このバックアップの形式（{manifest.get('format')}）には対応していません。"
        )
    return manifest


def _extract_checked(archive: tarfile.TarFile, manifest: dict[str, Any], work: Path) -> Path:
    """Every part extracted and checked against the manifest before anything is replaced."""
    expected = manifest["parts"]
    names = {m.name for m in archive.getmembers() if m.isfile()} - {MANIFEST}
    if names != set(expected):
        missing, extra = set(expected) - names, names - set(expected)
        raise BackupError(
            f"バックアップの中身が目録と一致しません（不足 {sorted(missing)[:5]}、余分 {sorted(extra)[:5]}）。"
        )
    archive.extractall(work, members=[archive.getmember(n) for n in expected], filter="data")
    for name, facts in expected.items():
        if _digest(work / name)["sha256"] != facts["sha256"]:
            raise BackupError(
                f"バックアップの {name} が壊れています（チェックサムが一致しません）。"
            )
    return work
