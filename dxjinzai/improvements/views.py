"""Pages of improvement activities (④ of the division dashboard) and award recommendations."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dxjinzai.core import clock
from dxjinzai.core.access import AccessRequest, Perm, requires
from dxjinzai.core.exports import Column
from dxjinzai.core.forms import initial_of, save_with_service
from dxjinzai.core.listing import list_response
from dxjinzai.core.pages import confirm_delete
from dxjinzai.core.selectors import record_history
from dxjinzai.improvements import selectors, services
from dxjinzai.improvements.forms import ImprovementForm, RecommendForm, SystemForm
from dxjinzai.improvements.models import SystemKind, SystemStatus
from dxjinzai.lib.fiscal import fiscal_year_of
from dxjinzai.organizations.models import Body, Department
from dxjinzai.organizations.selectors import department_list

IMPROVEMENT_COLUMNS = [
    Column("年度", lambda i: i.fiscal_year),
    Column("所属", lambda i: i.department.name),
    Column("取組名", lambda i: i.title),
    Column("概要", lambda i: i.summary),
    Column("表彰への推薦日", lambda i: i.award_recommended_on),
    Column("推薦の理由", lambda i: i.award_note),
]


@requires(Perm.VIEW_BODY)
def improvement_list(request: AccessRequest, body: Body) -> HttpResponseBase:
    access = request.access
    year = request.GET.get("fiscal_year", "")
    return list_response(
        request,
        template="improvements/improvement_list.html",
        rows=selectors.improvement_list(
            access, body, fiscal_year=int(year) if year.isdigit() else None
        ),
        columns=IMPROVEMENT_COLUMNS,
        export_basename=f"業務改善_{body.name}",
        body=body,
        context={
            "body": body,
            "fiscal_year": year,
            "can_report": access.can(Perm.REPORT_IMPROVEMENT, body.pk),
            "can_recommend": access.can(Perm.RECOMMEND_AWARD, body.pk),
            "editable_departments": (
                selectors.reporting_department_ids(access, body, today=clock.today())
                if access.can(Perm.REPORT_IMPROVEMENT, body.pk)
                else set()
            ),
            "recommend_form": RecommendForm(),
        },
    )


@requires(Perm.REPORT_IMPROVEMENT)
def improvement_create(request: AccessRequest, body: Body) -> HttpResponse:
    access = request.access
    this_year = fiscal_year_of(clock.today())
    departments = selectors.reporting_departments(access, body, today=clock.today())
    form = ImprovementForm(
        request.POST or None,
        departments=departments,
        fiscal_years=[this_year, this_year - 1],
        initial={"fiscal_year": this_year},
    )
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.improvement_create(
            actor=request.user, body=body, today=clock.today(), **data
        ),
    ):
        messages.success(request, "業務改善の取組を登録しました。")
        return redirect("improvement_list", body_key=body.url_key)
    return render(
        request, "improvements/form.html", {"form": form, "body": body, "title": "業務改善の登録"}
    )


@requires(Perm.REPORT_IMPROVEMENT)
def improvement_edit(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    access = request.access
    today = clock.today()
    improvement = selectors.reportable_improvement_get(access, body, pk, today=today)
    this_year = fiscal_year_of(today)
    form = ImprovementForm(
        request.POST or None,
        departments=selectors.reporting_departments(access, body, today=today),
        fiscal_years=sorted({this_year, this_year - 1, improvement.fiscal_year}, reverse=True),
        initial={
            "department": improvement.department_id,
            "fiscal_year": improvement.fiscal_year,
            "title": improvement.title,
            "summary": improvement.summary,
        },
    )
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.improvement_update(
            actor=request.user, improvement=improvement, today=today, **data
        ),
    ):
        messages.success(request, "業務改善の取組を修正しました。")
        return redirect("improvement_list", body_key=body.url_key)
    return render(
        request,
        "improvements/form.html",
        {"form": form, "body": body, "title": f"業務改善の修正：{improvement.title}"},
    )


@requires(Perm.REPORT_IMPROVEMENT)
def improvement_delete(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    improvement = selectors.reportable_improvement_get(
        request.access, body, pk, today=clock.today()
    )
    back = reverse("improvement_list", args=[body.url_key])
    return confirm_delete(
        request,
        body=body,
        what=f"業務改善の取組「{improvement.title}」",
        delete=lambda: services.improvement_delete(actor=request.user, improvement=improvement),
        back=back,
        done=back,
    )


@require_POST
@requires(Perm.RECOMMEND_AWARD)
def improvement_recommend(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    improvement = selectors.improvement_get(request.access, body, pk)
    form = RecommendForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.improvement_recommend(
            actor=request.user, improvement=improvement, note=note, today=clock.today()
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"「{improvement.title}」を表彰に推薦しました。")
    return redirect("improvement_list", body_key=body.url_key)


# --- The register of in-house systems (滋賀県) ---------------------------------------------

SYSTEM_COLUMNS = [
    Column("システム名", lambda s: s.name),
    Column("種類", lambda s: s.get_kind_display()),
    Column("所属", lambda s: s.department.name if s.department else ""),
    Column("作った職員", lambda s: s.builders),
    Column("支援した専門人材", lambda s: s.supporting_expert),
    Column("稼働開始日", lambda s: s.went_live_on),
    Column("利用者数", lambda s: s.users),
    Column("削減時間（時間／年）", lambda s: s.hours_saved_per_year),
    Column("状態", lambda s: s.get_status_display()),
    Column("備考", lambda s: s.note),
]


@requires(Perm.VIEW_BODY)
def system_list(request: AccessRequest, body: Body) -> HttpResponseBase:
    """内製システムの台帳: every member reads it; the DX division (HR, admins) keeps it."""
    kind, status = request.GET.get("kind", ""), request.GET.get("status", "")
    rows = selectors.system_list(request.access, body, kind=kind, status=status)
    return list_response(
        request,
        template="improvements/system_list.html",
        rows=rows,
        columns=SYSTEM_COLUMNS,
        export_basename=f"内製システム_{body.name}",
        body=body,
        context={
            "body": body,
            "kind": kind,
            "status": status,
            "kinds": SystemKind.choices,
            "statuses": SystemStatus.choices,
            "can_manage": request.access.can(Perm.MANAGE_TALENT, body.pk),
            "hours_saved": sum(s.hours_saved_per_year for s in rows),
        },
    )


def _departments(request: AccessRequest, body: Body) -> QuerySet[Department]:
    return department_list(request.access, body, as_of=clock.today())


@requires(Perm.MANAGE_TALENT)
def system_create(request: AccessRequest, body: Body) -> HttpResponse:
    form = SystemForm(request.POST or None, departments=_departments(request, body))
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.system_save(
            actor=request.user, body=body, today=clock.today(), **data
        ),
    ):
        messages.success(request, "内製システムを登録しました。")
        return redirect("system_list", body_key=body.url_key)
    return render(
        request,
        "improvements/system_form.html",
        {"form": form, "body": body, "title": "内製システムの登録"},
    )


@requires(Perm.MANAGE_TALENT)
def system_edit(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    system = selectors.system_get(request.access, body, pk)
    form = SystemForm(
        request.POST if request.method == "POST" else None,
        departments=_departments(request, body),
        initial=initial_of(SystemForm, system),
    )
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.system_save(
            actor=request.user, body=body, today=clock.today(), system=system, **data
        ),
    ):
        messages.success(request, f"「{system.name}」を修正しました。")
        return redirect("system_list", body_key=body.url_key)
    return render(
        request,
        "improvements/system_form.html",
        {
            "form": form,
            "body": body,
            "title": f"内製システムの修正：{system.name}",
            "history": record_history(system),
        },
    )


@requires(Perm.MANAGE_TALENT)
def system_delete(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    system = selectors.system_get(request.access, body, pk)
    back = reverse("system_list", args=[body.url_key])
    return confirm_delete(
        request,
        body=body,
        what=f"内製システム「{system.name}」",
        delete=lambda: services.system_delete(actor=request.user, system=system),
        back=back,
        done=back,
    )
