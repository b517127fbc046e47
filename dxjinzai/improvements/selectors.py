"""Reads of improvement activities: content every member of the body may read."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from dxjinzai.core.access import Access, Perm
from dxjinzai.core.selectors import first_or_404
from dxjinzai.improvements.models import Improvement, InHouseSystem
from dxjinzai.organizations.models import Body, Department
from dxjinzai.organizations.selectors import department_list


def improvement_list(
    access: Access,
    body: Body,
    *,
    fiscal_year: int | None = None,
    department: Department | None = None,
) -> QuerySet[Improvement]:
    found = Improvement.objects.visible_to(access).filter(body=body).select_related("department")
    if fiscal_year:
        found = found.filter(fiscal_year=fiscal_year)
    if department is not None:
        found = found.filter(department=department)
    return found


def improvement_get(access: Access, body: Body, pk: int) -> Improvement:
    return first_or_404(improvement_list(access, body).filter(pk=pk), "取組が見つかりません。")


def reporting_departments(access: Access, body: Body, *, today: date) -> QuerySet[Department]:
    """The divisions the viewer may report improvements for: HR and admins any division in
    force, a department head the units they head."""
    departments = department_list(access, body, as_of=today)
    if access.can(Perm.MANAGE_STAFF, body.pk):
        return departments
    return departments.filter(pk__in=access.headed_department_ids)


def reportable_improvement_get(access: Access, body: Body, pk: int, *, today: date) -> Improvement:
    """An improvement the viewer may correct: one of a division they report for (HR and
    admins any, a department head their units). Others' entries are readable (404 only
    when not visible at all) but not theirs to change (403)."""
    improvement = improvement_get(access, body, pk)
    if (
        not reporting_departments(access, body, today=today)
        .filter(pk=improvement.department_id)
        .exists()
    ):
        raise PermissionDenied("この所属の取組を修正できるのは、その所属長と人事担当者です。")
    return improvement


def reporting_department_ids(access: Access, body: Body, *, today: date) -> set[int]:
    return set(reporting_departments(access, body, today=today).values_list("pk", flat=True))


def system_list(
    access: Access, body: Body, *, kind: str = "", status: str = ""
) -> QuerySet[InHouseSystem]:
    rows = InHouseSystem.objects.visible_to(access).filter(body=body).select_related("department")
    if kind:
        rows = rows.filter(kind=kind)
    if status:
        rows = rows.filter(status=status)
    return rows


def system_get(access: Access, body: Body, pk: int) -> InHouseSystem:
    return first_or_404(
        InHouseSystem.objects.visible_to(access).filter(body=body, pk=pk),
        "システムが見つかりません。",
    )
