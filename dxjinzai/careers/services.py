"""The only writers of 挑戦制度 calls and applications; each write is audited."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dxjinzai.careers import rules
from dxjinzai.careers.models import ChallengeApplication, ChallengeCall, Decision
from dxjinzai.core.actor import Actor, acting_user
from dxjinzai.core.audit import audit_record, diff, snapshot
from dxjinzai.core.models import AuditAction
from dxjinzai.organizations.models import Body, StaffMember

CALL_FIELDS = [
    "fiscal_year",
    "offered_fields",
    "opens_on",
    "closes_on",
    "min_years_of_service",
    "description",
]


@transaction.atomic
def call_save(
    *, actor: Actor, body: Body, call: ChallengeCall | None = None, **values: Any
) -> ChallengeCall:
    """Open the year's call, or correct it. A field someone applied to stays offered."""
    before = None if call is None else snapshot(call, CALL_FIELDS)
    applied = set() if call is None else set(call.applications.values_list("field", flat=True))
    call = call or ChallengeCall(body=body)
    for name, value in values.items():
        setattr(call, name, value)
    if not call.offered_fields:
        raise ValidationError({"offered_fields": "公募する分野を1つ以上入力してください。"})
    if missing := applied - set(call.offered_fields):
        raise ValidationError(
            {"offered_fields": f"応募のある分野は外せません：{'、'.join(sorted(missing))}"}
        )
    if problem := rules.window_problem(call.opens_on, call.closes_on):
        raise ValidationError({"closes_on": problem})
    if (
        ChallengeCall.unscoped.filter(body=body, fiscal_year=call.fiscal_year)
        .exclude(pk=call.pk)
        .exists()
    ):
        raise ValidationError({"fiscal_year": "この年度の公募はすでにあります。"})
    call.full_clean(validate_constraints=False)
    call.save()
    audit_record(
        actor=actor,
        body=body,
        action=AuditAction.CREATE if before is None else AuditAction.UPDATE,
        target=call,
        changes=None if before is None else diff(before, snapshot(call, CALL_FIELDS)),
    )
    return call


@transaction.atomic
def application_submit(
    *,
    actor: Actor,
    call: ChallengeCall,
    staff: StaffMember,
    field: str,
    statement: str,
    today: date,
) -> ChallengeApplication:
    """A person applies to the year's call (once a year)."""
    if staff.body_id != call.body_id:
        raise ValidationError("この団体の公募ではありません。")
    problem = rules.application_problem(
        today=today,
        opens_on=call.opens_on,
        closes_on=call.closes_on,
        hire_date=staff.hire_date,
        min_years=call.min_years_of_service,
        field=field,
        fields=call.offered_fields,
    )
    if problem:
        raise ValidationError(problem)
    application = ChallengeApplication(
        body=call.body,
        call=call,
        staff=staff,
        field=field,
        statement=_written(statement),
        submitted_on=today,
    )
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        raise ValidationError("この年度の公募にはすでに応募しています。") from None
    audit_record(actor=actor, body=call.body, action=AuditAction.CREATE, target=application)
    return application


APPLICATION_CORRECTED_FIELDS = ["field", "statement"]


def _written(statement: str) -> str:
    """The statement as kept, or the error that asks for one (applying and correcting)."""
    if not statement.strip():
        raise ValidationError({"statement": "志望の理由とキャリアの計画を書いてください。"})
    return statement.strip()


@transaction.atomic
def application_correct(
    *, actor: Actor, application: ChallengeApplication, field: str, statement: str, today: date
) -> ChallengeApplication:
    """The applicant corrects the field or the statement while HR has not decided and the
    call is still open (after that, HR reads what was sent)."""
    call = application.call
    if application.decision != Decision.PENDING:
        raise ValidationError("結果の出た応募、取り下げた応募は直せません。")
    if not call.opens_on <= today <= call.closes_on:
        raise ValidationError("受付期間が終わった応募は直せません。人事担当に相談してください。")
    if field not in call.offered_fields:
        raise ValidationError({"field": "公募している分野から選んでください。"})
    before = snapshot(application, APPLICATION_CORRECTED_FIELDS)
    application.field, application.statement = field, _written(statement)
    application.save(update_fields=APPLICATION_CORRECTED_FIELDS)
    changed = diff(before, snapshot(application, APPLICATION_CORRECTED_FIELDS))
    if changed:
        audit_record(
            actor=actor,
            body=application.body,
            action=AuditAction.UPDATE,
            target=application,
            changes=changed,
        )
    return application


@transaction.atomic
def application_withdraw(*, actor: Actor, application: ChallengeApplication) -> None:
    if application.decision != Decision.PENDING:
        raise ValidationError("結果の出た応募は取り下げられません。人事担当に相談してください。")
    application.decision = Decision.WITHDRAWN
    application.save(update_fields=["decision"])
    audit_record(
        actor=actor,
        body=application.body,
        action=AuditAction.UPDATE,
        target=application,
        changes={"decision": ["審査中", "取下げ"]},
    )


@transaction.atomic
def application_decide(
    *,
    actor: Actor,
    application: ChallengeApplication,
    decision: str,
    reason: str,
    today: date,
) -> ChallengeApplication:
    """HR decides (決定 or 見送り), or corrects its decision; a withdrawn one stays so."""
    if application.decision == Decision.WITHDRAWN:
        raise ValidationError("取り下げられた応募です。")
    if decision not in (Decision.ACCEPTED, Decision.DECLINED):
        raise ValidationError({"decision": "決定か見送りを選んでください。"})
    before = application.get_decision_display()
    application.decision, application.reason = decision, reason.strip()
    application.decided_on, application.decided_by = today, acting_user(actor)
    application.save(update_fields=["decision", "reason", "decided_on", "decided_by"])
    audit_record(
        actor=actor,
        body=application.body,
        action=AuditAction.UPDATE,
        target=application,
        changes={"decision": [before, application.get_decision_display()]},
    )
    return application
