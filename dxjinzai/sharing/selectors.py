"""Reads of the shared pool and the burden charges (負担金) computed from its records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from dxjinzai.core.access import Access
from dxjinzai.core.selectors import first_or_404
from dxjinzai.lib.fiscal import fiscal_year_end, fiscal_year_start
from dxjinzai.organizations.models import Body
from dxjinzai.sharing.models import (
    AdviserActivity,
    Assignment,
    ChargeSettlement,
    JointContract,
    MonthlyCost,
    PoolMember,
    SupportRequest,
    SupportStatus,
)
from dxjinzai.sharing.rules import (
    AssignmentTerm,
    BurdenStatement,
    Participant,
    SplitRule,
    YenRounding,
    burden_charge_statement,
    split_cost,
)


def partner_bodies(body: Body, *, including_itself: bool = False) -> QuerySet[Body]:
    """The bodies sharing a consortium with `body` (and `body` itself when asked)."""
    from dxjinzai.organizations.selectors import partner_body_ids

    ids = partner_body_ids(body) | ({body.pk} if including_itself else set())
    return Body.objects.filter(pk__in=ids).order_by("code", "name")


def partner_get(body: Body, pk: int) -> Body:
    return first_or_404(partner_bodies(body).filter(pk=pk), "団体が見つかりません。")


def contract_participant_bodies(contract: JointContract) -> QuerySet[Body]:
    """The bodies taking part in a joint contract."""
    return Body.objects.filter(pk__in=contract.participants.values("body_id")).order_by("code")


def pool_list(access: Access, employer_or_partner: Body) -> QuerySet[PoolMember]:
    """The pool members the body may call on: its own, and its consortium partners'."""
    from dxjinzai.organizations.selectors import partner_body_ids

    return (
        PoolMember.objects.visible_to(access)
        .filter(
            Q(body=employer_or_partner) | Q(body_id__in=partner_body_ids(employer_or_partner)),
            is_active=True,
        )
        .select_related("body")
    )


def pool_qualifications(members: list[PoolMember]) -> dict[int, list[str]]:
    """Each pooled person's qualifications by name, for the profile partners see. Read
    unscoped on purpose: a host sees these (as on a CV) but not the holding records, their
    numbers or evidence, which stay with the employer."""
    from dxjinzai.skills.models import QualificationHolding

    names: dict[int, list[str]] = {}
    staff_to_member = {m.staff_id: m.pk for m in members}
    for staff_id, name in (
        QualificationHolding.unscoped.filter(staff_id__in=staff_to_member)
        .order_by("qualification__order", "qualification__name")
        .values_list("staff_id", "qualification__name")
        .distinct()
    ):
        names.setdefault(staff_to_member[staff_id], []).append(name)
    return names


def member_get(access: Access, body: Body, pk: int) -> PoolMember:
    return first_or_404(
        PoolMember.objects.visible_to(access).filter(body=body, pk=pk), "共通人材が見つかりません。"
    )


def current_load(member: PoolMember, on: date) -> Decimal:
    """The person's total share on a day (1.0 is full time)."""
    active = Assignment.unscoped.filter(member=member, start__lte=on).filter(
        Q(end__isnull=True) | Q(end__gte=on)
    )
    return sum((a.share for a in active), Decimal(0))


def assignment_list(access: Access, member: PoolMember) -> QuerySet[Assignment]:
    return Assignment.objects.visible_to(access).filter(member=member).select_related("host")


def own_assignment_get(access: Access, body: Body, pk: int) -> Assignment:
    """An assignment of this body's pool (a host reads its assignments, it does not change
    them)."""
    return first_or_404(
        Assignment.objects.visible_to(access)
        .filter(body=body, pk=pk)
        .select_related("host", "member"),
        "配属が見つかりません。",
    )


def cost_list(access: Access, member: PoolMember) -> QuerySet[MonthlyCost]:
    return MonthlyCost.objects.visible_to(access).filter(member=member)


@dataclass(frozen=True)
class ChargeLine:
    member: PoolMember
    host: Body
    statement: BurdenStatement


def charges(access: Access, body: Body, *, fiscal_year: int) -> list[ChargeLine]:
    """Burden charges of the fiscal year: what the body's hosts owe it (as employer), and
    what it owes (as host), one statement per pooled person and host."""
    assignments = (
        Assignment.objects.visible_to(access)
        .filter(Q(body=body) | Q(host=body))
        .filter(start__lte=fiscal_year_end(fiscal_year))
        .filter(Q(end__isnull=True) | Q(end__gte=fiscal_year_start(fiscal_year)))
        .select_related("member", "host", "body")
    )
    grouped: dict[tuple[int, int], list[Assignment]] = {}
    for assignment in assignments:
        grouped.setdefault((assignment.member_id, assignment.host_id), []).append(assignment)
    lines = []
    for terms in grouped.values():
        member = terms[0].member
        lines.append(
            ChargeLine(
                member=member,
                host=terms[0].host,
                statement=burden_charge_statement(
                    fiscal_year,
                    _monthly_costs(member),
                    [
                        AssignmentTerm(a.start, a.end, Fraction(a.share), frozenset(a.cost_items))
                        for a in terms
                    ],
                    YenRounding(terms[0].rounding),
                ),
            )
        )
    return sorted(lines, key=lambda line: (line.host.code or "", line.member.display_name))


@dataclass(frozen=True)
class ChargeTotal:
    """One employer → host pair's charge for the fiscal year, with its invoice if any."""

    employer: Body
    host: Body
    total: int
    settlement: ChargeSettlement | None


def charge_totals(
    access: Access, lines: list[ChargeLine], *, fiscal_year: int
) -> list[ChargeTotal]:
    """Who owes what: the lines summed per employer and host, with invoices and payments."""
    sums: dict[tuple[Body, Body], int] = {}
    for line in lines:
        key = (line.member.body, line.host)
        sums[key] = sums.get(key, 0) + line.statement.total
    settled = {
        (s.body_id, s.host_id): s
        for s in ChargeSettlement.objects.visible_to(access).filter(fiscal_year=fiscal_year)
    }
    return [
        ChargeTotal(employer, host, total, settled.get((employer.pk, host.pk)))
        for (employer, host), total in sorted(
            sums.items(), key=lambda item: (item[0][0].code or "", item[0][1].code or "")
        )
    ]


def statement_lines(
    access: Access, *, employer: Body, host: Body, fiscal_year: int
) -> list[ChargeLine]:
    """One host's statement from one employer: a line per pooled person."""
    return [
        line
        for line in charges(access, employer, fiscal_year=fiscal_year)
        if line.host.pk == host.pk and line.member.body_id == employer.pk
    ]


def settlement_get(access: Access, *, employer: Body, host: Body, fiscal_year: int):  # type: ignore[no-untyped-def]
    return (
        ChargeSettlement.objects.visible_to(access)
        .filter(body=employer, host=host, fiscal_year=fiscal_year)
        .first()
    )


def _monthly_costs(member: PoolMember) -> dict[tuple[int, int], dict[str, int]]:
    # Read unscoped on purpose: the host's charge is computed from the employer's costs,
    # which the host itself never sees item by item.
    return {
        (cost.year, cost.month): {k: int(v) for k, v in cost.items.items()}
        for cost in MonthlyCost.unscoped.filter(member=member)
    }


def contract_list(access: Access, body: Body) -> QuerySet[JointContract]:
    """Contracts the body made or takes part in."""
    return (
        JointContract.objects.visible_to(access)
        .filter(Q(body=body) | Q(participants__body=body))
        .distinct()
        .select_related("body")
    )


def contract_get(access: Access, body: Body, pk: int) -> JointContract:
    return first_or_404(contract_list(access, body).filter(pk=pk), "共同契約が見つかりません。")


def own_contract_get(access: Access, body: Body, pk: int) -> JointContract:
    """A contract this body made (a participant reads it; the contracting body corrects it)."""
    return first_or_404(
        contract_list(access, body).filter(pk=pk, body=body), "共同契約が見つかりません。"
    )


@dataclass(frozen=True)
class ShareLine:
    body: Body
    usage_hours: Decimal
    amount: int


def contract_split(contract: JointContract) -> list[ShareLine]:
    """Each participant's share to the yen (largest remainder: they add up to the total).

    Usage is the hours of the activities recorded under the contract; a contract without
    activity records uses the hours entered for each participant."""
    rows = list(contract.participants.select_related("body").order_by("body__code"))
    recorded = dict(
        AdviserActivity.unscoped.filter(contract=contract)
        .values("host_id")
        .annotate(total=Sum("hours"))
        .values_list("host_id", "total")
    )
    if recorded:
        for row in rows:
            row.usage_hours = recorded.get(row.body_id, Decimal(0))
    key = {row.body.code or f"x{row.body.pk}": row for row in rows}
    shares = split_cost(
        contract.total_cost,
        [
            Participant(
                key=k,
                population=row.body.population or 0,
                usage_hours=Fraction(str(row.usage_hours)),
            )
            for k, row in key.items()
        ],
        SplitRule(contract.split_rule),
        base_share=Fraction(contract.base_percent, 100),
    )
    return [ShareLine(row.body, row.usage_hours, shares[k]) for k, row in key.items()]


def activity_list(
    access: Access, body: Body, *, fiscal_year: int | None = None
) -> QuerySet[AdviserActivity]:
    """Activities the body gave (as contracting body) or received (as host)."""
    found = (
        AdviserActivity.objects.visible_to(access)
        .filter(Q(body=body) | Q(host=body))
        .select_related("host", "contract")
    )
    if fiscal_year:
        found = found.filter(
            day__gte=fiscal_year_start(fiscal_year), day__lte=fiscal_year_end(fiscal_year)
        )
    return found


@dataclass(frozen=True)
class ActivitySummary:
    host: Body
    kind_label: str
    count: int
    hours: Decimal
    participants: int


def activity_report(activities: QuerySet[AdviserActivity]) -> list[ActivitySummary]:
    """Per host and kind: activities, hours and participants (a fiscal year's report)."""
    from dxjinzai.sharing.models import ActivityKind

    rows = (
        activities.values("host_id", "kind")
        .annotate(count=Count("pk"), hours=Sum("hours"), people=Sum("participants"))
        .order_by("host__code", "kind")
    )
    hosts = {b.pk: b for b in Body.objects.filter(pk__in={row["host_id"] for row in rows})}
    return [
        ActivitySummary(
            hosts[row["host_id"]],
            ActivityKind(row["kind"]).label,
            row["count"],
            row["hours"] or Decimal(0),
            row["people"] or 0,
        )
        for row in rows
    ]


# --- Support requests --------------------------------------------------------------------


def support_list(access: Access, body: Body) -> QuerySet[SupportRequest]:
    """The body's requests, or, for the centre, every request filed with it (a specialist
    sees those assigned to them)."""
    return (
        SupportRequest.objects.visible_to(access)
        .filter(Q(body=body) | Q(centre=body))
        .select_related("body", "member")
    )


def support_get(access: Access, body: Body, pk: int) -> SupportRequest:
    return first_or_404(
        support_list(access, body).filter(pk=pk).select_related("centre"),
        "支援依頼が見つかりません。",
    )


@dataclass(frozen=True)
class SupportBoard:
    """The status board: requests by status, open ones per specialist and per body."""

    by_status: list[tuple[str, int]]
    workload: list[tuple[str, int]]
    by_body: list[tuple[str, int, int]]


def support_board(requests: QuerySet[SupportRequest]) -> SupportBoard:
    status_counts = dict(
        requests.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    open_requests = requests.exclude(status=SupportStatus.CLOSED)
    workload = (
        open_requests.filter(member__isnull=False)
        .values_list("member__display_name")
        .annotate(n=Count("pk"))
        .order_by("-n", "member__display_name")
    )
    by_body = (
        requests.values_list("body__name")
        .annotate(
            total=Count("pk"),
            open=Count("pk", filter=~Q(status=SupportStatus.CLOSED)),
        )
        .order_by("-total", "body__name")
    )
    return SupportBoard(
        by_status=[(label, status_counts.get(value, 0)) for value, label in SupportStatus.choices],
        workload=list(workload),
        by_body=list(by_body),
    )


def contract_has_activities(contract: JointContract) -> bool:
    return contract.activities.exists()


def support_attachment_get(support: SupportRequest, message_pk: int) -> Any:
    """A message of the request with an attachment, or 404."""
    message = support.messages.filter(pk=message_pk).exclude(attachment="").first()
    if message is None:
        raise Http404("添付ファイルがありません。")
    return message


def support_with_status(
    requests: QuerySet[SupportRequest], status: str
) -> QuerySet[SupportRequest]:
    """The requests in one status; every request for an unknown or empty status."""
    return requests.filter(status=status) if status in SupportStatus.values else requests
