"""Uploaded documents (a receipt, a certificate, a CV) checked by what they hold, not their
name."""

from __future__ import annotations

import zipfile
from typing import Any

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# The first bytes of each kind of document we keep.
_SIGNATURES = {
    b"%PDF-": "PDF",
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"\xff\xd8\xff": "JPEG",
}


def document_kind(head: bytes) -> str | None:
    """PDF, PNG or JPEG by the file's own first bytes; None for anything else."""
    return next((kind for sign, kind in _SIGNATURES.items() if head.startswith(sign)), None)


def document_problem(upload: Any) -> str | None:
    """Why an uploaded document is refused (size or kind), in Japanese; None when it may be
    kept. The file's position is left at its start."""
    if upload.size > MAX_DOCUMENT_BYTES:
        return f"ファイルが大きすぎます（{MAX_DOCUMENT_BYTES // 1024 // 1024}MBまで）。"
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if document_kind(head) is None:
        return "PDF・PNG・JPEGのファイルを選んでください（ファイルの中身で判断しています）。"
    return None


# What an applicant's CV may be: PDF, or the Word and Excel files officials read.
_OFFICE_PARTS = {"word/document.xml": "DOCX", "xl/workbook.xml": "XLSX"}


def cv_problem(upload: Any) -> str | None:
    """Why an uploaded CV is refused (size or kind, judged by content), or None. A DOCX or
    XLSX is a ZIP holding its main part; anything else named .docx is refused."""
    if upload.size > MAX_DOCUMENT_BYTES:
        return f"ファイルが大きすぎます（{MAX_DOCUMENT_BYTES // 1024 // 1024}MBまで）。"
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-") or _office_kind(upload, _OFFICE_PARTS) is not None:
        return None
    return "PDF・Word（.docx）・Excel（.xlsx）のファイルを選んでください（ファイルの中身で判断しています）。"


def _office_kind(upload: Any, parts: dict[str, str]) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)
    return next((kind for part, kind in parts.items() if part in names), None)


# A meeting's material or a report: what officials exchange (PowerPoint included).
_MATERIAL_PARTS = {**_OFFICE_PARTS, "ppt/presentation.xml": "PPTX"}


def material_problem(upload: Any) -> str | None:
    """Why an uploaded material is refused, or None: PDF, PNG, JPEG, or a Word, Excel or
    PowerPoint file, judged by content and limited to MAX_DOCUMENT_BYTES."""
    if upload.size > MAX_DOCUMENT_BYTES:
        return f"ファイルが大きすぎます（{MAX_DOCUMENT_BYTES // 1024 // 1024}MBまで）。"
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if document_kind(head) is not None or _office_kind(upload, _MATERIAL_PARTS) is not None:
        return None
    return (
        "PDF・画像（PNG・JPEG）・Word・Excel・PowerPointのファイルを選んでください"
        "（ファイルの中身で判断しています）。"
    )
