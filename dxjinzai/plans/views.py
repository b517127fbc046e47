"""Pages of targets (KPI): the list with this year's progress, a target's years and trend."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dxjinzai.core.access import Perm, requires
from dxjinzai.core.charts import chart_height, horizontal_bars
from dxjinzai.core.exports import Column
from dxjinzai.core.forms import save_with_service
from dxjinzai.core.listing import list_response
from dxjinzai.lib.fiscal import fiscal_year_label
from dxjinzai.organizations.models import Body
from dxjinzai.plans import selectors, services
from dxjinzai.plans.forms import ActualForm, TargetForm
from dxjinzai.skills.selectors import framework_choices
from dxjinzai.training.selectors import course_list

PROGRESS_COLUMNS = [
    Column("年度", lambda line: fiscal_year_label(line.fiscal_year)),
    Column("目標", lambda line: line.target),
    Column("実績", lambda line: line.actual),
    Column("達成率（%）", lambda line: line.percent),
]


@requires(Perm.VIEW_BODY)
def target_list(request: HttpRequest, body: Body) -> HttpResponse:
    access = request.access  # type: ignore[attr-defined]
    today = date.today()
    progress = [
        selectors.target_progress(target, today=today)
        for target in selectors.target_list(access, body)
    ]
    return render(
        request,
        "plans/target_list.html",
        {"body": body, "progress": progress, "can_manage": access.can(Perm.MANAGE_TALENT, body.pk)},
    )


@requires(Perm.MANAGE_TALENT)
def target_create(request: HttpRequest, body: Body) -> HttpResponse:
    access = request.access  # type: ignore[attr-defined]
    frameworks = framework_choices(access, body)
    form = TargetForm(
        request.POST or None,
        choices={
            "talent_type": frameworks["talent_types"],
            "level": frameworks["levels"],
            "course": course_list(access, body),
        },
    )
    if request.method == "POST" and save_with_service(
        form, lambda data: services.target_create(actor=request.user, body=body, **data)
    ):
        messages.success(request, "目標を登録しました。")
        return redirect("target_list", body_key=body.url_key)
    return render(request, "plans/form.html", {"form": form, "body": body, "title": "目標の登録"})


@requires(Perm.VIEW_BODY)
def target_detail(request: HttpRequest, body: Body, pk: int) -> HttpResponseBase:
    access = request.access  # type: ignore[attr-defined]
    target = selectors.target_get(access, body, pk)
    progress = selectors.target_progress(target, today=date.today())
    top = max(
        [Decimal(v) for line in progress.lines for v in (line.target, line.actual) if v]
        + [Decimal(1)]
    )
    bars = horizontal_bars(
        [
            (
                f"{fiscal_year_label(line.fiscal_year)} 実績",
                Decimal(line.actual) if line.actual is not None else None,
            )
            for line in progress.lines
        ],
        scale=top,
    )
    return list_response(
        request,
        template="plans/target_detail.html",
        rows=progress.lines,
        columns=PROGRESS_COLUMNS,
        export_basename=f"目標の進捗_{target.name}",
        body=body,
        context={
            "body": body,
            "target": target,
            "progress": progress,
            "bars": bars,
            "chart_height": chart_height(bars),
            "can_manage": access.can(Perm.MANAGE_TALENT, body.pk),
            "actual_form": ActualForm(),
        },
    )


@require_POST
@requires(Perm.MANAGE_TALENT)
def target_actual(request: HttpRequest, body: Body, pk: int) -> HttpResponse:
    target = selectors.target_get(request.access, body, pk)  # type: ignore[attr-defined]
    form = ActualForm(request.POST)
    if save_with_service(
        form,
        lambda data: services.target_actual_set(
            actor=request.user, target=target, fiscal_year=data["fiscal_year"], value=data["value"]
        ),
    ):
        messages.success(request, "実績を保存しました。")
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("target_detail", body_key=body.url_key, pk=target.pk)
