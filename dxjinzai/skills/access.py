"""Who may write which part of a person's talent record (beyond seeing it, which the
staff scope decides): named rules the views call, each raising 403 with the reason."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from dxjinzai.core.access import Access, Perm
from dxjinzai.skills.models import AssessorKind


def keeps_own_record(access: Access, staff: Any) -> bool:
    """The person themself, or their body's HR (MANAGE_TALENT)."""
    return staff.pk == access.staff_id or access.can(Perm.MANAGE_TALENT, staff.body_id)


def require_qualification_registrar(access: Access, staff: Any) -> None:
    if not keeps_own_record(access, staff):
        raise PermissionDenied("資格を登録できるのは本人と人事担当者です。")


def require_profile_editor(access: Access, staff: Any) -> None:
    if not keeps_own_record(access, staff):
        raise PermissionDenied("プロフィールを編集できるのは本人と人事担当者です。")


def assessor_kind(access: Access, staff: Any) -> str:
    """The person assesses themself; their department head or HR assesses as superior."""
    if staff.pk == access.staff_id:
        return AssessorKind.SELF
    heads = staff.department_id in access.headed_department_ids
    if heads or access.can(Perm.MANAGE_TALENT, staff.body_id):
        return AssessorKind.SUPERIOR
    raise PermissionDenied("評価できるのは本人、所属長、人事担当者です。")
