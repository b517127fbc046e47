"""Pages of the shared pool: profiles, assignments, personnel costs and burden charges."""

from __future__ import annotations

import io
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dxjinzai.core import clock
from dxjinzai.core.access import AccessRequest, Perm, requires
from dxjinzai.core.access_records import records_access
from dxjinzai.core.charts import bar_chart
from dxjinzai.core.exports import Column, template_response
from dxjinzai.core.forms import form_errors_text, save_with_service
from dxjinzai.core.listing import list_response, whole_list_response
from dxjinzai.core.pages import confirm_action
from dxjinzai.core.selectors import record_history
from dxjinzai.lib.fiscal import fiscal_year_choices, fiscal_year_label, fiscal_year_of
from dxjinzai.lib.text import normalize_code
from dxjinzai.organizations import selectors as org_selectors
from dxjinzai.organizations.models import Body
from dxjinzai.sharing import cost_import, selectors, services
from dxjinzai.sharing.forms import (
    AdviserActivityForm,
    AssignmentEndForm,
    AssignmentForm,
    CostImportForm,
    JointContractForm,
    MonthlyCostForm,
    PoolMemberEditForm,
    PoolMemberForm,
    SettlementDateForm,
    UsageForm,
)
from dxjinzai.sharing.models import COST_ITEMS
from dxjinzai.sharing.statements import statement_pdf, statement_title, statement_xlsx

POOL_COLUMNS = [
    Column("表示名", lambda row: row[0].display_name),
    Column("採用した団体", lambda row: row[0].body.name),
    Column("分野", lambda row: "、".join(row[0].fields)),
    Column("資格", lambda row: "、".join(row[2])),
    Column("紹介", lambda row: row[0].profile),
    Column("現在の勤務割合", lambda row: row[1]),
]
CONTRACT_COLUMNS = [
    Column("年度", lambda c: fiscal_year_label(c.fiscal_year)),
    Column("契約名", lambda c: c.name),
    Column("契約した団体", lambda c: c.body.name),
    Column("総額（円）", lambda c: c.total_cost),
    Column("按分", lambda c: c.get_split_rule_display()),
]
CHARGE_COLUMNS = [
    Column("配属先", lambda line: line.host.name),
    Column("共通人材", lambda line: line.member.display_name),
    Column("派遣元", lambda line: line.member.body.name),
    Column("年度合計（円）", lambda line: line.statement.total),
    Column("対象の月", lambda line: line.statement.months_covered),
    Column(
        "月別（円）",
        lambda line: "、".join(f"{m.month}月 {m.amount}" for m in line.statement.lines),
    ),
]

TOTAL_COLUMNS = [
    Column("負担する団体", lambda t: t.host.name),
    Column("受け取る団体", lambda t: t.employer.name),
    Column("年度合計（円）", lambda t: t.total),
    Column("請求日", lambda t: t.settlement.invoiced_on if t.settlement else ""),
    Column("請求額（円）", lambda t: t.settlement.invoiced_amount if t.settlement else ""),
    Column("入金日", lambda t: (t.settlement.paid_on or "") if t.settlement else ""),
]


@requires(Perm.VIEW_BODY)
def pool_list(request: AccessRequest, body: Body) -> HttpResponseBase:
    access = request.access
    today = clock.today()
    pool = list(selectors.pool_list(access, body))
    qualifications = selectors.pool_qualifications(pool)
    members = [(m, selectors.current_load(m, today), qualifications.get(m.pk, [])) for m in pool]
    return whole_list_response(
        request,
        template="sharing/pool_list.html",
        rows=members,
        columns=POOL_COLUMNS,
        export_basename=f"共通人材_{body.name}",
        body=body,
        context={
            "body": body,
            "members": members,
            "can_manage": access.can(Perm.MANAGE_SHARING, body.pk),
            "can_request": access.can(Perm.REQUEST_SUPPORT, body.pk),
        },
    )


@requires(Perm.MANAGE_SHARING)
def pool_member_create(request: AccessRequest, body: Body) -> HttpResponse:
    access = request.access
    form = PoolMemberForm(request.POST or None)

    def save(data: dict) -> None:
        staff = org_selectors.staff_by_number(access, body, normalize_code(data.pop("number")))
        if staff is None:
            raise ValidationError({"number": "その職員番号の職員がいません。"})
        made.append(
            services.pool_member_create(
                actor=request.user, staff=staff, fields=data.pop("specialties"), **data
            )
        )

    made: list = []
    if request.method == "POST" and save_with_service(form, save):
        messages.success(request, "共通人材に登録しました。続けて配属を登録できます。")
        return redirect("pool_member_detail", body_key=body.url_key, pk=made[0].pk)
    return render(
        request, "sharing/form.html", {"form": form, "body": body, "title": "共通人材の登録"}
    )


def _hosts(body: Body):  # type: ignore[no-untyped-def]
    return selectors.partner_bodies(body)


@requires(Perm.MANAGE_SHARING)
@records_access("共通人材の記録")
def pool_member_detail(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    access = request.access
    member = selectors.member_get(access, body, pk)
    return render(
        request,
        "sharing/member_detail.html",
        {
            "body": body,
            "member": member,
            "assignments": selectors.assignment_list(access, member),
            "costs": selectors.cost_list(access, member),
            "history": record_history(member),
            "assignment_form": AssignmentForm(hosts=_hosts(body)),
            "end_form": AssignmentEndForm(),
            "cost_form": MonthlyCostForm(),
        },
    )


@requires(Perm.MANAGE_SHARING)
def pool_member_edit(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    member = selectors.member_get(request.access, body, pk)
    form = PoolMemberEditForm(
        request.POST or None,
        initial={
            "display_name": member.display_name,
            "specialties": member.fields,
            "profile": member.profile,
            "joined_on": member.joined_on,
        },
    )
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.pool_member_update(
            actor=request.user, member=member, fields=data.pop("specialties"), **data
        ),
    ):
        messages.success(request, "共通人材の登録内容を修正しました。")
        return redirect("pool_member_detail", body_key=body.url_key, pk=member.pk)
    return render(
        request,
        "sharing/form.html",
        {"form": form, "body": body, "title": f"共通人材の修正：{member.display_name}"},
    )


@requires(Perm.MANAGE_SHARING)
def pool_member_withdraw(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    member = selectors.member_get(request.access, body, pk)
    detail = reverse("pool_member_detail", args=[body.url_key, member.pk])
    return confirm_action(
        request,
        body=body,
        title=f"{member.display_name}さんの登録を外す",
        explanation=(
            "共通人材の一覧と支援依頼の担当の候補から外します。配属・人件費・負担金の記録は"
            "残ります。配属中の期間があるときは外せません。"
        ),
        button="登録を外す",
        act=lambda: services.pool_member_withdraw(
            actor=request.user, member=member, today=clock.today()
        ),
        done_message=f"{member.display_name}さんの登録を外しました。",
        back=detail,
        done=reverse("pool_list", args=[body.url_key]),
    )


@require_POST
@requires(Perm.MANAGE_SHARING)
def assignment_end(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    """Move a term's end (the employer's managers); the charge follows from the dates."""
    assignment = selectors.own_assignment_get(request.access, body, pk)
    form = AssignmentEndForm(request.POST)
    if save_with_service(
        form,
        lambda data: services.assignment_end_set(
            actor=request.user, assignment=assignment, end=data["end"]
        ),
    ):
        messages.success(request, f"{assignment.host.name}への配属の終了日を変更しました。")
    else:
        messages.error(request, form_errors_text(form))
    return redirect("pool_member_detail", body_key=body.url_key, pk=assignment.member_id)


@require_POST
@requires(Perm.MANAGE_SHARING)
def assignment_create(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    access = request.access
    member = selectors.member_get(access, body, pk)
    form = AssignmentForm(request.POST, hosts=_hosts(body))
    if save_with_service(
        form, lambda data: services.assignment_create(actor=request.user, member=member, **data)
    ):
        messages.success(request, "配属を登録しました。")
    else:
        messages.error(request, form_errors_text(form))
    return redirect("pool_member_detail", body_key=body.url_key, pk=member.pk)


@require_POST
@requires(Perm.MANAGE_SHARING)
def monthly_cost_set(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    access = request.access
    member = selectors.member_get(access, body, pk)
    form = MonthlyCostForm(request.POST)
    if save_with_service(
        form,
        lambda data: services.monthly_cost_set(
            actor=request.user,
            member=member,
            year=data["month"][0],
            month=data["month"][1],
            items=form.items(),
        ),
    ):
        messages.success(request, "人件費を保存しました。")
    else:
        messages.error(request, form_errors_text(form))
    return redirect("pool_member_detail", body_key=body.url_key, pk=member.pk)


@requires(Perm.MANAGE_SHARING)
def charge_list(request: AccessRequest, body: Body) -> HttpResponseBase:
    """負担金: what hosts owe the body, and what it owes as a host, for a fiscal year."""
    access = request.access
    year_text = request.GET.get("fiscal_year", "")
    fiscal_year = int(year_text) if year_text.isdigit() else fiscal_year_of(clock.today())
    lines = selectors.charges(access, body, fiscal_year=fiscal_year)
    totals = selectors.charge_totals(access, lines, fiscal_year=fiscal_year)
    # The page has two tables; `table=totals` exports who owes what instead of the months.
    by_pair = request.GET.get("table") == "totals" and bool(request.GET.get("export"))
    return list_response(
        request,
        template="sharing/charges.html",
        rows=totals if by_pair else lines,
        columns=TOTAL_COLUMNS if by_pair else CHARGE_COLUMNS,
        export_basename=f"負担金_{'請求入金_' if by_pair else ''}{body.name}_{fiscal_year}",
        body=body,
        context={
            "body": body,
            "fiscal_year": fiscal_year,
            "fiscal_year_label": fiscal_year_label(fiscal_year),
            "fiscal_year_choices": fiscal_year_choices(fiscal_year_of(clock.today()), fiscal_year),
            "owed_to_us": sum(
                line.statement.total for line in lines if line.member.body_id == body.pk
            ),
            "we_owe": sum(line.statement.total for line in lines if line.host.pk == body.pk),
            "totals": totals,
            "today": clock.today(),
        },
    )


def _partner(body: Body, pk: int) -> Body:
    return selectors.partner_get(body, pk)


def _statement(
    request: AccessRequest, *, employer: Body, host: Body, fiscal_year: int
) -> FileResponse:
    """The statement as PDF (default) or XLSX (`?format=xlsx`)."""
    lines = selectors.statement_lines(
        request.access,
        employer=employer,
        host=host,
        fiscal_year=fiscal_year,
    )
    if not lines:
        raise Http404("この年度の負担金はありません。")
    title = statement_title(employer, host, fiscal_year)
    if request.GET.get("format") == "xlsx":
        data = statement_xlsx(employer, host, fiscal_year, lines)
        return FileResponse(
            io.BytesIO(data),
            as_attachment=True,
            filename=f"{title}.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    data = statement_pdf(employer, host, fiscal_year, lines, issued=clock.today())
    return FileResponse(
        io.BytesIO(data),
        as_attachment=True,
        filename=f"{title}.pdf",
        content_type="application/pdf",
    )


@requires(Perm.MANAGE_SHARING)
def charge_statement_issued(
    request: AccessRequest, body: Body, fiscal_year: int, host_pk: int
) -> FileResponse:
    """The statement the body (as employer) sends a host."""
    return _statement(request, employer=body, host=_partner(body, host_pk), fiscal_year=fiscal_year)


@requires(Perm.MANAGE_SHARING)
def charge_statement_received(
    request: AccessRequest, body: Body, fiscal_year: int, employer_pk: int
) -> FileResponse:
    """The statement the body (as host) receives from an employer."""
    return _statement(
        request, employer=_partner(body, employer_pk), host=body, fiscal_year=fiscal_year
    )


@require_POST
@requires(Perm.MANAGE_SHARING)
def charge_invoice(
    request: AccessRequest, body: Body, fiscal_year: int, host_pk: int
) -> HttpResponse:
    """Record the invoice of the year's charge, for the amount computed now."""
    host = _partner(body, host_pk)
    access = request.access
    lines = selectors.statement_lines(access, employer=body, host=host, fiscal_year=fiscal_year)
    form = SettlementDateForm(request.POST)
    if save_with_service(
        form,
        lambda data: services.charge_invoice(
            actor=request.user,
            employer=body,
            host=host,
            fiscal_year=fiscal_year,
            amount=sum(line.statement.total for line in lines),
            on=data["on"],
            today=clock.today(),
        ),
    ):
        messages.success(request, f"{host.name}への請求を記録しました。")
    else:
        messages.error(request, form_errors_text(form))
    return _back_to_charges(body, fiscal_year)


@require_POST
@requires(Perm.MANAGE_SHARING)
def charge_paid(request: AccessRequest, body: Body, fiscal_year: int, host_pk: int) -> HttpResponse:
    host = _partner(body, host_pk)
    access = request.access
    settlement = selectors.settlement_get(access, employer=body, host=host, fiscal_year=fiscal_year)
    if settlement is None:
        raise Http404("請求の記録がありません。")
    form = SettlementDateForm(request.POST)
    if save_with_service(
        form,
        lambda data: services.charge_mark_paid(
            actor=request.user, settlement=settlement, on=data["on"], today=clock.today()
        ),
    ):
        messages.success(request, f"{host.name}からの入金を記録しました。")
    else:
        messages.error(request, form_errors_text(form))
    return _back_to_charges(body, fiscal_year)


def _back_to_charges(body: Body, fiscal_year: int) -> HttpResponse:
    return redirect(f"{reverse('charge_list', args=[body.url_key])}?fiscal_year={fiscal_year}")


# --- Joint contracts (大阪府) ------------------------------------------------------------------

SPLIT_COLUMNS = [
    Column("団体コード", lambda line: line.body.code or ""),
    Column("団体", lambda line: line.body.name),
    Column("人口", lambda line: line.body.population),
    Column("支援を受けた時間", lambda line: line.usage_hours),
    Column("負担額（円）", lambda line: line.amount),
]


@requires(Perm.VIEW_BODY)
def contract_list(request: AccessRequest, body: Body) -> HttpResponseBase:
    access = request.access
    contracts = selectors.contract_list(access, body)
    return whole_list_response(
        request,
        template="sharing/contract_list.html",
        rows=contracts,
        columns=CONTRACT_COLUMNS,
        export_basename=f"共同契約_{body.name}",
        body=body,
        context={
            "body": body,
            "contracts": contracts,
            "can_manage": access.can(Perm.MANAGE_SHARING, body.pk),
        },
    )


@requires(Perm.MANAGE_SHARING)
def contract_create(request: AccessRequest, body: Body) -> HttpResponse:
    bodies = selectors.partner_bodies(body, including_itself=True)
    form = JointContractForm(
        request.POST or None, bodies=bodies, initial={"fiscal_year": fiscal_year_of(clock.today())}
    )
    made: list = []
    if request.method == "POST" and save_with_service(
        form,
        lambda data: made.append(
            services.joint_contract_create(
                actor=request.user,
                body=body,
                **data | {"participants": list(data["participants"])},
            )
        ),
    ):
        messages.success(request, "共同契約を登録しました。")
        return redirect("contract_detail", body_key=body.url_key, pk=made[0].pk)
    return render(
        request, "sharing/form.html", {"form": form, "body": body, "title": "共同契約の登録"}
    )


@requires(Perm.MANAGE_SHARING)
def contract_edit(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    contract = selectors.own_contract_get(request.access, body, pk)
    form = JointContractForm(
        request.POST or None,
        bodies=selectors.partner_bodies(body, including_itself=True),
        initial={
            "name": contract.name,
            "fiscal_year": contract.fiscal_year,
            "total_cost": contract.total_cost,
            "split_rule": contract.split_rule,
            "base_percent": contract.base_percent,
            "participants": list(selectors.contract_participant_bodies(contract)),
        },
    )
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.joint_contract_update(
            actor=request.user,
            contract=contract,
            **data | {"participants": list(data["participants"])},
        ),
    ):
        messages.success(request, "共同契約を修正しました。")
        return redirect("contract_detail", body_key=body.url_key, pk=contract.pk)
    return render(
        request,
        "sharing/form.html",
        {"form": form, "body": body, "title": f"共同契約の修正：{contract.name}"},
    )


@requires(Perm.VIEW_BODY)
def contract_detail(request: AccessRequest, body: Body, pk: int) -> HttpResponseBase:
    access = request.access
    contract = selectors.contract_get(access, body, pk)
    lines = selectors.contract_split(contract)
    can_manage = contract.body_id == body.pk and access.can(Perm.MANAGE_SHARING, body.pk)
    return list_response(
        request,
        template="sharing/contract_detail.html",
        rows=lines,
        columns=SPLIT_COLUMNS,
        export_basename=f"費用按分_{contract.name}",
        body=body,
        context={
            "body": body,
            "contract": contract,
            "total": sum(line.amount for line in lines),
            "can_manage": can_manage,
            "activity_form": AdviserActivityForm(
                bodies=selectors.contract_participant_bodies(contract)
            ),
            "has_activities": selectors.contract_has_activities(contract),
            "history": record_history(contract) if can_manage else [],
            "usage_form": UsageForm(bodies=selectors.contract_participant_bodies(contract)),
        },
    )


@require_POST
@requires(Perm.MANAGE_SHARING)
def contract_usage(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    access = request.access
    contract = selectors.contract_get(access, body, pk)
    if contract.body_id != body.pk:
        raise PermissionDenied("利用時間を入力できるのは契約した団体です。")
    form = UsageForm(request.POST, bodies=selectors.contract_participant_bodies(contract))
    if save_with_service(
        form,
        lambda data: services.contract_usage_set(
            actor=request.user,
            contract=contract,
            participant=data["participant"],
            hours=data["hours"],
        ),
    ):
        messages.success(request, "利用時間を保存しました。")
    else:
        messages.error(request, form_errors_text(form))
    return redirect("contract_detail", body_key=body.url_key, pk=contract.pk)


# --- Adviser and specialist activities ---------------------------------------------------------

ACTIVITY_COLUMNS = [
    Column("実施日", lambda a: a.day),
    Column("支援先", lambda a: a.host.name),
    Column("種類", lambda a: a.get_kind_display()),
    Column("時間", lambda a: a.hours),
    Column("参加人数", lambda a: a.participants),
    Column("共同契約", lambda a: a.contract.name),
    Column("内容・成果", lambda a: a.outcome),
]


@requires(Perm.VIEW_BODY)
def activity_list(request: AccessRequest, body: Body) -> HttpResponseBase:
    """Activities given or received in a fiscal year, with the report per host and kind."""
    access = request.access
    year_text = request.GET.get("fiscal_year", "")
    fiscal_year = int(year_text) if year_text.isdigit() else fiscal_year_of(clock.today())
    activities = selectors.activity_list(access, body, fiscal_year=fiscal_year)
    report = selectors.activity_report(activities)
    hours_by_host: dict[str, Decimal] = {}
    for row in report:
        hours_by_host[row.host.name] = hours_by_host.get(row.host.name, Decimal(0)) + row.hours
    chart = bar_chart(
        list(hours_by_host.items()),
        scale=max([*hours_by_host.values(), Decimal(1)]),
        unit="時間",
    )
    return list_response(
        request,
        template="sharing/activity_list.html",
        rows=activities,
        columns=ACTIVITY_COLUMNS,
        export_basename=f"支援活動_{body.name}_{fiscal_year}",
        body=body,
        context={
            "body": body,
            "fiscal_year": fiscal_year,
            "fiscal_year_label": fiscal_year_label(fiscal_year),
            "fiscal_year_choices": fiscal_year_choices(fiscal_year_of(clock.today()), fiscal_year),
            "report": report,
            "chart": chart,
        },
    )


@require_POST
@requires(Perm.MANAGE_SHARING)
def activity_create(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    access = request.access
    contract = selectors.contract_get(access, body, pk)
    if contract.body_id != body.pk:
        raise PermissionDenied("支援活動を記録できるのは契約した団体です。")
    hosts = selectors.contract_participant_bodies(contract)
    form = AdviserActivityForm(request.POST, bodies=hosts)
    if save_with_service(
        form,
        lambda data: services.adviser_activity_record(
            actor=request.user, contract=contract, today=clock.today(), **data
        ),
    ):
        messages.success(request, "支援活動を記録しました。")
    else:
        messages.error(request, form_errors_text(form))
    return redirect("contract_detail", body_key=body.url_key, pk=contract.pk)


@requires(Perm.MANAGE_SHARING)
def monthly_cost_import(request: AccessRequest, body: Body) -> HttpResponseBase:
    """The employer's payroll file of the pool's monthly costs; all rows or none.
    `?template=<format>` downloads the template file."""
    if template := request.GET.get("template"):
        return template_response(cost_import.TEMPLATE_EXAMPLE, template, "月別人件費の取込")
    form = CostImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = cost_import.monthly_cost_import(
            actor=request.user, employer=body, data=upload.read(), filename=upload.name
        )
        if result.ok:
            messages.success(request, f"{result.recorded}件の月別人件費を取り込みました。")
            return redirect("pool_list", body_key=body.url_key)
    return render(
        request,
        "sharing/cost_import.html",
        {"body": body, "form": form, "result": result, "cost_items": COST_ITEMS},
        status=422 if result is not None else 200,
    )
