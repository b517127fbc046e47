"""Every write of the exam-fee subsidy, audited: the scheme, applications, decisions, results
and payments. The arithmetic is in rules.py; a pass renews the person's qualification through
the skills app (one holding, never two)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from dxjinzai.core.actor import Actor, acting_user
from dxjinzai.core.audit import audit_record, diff, snapshot
from dxjinzai.core.models import AuditAction
from dxjinzai.lib.files import document_problem
from dxjinzai.organizations.models import Body, StaffMember
from dxjinzai.skills.models import Qualification
from dxjinzai.skills.services import qualification_holding_record_pass
from dxjinzai.subsidies.models import (
    COMMITTED,
    PAYABLE,
    ApplicationStatus,
    SubsidyApplication,
    SubsidyPayment,
    SubsidyScheme,
)
from dxjinzai.subsidies.rules import budget_problem, subsidy_amount

SCHEME_FIELDS = ["rate", "rounding", "cap_per_person", "attempts", "budget", "pays_on_fail"]


@transaction.atomic
def scheme_save(
    *,
    actor: Actor,
    body: Body,
    fiscal_year: int,
    qualifications: Any,
    **fields: Any,
) -> SubsidyScheme:
    """Create or correct the body's scheme of a fiscal year (one a year)."""
    scheme = SubsidyScheme.unscoped.filter(body=body, fiscal_year=fiscal_year).first()
    created = scheme is None
    scheme = scheme or SubsidyScheme(body=body, fiscal_year=fiscal_year)
    before = {} if created else snapshot(scheme, SCHEME_FIELDS)
    for name, value in fields.items():
        setattr(scheme, name, value)
    scheme.full_clean()
    scheme.save()
    scheme.qualifications.set(qualifications)
    audit_record(
        actor=actor,
        body=body,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        target=scheme,
        changes=None if created else diff(before, snapshot(scheme, SCHEME_FIELDS)),
    )
    return scheme


def committed_of(scheme: SubsidyScheme, *, staff: StaffMember | None = None) -> int:
    """Yen the scheme has promised (approved, awaiting payment or paid), for one person or all."""
    rows = SubsidyApplication.unscoped.filter(scheme=scheme, status__in=COMMITTED)
    if staff is not None:
        rows = rows.filter(staff=staff)
    return rows.aggregate(total=Sum("amount"))["total"] or 0


@transaction.atomic
def application_create(
    *,
    actor: Actor,
    scheme: SubsidyScheme,
    staff: StaffMember,
    qualification: Qualification,
    exam_on: date,
    fee: int,
    today: date,
    receipt: Any = None,
) -> SubsidyApplication:
    """A staff member applies for one exam; the amount is computed now by the scheme's rule."""
    errors: dict[str, str] = {}
    if staff.body_id != scheme.body_id:
        errors["qualification"] = "この団体の職員だけが申請できます。"
    if not scheme.qualifications.filter(pk=qualification.pk).exists():
        errors["qualification"] = f"「{qualification.name}」はこの年度の補助の対象ではありません。"
    if fee <= 0:
        errors["fee"] = "受験料を円で入力してください。"
    taken = SubsidyApplication.unscoped.filter(
        scheme=scheme, staff=staff, qualification=qualification
    ).exclude(status__in=[ApplicationStatus.REFUSED, ApplicationStatus.WITHDRAWN])
    if taken.count() >= scheme.attempts:
        errors["qualification"] = (
            f"「{qualification.name}」への補助はこの年度{scheme.attempts}回までです。"
        )
    if receipt is not None and (problem := document_problem(receipt)):
        errors["receipt"] = problem
    if errors:
        raise ValidationError(errors)
    cap_left = (
        None
        if scheme.cap_per_person is None
        else scheme.cap_per_person - committed_of(scheme, staff=staff)
    )
    application = SubsidyApplication(
        body=scheme.body,
        scheme=scheme,
        staff=staff,
        qualification=qualification,
        exam_on=exam_on,
        fee=fee,
        amount=subsidy_amount(fee, scheme.rate, scheme.rounding, cap_left),
        applied_on=today,
        receipt=receipt or "",
    )
    application.full_clean()
    application.save()
    audit_record(actor=actor, body=scheme.body, action=AuditAction.CREATE, target=application)
    return application


def _move(
    actor: Actor, application: SubsidyApplication, status: str, **fields: Any
) -> SubsidyApplication:
    before = snapshot(application, ["status", *fields])
    application.status = status
    for name, value in fields.items():
        setattr(application, name, value)
    application.save()
    audit_record(
        actor=actor,
        body=application.body,
        action=AuditAction.UPDATE,
        target=application,
        changes=diff(before, snapshot(application, ["status", *fields])),
    )
    return application


@transaction.atomic
def application_decide(
    *, actor: Actor, application: SubsidyApplication, approve: bool, today: date, note: str = ""
) -> SubsidyApplication:
    """HR approves within the year's budget (refused with the figures otherwise), or refuses
    with a reason."""
    if application.status != ApplicationStatus.APPLIED:
        raise ValidationError("申請中の申請だけ承認・不承認にできます。")
    if not approve:
        if not note.strip():
            raise ValidationError({"decision_note": "不承認の理由を入力してください。"})
        return _move(
            actor, application, ApplicationStatus.REFUSED, decided_on=today, decision_note=note
        )
    scheme = SubsidyScheme.unscoped.select_for_update().get(pk=application.scheme_id)
    if problem := budget_problem(application.amount, scheme.budget, committed_of(scheme)):
        raise ValidationError(problem)
    return _move(actor, application, ApplicationStatus.APPROVED, decided_on=today)


@transaction.atomic
def application_withdraw(*, actor: Actor, application: SubsidyApplication) -> SubsidyApplication:
    """The person withdraws before the result; the budget is freed."""
    if application.status not in (ApplicationStatus.APPLIED, ApplicationStatus.APPROVED):
        raise ValidationError("結果の報告の後は取り下げられません。")
    return _move(actor, application, ApplicationStatus.WITHDRAWN)


@transaction.atomic
def result_report(
    *,
    actor: Actor,
    application: SubsidyApplication,
    passed: bool,
    today: date,
    certificate_number: str = "",
    sitting: str = "",
) -> SubsidyApplication:
    """After the exam: a pass renews the person's qualification (source: this subsidy) and
    waits for payment; a fail waits for payment too when the scheme subsidises taking the
    exam (the default, as 豊田市), or closes unpaid."""
    if application.status != ApplicationStatus.APPROVED:
        raise ValidationError("承認された申請だけ結果を報告できます。")
    if application.exam_on > today:
        raise ValidationError("受験日の後に結果を報告してください。")
    if passed:
        qualification_holding_record_pass(
            actor=actor,
            staff=application.staff,
            qualification=application.qualification,
            passed_on=application.exam_on,
            today=today,
            number=certificate_number,
            sitting=sitting,
            source_note=f"受験料補助の申請（{application.applied_on:%Y年%-m月%-d日}）",
        )
        status = ApplicationStatus.PASSED
    else:
        status = (
            ApplicationStatus.FAILED
            if application.scheme.pays_on_fail
            else ApplicationStatus.CLOSED
        )
    return _move(
        actor,
        application,
        status,
        result_reported_on=today,
        passed=passed,
        certificate_number=certificate_number if passed else "",
    )


@transaction.atomic
def payments_record(
    *, actor: Actor, body: Body, applications: list[SubsidyApplication], paid_on: date
) -> SubsidyPayment:
    """One batch: the chosen applications awaiting payment are paid on `paid_on`."""
    if not applications:
        raise ValidationError("支払う申請を選んでください。")
    unpayable = [a for a in applications if a.status not in PAYABLE or a.body_id != body.pk]
    if unpayable:
        raise ValidationError(
            "支払待ちでない申請が含まれています："
            + "、".join(f"{a.staff.full_name}（{a.get_status_display()}）" for a in unpayable)
        )
    payment = SubsidyPayment.unscoped.create(
        body=body, paid_on=paid_on, created_by=acting_user(actor)
    )
    for application in applications:
        _move(actor, application, ApplicationStatus.PAID, payment=payment)
    return payment
