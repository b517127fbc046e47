"""The only writers of the shared pool: members, assignments (never over 1.0 FTE on any
day) and monthly personnel costs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from dxjinzai.core.actor import Actor, acting_user
from dxjinzai.core.audit import audit_record, diff, snapshot
from dxjinzai.core.mail import mail_after_commit
from dxjinzai.core.models import AuditAction
from dxjinzai.lib.fiscal import fiscal_year_label, fiscal_year_of
from dxjinzai.organizations.models import Body, StaffMember
from dxjinzai.organizations.selectors import partner_body_ids
from dxjinzai.sharing.models import (
    COST_ITEMS,
    POOL_FIELDS,
    AdviserActivity,
    Assignment,
    ChargeSettlement,
    ContractParticipant,
    JointContract,
    MonthlyCost,
    PoolMember,
    SupportMessage,
    SupportRequest,
    SupportStatus,
    default_cost_items,
)
from dxjinzai.sharing.rules import Share, first_overloaded_day, fiscal_years_changed_by_end


@transaction.atomic
def pool_member_create(
    *,
    actor: Actor,
    staff: StaffMember,
    display_name: str,
    fields: list[str],
    profile: str,
    joined_on: date,
) -> PoolMember:
    if PoolMember.unscoped.filter(staff=staff).exists():
        raise ValidationError(f"{staff.full_name}さんはすでに共通人材に登録されています。")
    member = PoolMember.unscoped.create(
        body=staff.body,
        staff=staff,
        display_name=display_name.strip() or staff.full_name,
        fields=fields,
        profile=profile.strip(),
        joined_on=joined_on,
    )
    audit_record(actor=actor, body=staff.body, action=AuditAction.CREATE, target=member)
    return member


@transaction.atomic
def assignment_create(
    *,
    actor: Actor,
    member: PoolMember,
    host: Body,
    start: date,
    share: Decimal,
    legal_basis: str,
    end: date | None = None,
    agreement_number: str = "",
    agreement_date: date | None = None,
    agreement_until: date | None = None,
    cost_items: list[str] | None = None,
    rounding: str = "floor",
) -> Assignment:
    """A term of service for a host; refused when the person would exceed 1.0 FTE on a day,
    or would have two overlapping terms with the same host (a share change is a new term)."""
    member = PoolMember.unscoped.select_for_update().get(pk=member.pk)
    errors: dict[str, str] = {}
    if host.pk == member.body_id or host.pk not in partner_body_ids(member.body):
        errors["host"] = "配属先は連携協議会の他の団体から選んでください。"
    if not Decimal(0) < share <= Decimal(1):
        errors["share"] = "勤務割合は0より大きく1.0以下にしてください（例：0.5）。"
    if end is not None and end < start:
        errors["end"] = "終了日は開始日以降にしてください。"
    if agreement_date is not None and start < agreement_date:
        errors["start"] = "協定等の日付より前からは配属できません。"
    if agreement_until is not None and (end is None or end > agreement_until):
        errors["end"] = (
            f"配属は協定等の期間の終わり（{agreement_until:%Y年%-m月%-d日}）までにしてください。"
        )
    items = cost_items if cost_items is not None else default_cost_items()
    if any(item not in COST_ITEMS for item in items):
        errors["cost_items"] = "負担する費目は一覧から選んでください。"
    if errors:
        raise ValidationError(errors)
    existing = list(Assignment.unscoped.filter(member=member))
    _check_same_host(existing, host, start, end)
    overloaded = first_overloaded_day(
        [Share(a.start, a.end, Fraction(a.share)) for a in existing]
        + [Share(start, end, Fraction(share))]
    )
    if overloaded is not None:
        raise ValidationError(
            {
                "share": f"{overloaded:%Y年%-m月%-d日}に{member.display_name}さんの勤務割合の合計が1.0を超えます。"
            }
        )
    assignment = Assignment.unscoped.create(
        body=member.body,
        member=member,
        host=host,
        start=start,
        end=end,
        share=share,
        legal_basis=legal_basis,
        agreement_number=agreement_number,
        agreement_date=agreement_date,
        agreement_until=agreement_until,
        cost_items=items,
        rounding=rounding,
    )
    audit_record(actor=actor, body=member.body, action=AuditAction.CREATE, target=assignment)
    return assignment


MEMBER_EDITED_FIELDS = ["display_name", "fields", "profile", "joined_on"]


@transaction.atomic
def pool_member_update(
    *,
    actor: Actor,
    member: PoolMember,
    display_name: str,
    fields: list[str],
    profile: str,
    joined_on: date,
) -> PoolMember:
    before = snapshot(member, MEMBER_EDITED_FIELDS)
    member.display_name = display_name.strip() or member.staff.full_name
    member.fields = fields
    member.profile = profile.strip()
    member.joined_on = joined_on
    member.full_clean()
    member.save()
    audit_record(
        actor=actor,
        body=member.body,
        action=AuditAction.UPDATE,
        target=member,
        changes=diff(before, snapshot(member, MEMBER_EDITED_FIELDS)),
    )
    return member


@transaction.atomic
def pool_member_withdraw(*, actor: Actor, member: PoolMember, today: date) -> PoolMember:
    """Take a person off the pool (登録を外す). The record stays: assignments, costs and
    charges rest on it. Refused while a term of service is still running."""
    if not member.is_active:
        raise ValidationError("すでに登録を外しています。")
    running = Assignment.unscoped.filter(member=member).filter(
        Q(end__isnull=True) | Q(end__gte=today)
    )
    if running.exists():
        raise ValidationError("配属中の期間があるため登録を外せません。先に配属を終えてください。")
    member.is_active = False
    member.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        body=member.body,
        action=AuditAction.UPDATE,
        target=member,
        changes={"is_active": ["登録中", "登録を外した"]},
    )
    return member


@transaction.atomic
def assignment_end_set(*, actor: Actor, assignment: Assignment, end: date | None) -> Assignment:
    """Move a term's end (end it, extend it, or open it again). Refused when the change
    would alter a fiscal year already invoiced to the host: an invoiced charge must not
    change silently (correct the invoice first)."""
    if end is not None and end < assignment.start:
        raise ValidationError({"end": "終了日は開始日以降にしてください。"})
    if assignment.agreement_until is not None and (end is None or end > assignment.agreement_until):
        raise ValidationError(
            {
                "end": f"配属は協定等の期間の終わり（{assignment.agreement_until:%Y年%-m月%-d日}）までにしてください。"
            }
        )
    if end == assignment.end:
        return assignment
    first, last = fiscal_years_changed_by_end(assignment.end, end, fiscal_year_of)
    invoiced = ChargeSettlement.unscoped.filter(
        body_id=assignment.body_id, host_id=assignment.host_id, fiscal_year__gte=first
    )
    if last is not None:
        invoiced = invoiced.filter(fiscal_year__lte=last)
    years = sorted(invoiced.values_list("fiscal_year", flat=True))
    if years:
        raise ValidationError(
            {
                "end": f"{'、'.join(fiscal_year_label(y) for y in years)}の負担金はすでに請求済みのため、その年度にかかる変更はできません。"
            }
        )
    others = [
        a for a in Assignment.unscoped.filter(member=assignment.member).exclude(pk=assignment.pk)
    ]
    _check_same_host(others, assignment.host, assignment.start, end)
    overloaded = first_overloaded_day(
        [Share(a.start, a.end, Fraction(a.share)) for a in others]
        + [Share(assignment.start, end, Fraction(assignment.share))]
    )
    if overloaded is not None:
        raise ValidationError(
            {"end": f"{overloaded:%Y年%-m月%-d日}に勤務割合の合計が1.0を超えます。"}
        )
    before = "" if assignment.end is None else assignment.end.isoformat()
    assignment.end = end
    assignment.save(update_fields=["end"])
    audit_record(
        actor=actor,
        body=assignment.body,
        action=AuditAction.UPDATE,
        target=assignment,
        changes={"end": [before, "" if end is None else end.isoformat()]},
    )
    return assignment


def _check_same_host(existing: list[Assignment], host: Body, start: date, end: date | None) -> None:
    for other in existing:
        if other.host_id != host.pk:
            continue
        if (other.end is None or other.end >= start) and (end is None or end >= other.start):
            raise ValidationError(
                {
                    "start": "同じ配属先の期間が重なっています。割合を変えるときは前の配属を終えてから登録してください。"
                }
            )


def monthly_cost_errors(
    member: PoolMember, year: int, month: int, items: dict[str, int]
) -> list[str]:
    """What is wrong with one month's cost, in the words the form and the import show."""
    if not 1 <= month <= 12:
        return ["月は1〜12で指定してください。"]
    problems = []
    unknown = [item for item in items if item not in COST_ITEMS]
    if unknown or any(amount < 0 for amount in items.values()):
        problems.append("費目は一覧から、金額は0円以上で入力してください。")
    if not _employed_in(member.staff, year, month):
        problems.append(f"{year}年{month}月は{member.display_name}さんの在職期間外です。")
    return problems


def _employed_in(staff: StaffMember, year: int, month: int) -> bool:
    """Hired by the month's end, and not every appointment ended before it began."""
    first = date(year, month, 1)
    if staff.hire_date and staff.hire_date >= date(year + (month == 12), month % 12 + 1, 1):
        return False
    ends = list(staff.appointments.filter(body=staff.body).values_list("end_date", flat=True))
    return not ends or any(end is None or end >= first for end in ends)


@transaction.atomic
def monthly_cost_set(
    *, actor: Actor, member: PoolMember, year: int, month: int, items: dict[str, int]
) -> MonthlyCost:
    """The employer records one month's personnel cost by item (yen, 0 or more)."""
    problems = monthly_cost_errors(member, year, month, items)
    if problems:
        raise ValidationError(problems)
    cost, _ = MonthlyCost.unscoped.update_or_create(
        member=member, year=year, month=month, defaults={"body": member.body, "items": items}
    )
    audit_record(
        actor=actor,
        body=member.body,
        action=AuditAction.UPDATE,
        target=cost,
        changes={f"{year}-{month:02d}": ["", str(sum(items.values()))]},
    )
    return cost


@transaction.atomic
def joint_contract_create(
    *,
    actor: Actor,
    body: Body,
    name: str,
    fiscal_year: int,
    total_cost: int,
    split_rule: str,
    participants: list[Body],
    base_percent: int = 0,
) -> JointContract:
    """A contract whose cost the participants share; they must be consortium partners."""
    _check_contract(body, split_rule, participants, base_percent)
    contract = JointContract.unscoped.create(
        body=body,
        name=name,
        fiscal_year=fiscal_year,
        total_cost=total_cost,
        split_rule=split_rule,
        base_percent=base_percent,
    )
    ContractParticipant.objects.bulk_create(
        ContractParticipant(contract=contract, body=p) for p in participants
    )
    audit_record(actor=actor, body=body, action=AuditAction.CREATE, target=contract)
    return contract


def _check_contract(
    body: Body, split_rule: str, participants: list[Body], base_percent: int
) -> None:
    allowed = partner_body_ids(body) | {body.pk}
    if not participants:
        raise ValidationError({"participants": "参加団体を1つ以上選んでください。"})
    if any(p.pk not in allowed for p in participants):
        raise ValidationError({"participants": "参加団体は連携協議会の団体から選んでください。"})
    if split_rule == "population" and any(not p.population for p in participants):
        raise ValidationError({"split_rule": "人口割には、参加団体すべての人口が必要です。"})
    if not 0 <= base_percent <= 100:
        raise ValidationError({"base_percent": "均等割の割合は0〜100%です。"})


CONTRACT_EDITED_FIELDS = ["name", "fiscal_year", "total_cost", "split_rule", "base_percent"]


@transaction.atomic
def joint_contract_update(
    *,
    actor: Actor,
    contract: JointContract,
    name: str,
    fiscal_year: int,
    total_cost: int,
    split_rule: str,
    participants: list[Body],
    base_percent: int = 0,
) -> JointContract:
    """Correct a contract; the split is computed again. A participant whose usage or
    activities are recorded cannot be taken out (its hours would vanish from the split)."""
    _check_contract(contract.body, split_rule, participants, base_percent)
    kept = {p.pk for p in participants}
    leaving = contract.participants.exclude(body_id__in=kept)
    used = [
        p.body.name
        for p in leaving.select_related("body")
        if p.usage_hours or contract.activities.filter(host_id=p.body_id).exists()
    ]
    if used:
        raise ValidationError(
            {"participants": f"{'、'.join(used)}は利用の記録があるため参加団体から外せません。"}
        )
    before = snapshot(contract, CONTRACT_EDITED_FIELDS)
    before_bodies = sorted(p.body.name for p in contract.participants.select_related("body"))
    contract.name = name
    contract.fiscal_year = fiscal_year
    contract.total_cost = total_cost
    contract.split_rule = split_rule
    contract.base_percent = base_percent
    contract.full_clean()
    contract.save()
    leaving.delete()
    present = set(contract.participants.values_list("body_id", flat=True))
    ContractParticipant.objects.bulk_create(
        ContractParticipant(contract=contract, body=p) for p in participants if p.pk not in present
    )
    changes = diff(before, snapshot(contract, CONTRACT_EDITED_FIELDS))
    after_bodies = sorted(p.name for p in participants)
    if before_bodies != after_bodies:
        changes["participants"] = ["、".join(before_bodies), "、".join(after_bodies)]
    audit_record(
        actor=actor, body=contract.body, action=AuditAction.UPDATE, target=contract, changes=changes
    )
    return contract


@transaction.atomic
def contract_usage_set(
    *, actor: Actor, contract: JointContract, participant: Body, hours: Decimal
) -> ContractParticipant:
    """Hours of support a participant received, which a usage split is based on."""
    if hours < 0:
        raise ValidationError("時間は0以上で入力してください。")
    row = ContractParticipant.objects.filter(contract=contract, body=participant).first()
    if row is None:
        raise ValidationError("この契約の参加団体ではありません。")
    before = str(row.usage_hours)
    row.usage_hours = hours
    row.save(update_fields=["usage_hours"])
    audit_record(
        actor=actor,
        body=contract.body,
        action=AuditAction.UPDATE,
        target=contract,
        changes={f"{participant.name}の利用時間": [before, str(hours)]},
    )
    return row


@transaction.atomic
def adviser_activity_record(
    *,
    actor: Actor,
    contract: JointContract,
    host: Body,
    kind: str,
    day: date,
    hours: Decimal,
    participants: int = 0,
    outcome: str = "",
    today: date,
) -> AdviserActivity:
    """An activity under a joint contract; its hours count as the host's usage."""
    errors: dict[str, str] = {}
    if not contract.participants.filter(body=host).exists():
        errors["host"] = "支援先は契約の参加団体から選んでください。"
    if not Decimal(0) < hours <= Decimal(24):
        errors["hours"] = "時間は0より大きく24以下で入力してください。"
    if day > today:
        errors["day"] = "実施日に未来の日付は指定できません。"
    if errors:
        raise ValidationError(errors)
    activity = AdviserActivity.unscoped.create(
        body=contract.body,
        contract=contract,
        host=host,
        kind=kind,
        day=day,
        hours=hours,
        participants=participants,
        outcome=outcome.strip(),
    )
    audit_record(actor=actor, body=contract.body, action=AuditAction.CREATE, target=activity)
    return activity


@transaction.atomic
def charge_invoice(
    *,
    actor: Actor,
    employer: Body,
    host: Body,
    fiscal_year: int,
    amount: int,
    on: date,
    today: date,
) -> ChargeSettlement:
    """Record that the employer invoiced the host the year's charge (as computed today)."""
    if on > today:
        raise ValidationError("請求日に先の日付は指定できません。")
    if amount <= 0:
        raise ValidationError("この年度の負担金がないため、請求できません。")
    if ChargeSettlement.unscoped.filter(body=employer, host=host, fiscal_year=fiscal_year).exists():
        raise ValidationError(f"{host.name}への{fiscal_year}年度の負担金は請求済みです。")
    settlement = ChargeSettlement.unscoped.create(
        body=employer, host=host, fiscal_year=fiscal_year, invoiced_on=on, invoiced_amount=amount
    )
    audit_record(
        actor=actor,
        body=employer,
        action=AuditAction.CREATE,
        target=settlement,
        changes={"請求額": ["", str(amount)], "請求日": ["", on.isoformat()]},
    )
    return settlement


@transaction.atomic
def charge_mark_paid(
    *, actor: Actor, settlement: ChargeSettlement, on: date, today: date
) -> ChargeSettlement:
    """Record the host's payment of an invoiced charge."""
    if settlement.paid_on is not None:
        raise ValidationError("この負担金は入金済みです。")
    if on > today or on < settlement.invoiced_on:
        raise ValidationError("入金日は請求日から今日までの日付にしてください。")
    settlement.paid_on = on
    settlement.save(update_fields=["paid_on"])
    audit_record(
        actor=actor,
        body=settlement.body,
        action=AuditAction.UPDATE,
        target=settlement,
        changes={"入金日": ["", on.isoformat()]},
    )
    return settlement


# --- Support requests (愛媛県's support centre) --------------------------------------------

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024


def support_centre_of(body: Body) -> Body:
    """The centre a body files with: the operator of its consortium (the operator itself
    files with its own centre)."""
    from dxjinzai.organizations.models import Consortium

    consortium = Consortium.objects.filter(Q(members=body) | Q(operator=body)).first()
    if consortium is None:
        raise ValidationError("連携協議会に参加していない団体は、支援を依頼できません。")
    return consortium.operator


# A request or a message is a letter, not a document (those go as attachments): about five
# pages of A4. Without a limit a 2 MB text was accepted and mailed to every party.
SUPPORT_TEXT_MAX_CHARS = 4_000


@transaction.atomic
def support_request_file(
    *,
    actor: Actor,
    body: Body,
    theme: str,
    field: str,
    urgency: str,
    desired_from: date,
    desired_until: date,
    detail: str,
    today: date,
    desired_member: PoolMember | None = None,
) -> SupportRequest:
    """A member body asks its support centre for help, naming a specialist if it wishes
    (the pool page's 「この人材に依頼する」)."""
    centre = support_centre_of(body)
    if desired_until < desired_from:
        raise ValidationError("希望する期間の終わりは、始まり以降の日にしてください。")
    if desired_until < today:
        raise ValidationError("希望する期間が過ぎています。")
    if field not in POOL_FIELDS:
        raise ValidationError("分野は一覧から選んでください。")
    if desired_member is not None and not _in_pool_of(centre, desired_member):
        raise ValidationError("希望する専門人材は連携協議会の共通人材から選んでください。")
    if len(detail) > SUPPORT_TEXT_MAX_CHARS:
        raise ValidationError(f"相談の内容は{SUPPORT_TEXT_MAX_CHARS:,}文字以内にしてください。")
    request = SupportRequest.unscoped.create(
        desired_member=desired_member,
        body=body,
        centre=centre,
        theme=theme,
        field=field,
        urgency=urgency,
        desired_from=desired_from,
        desired_until=desired_until,
        detail=detail,
        filed_by=acting_user(actor),
        filed_on=today,
    )
    audit_record(actor=actor, body=body, action=AuditAction.CREATE, target=request)
    _notify_support(request, f"{body.name}から支援依頼が届きました：{theme}", exclude=actor)
    return request


@transaction.atomic
def support_assign(
    *, actor: Actor, request: SupportRequest, member: PoolMember, urgency: str | None = None
) -> SupportRequest:
    """The centre triages (sets the urgency it judges) and assigns a specialist from the
    consortium's pool."""
    if request.status == SupportStatus.CLOSED:
        raise ValidationError("完了した依頼には担当を割り当てられません。")
    if not _in_pool_of(request.centre, member):
        raise ValidationError("担当は連携協議会の共通人材から選んでください。")
    request.member = member
    request.status = SupportStatus.ASSIGNED
    request.urgency = urgency or request.urgency
    request.save(update_fields=["member", "status", "urgency"])
    SupportMessage.objects.create(
        request=request,
        author=acting_user(actor),
        author_label=f"{request.centre.name}（支援センター）",
        text=f"担当の専門人材を{member.display_name}さんに決めました。",
    )
    audit_record(
        actor=actor,
        body=request.centre,
        action=AuditAction.UPDATE,
        target=request,
        changes={"担当": ["", member.display_name]},
    )
    _notify_support(
        request, f"支援依頼「{request.theme}」の担当を{member.display_name}さんに決めました。"
    )
    return request


def _in_pool_of(centre: Body, member: PoolMember) -> bool:
    return member.is_active and member.body_id in {centre.pk, *partner_body_ids(centre)}


@transaction.atomic
def support_reply(
    *,
    actor: Actor,
    request: SupportRequest,
    author_label: str,
    text: str,
    attachment: Any = None,
) -> SupportMessage:
    if request.status == SupportStatus.CLOSED:
        raise ValidationError("完了した依頼には書き込めません。")
    if not text.strip():
        raise ValidationError("本文を入力してください。")
    if len(text) > SUPPORT_TEXT_MAX_CHARS:
        raise ValidationError(f"本文は{SUPPORT_TEXT_MAX_CHARS:,}文字以内にしてください。")
    if attachment is not None and attachment.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError("添付ファイルは10MBまでです。")
    message = SupportMessage.objects.create(
        request=request,
        author=acting_user(actor),
        author_label=author_label,
        text=text.strip(),
        attachment=attachment or "",
        attachment_name=getattr(attachment, "name", "") or "",
    )
    _notify_support(
        request, f"支援依頼「{request.theme}」に{author_label}から返信がありました。", exclude=actor
    )
    return message


@transaction.atomic
def support_close(*, actor: Actor, request: SupportRequest, today: date) -> SupportRequest:
    if request.status == SupportStatus.CLOSED:
        raise ValidationError("この依頼は完了しています。")
    request.status = SupportStatus.CLOSED
    request.closed_on = today
    request.save(update_fields=["status", "closed_on"])
    audit_record(
        actor=actor,
        body=request.body,
        action=AuditAction.UPDATE,
        target=request,
        changes={"状況": ["", "完了"]},
    )
    return request


def _notify_support(request: SupportRequest, message: str, *, exclude: Any = None) -> None:
    """Mail the requester, the centre's operators and the specialist (not the sender)."""
    from dxjinzai.organizations.models import Role, RoleGrant

    users = [request.filed_by] if request.filed_by else []
    users += [
        grant.user
        for grant in RoleGrant.objects.filter(
            body=request.centre, role=Role.OPERATOR
        ).select_related("user")
    ]
    if request.member and request.member.staff.user:
        users.append(request.member.staff.user)
    mail_after_commit(
        subject=f"【支援依頼】{request.theme[:40]}",
        message=message,
        recipients=[u.email for u in users if getattr(exclude, "pk", None) != u.pk],
    )
