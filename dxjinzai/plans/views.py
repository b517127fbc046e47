"""Pages of targets (KPI): the list with this year's progress, a target's years and trend."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dxjinzai.core import clock
from dxjinzai.core.access import AccessRequest, Perm, requires
from dxjinzai.core.access_records import records_access
from dxjinzai.core.audit import audit_record
from dxjinzai.core.charts import bar_chart
from dxjinzai.core.exports import Column
from dxjinzai.core.forms import form_errors_text, initial_of, save_with_service
from dxjinzai.core.listing import list_response, whole_list_response
from dxjinzai.core.models import AuditAction
from dxjinzai.core.selectors import record_history
from dxjinzai.lib.fiscal import fiscal_year_label
from dxjinzai.organizations.models import Body
from dxjinzai.organizations.selectors import staff_by_number
from dxjinzai.plans import certificates, selectors, services
from dxjinzai.plans.forms import (
    ActualForm,
    ApproveForm,
    CertificationRuleForm,
    RevokeForm,
    TargetForm,
    yearly_targets_text,
)
from dxjinzai.plans.presets import TARGET_PRESETS
from dxjinzai.skills.selectors import framework_choices, qualification_list, skill_items_of
from dxjinzai.training.selectors import course_list

TARGET_COLUMNS = [
    Column("目標", lambda p: p.target.name),
    Column("目標を立てた団体", lambda p: p.target.body.name),
    Column("数えるもの", lambda p: p.target.get_metric_display()),
    Column("累計", lambda p: "累計" if p.target.cumulative else ""),
    Column(
        "最新の実績の年度", lambda p: fiscal_year_label(p.latest.fiscal_year) if p.latest else ""
    ),
    Column("最新の実績", lambda p: p.latest.actual if p.latest else ""),
    Column("単位", lambda p: p.target.unit),
    Column(
        "最終目標年度",
        lambda p: (
            fiscal_year_label(p.target.final_fiscal_year) if p.target.final_fiscal_year else ""
        ),
    ),
    Column("最終目標値", lambda p: p.target.final_value),
    Column("傾向からの見込み", lambda p: p.projection.value if p.projection else ""),
]
PROGRESS_COLUMNS = [
    Column("年度", lambda line: fiscal_year_label(line.fiscal_year)),
    Column("目標", lambda line: line.target),
    Column("実績", lambda line: line.actual),
    Column("達成率（%）", lambda line: line.percent),
]


@requires(Perm.VIEW_BODY)
def target_list(request: AccessRequest, body: Body) -> HttpResponseBase:
    access = request.access
    today = clock.today()
    progress = [
        selectors.target_progress(target, today=today)
        for target in selectors.target_list(access, body)
    ]
    return whole_list_response(
        request,
        template="plans/target_list.html",
        rows=progress,
        columns=TARGET_COLUMNS,
        export_basename=f"目標_{body.name}",
        body=body,
        context={
            "body": body,
            "progress": progress,
            "can_manage": access.can(Perm.MANAGE_TALENT, body.pk),
            "presets": TARGET_PRESETS.values(),
        },
    )


@require_POST
@requires(Perm.MANAGE_TALENT)
def target_preset_load(request: AccessRequest, body: Body) -> HttpResponse:
    try:
        services.target_load_preset(actor=request.user, body=body, key=request.POST.get("key", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "目標の例を読み込みました。実績は年度ごとに入力してください。")
    return redirect("target_list", body_key=body.url_key)


def _target_form(request: AccessRequest, body: Body, initial: dict | None = None) -> TargetForm:
    access = request.access
    frameworks = framework_choices(access, body)
    return TargetForm(
        request.POST or None,
        initial=initial,
        choices={
            "talent_type": frameworks["talent_types"],
            "level": frameworks["levels"],
            "course": course_list(access, body),
            "certification_rule": selectors.rule_list(access, body),
        },
    )


@requires(Perm.MANAGE_TALENT)
def target_create(request: AccessRequest, body: Body) -> HttpResponse:
    form = _target_form(request, body)
    made: list = []
    if request.method == "POST" and save_with_service(
        form,
        lambda data: made.append(services.target_create(actor=request.user, body=body, **data)),
    ):
        messages.success(request, "目標を登録しました。")
        return redirect("target_detail", body_key=body.url_key, pk=made[0].pk)
    return render(request, "plans/form.html", {"form": form, "body": body, "title": "目標の登録"})


@requires(Perm.MANAGE_TALENT)
def target_edit(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    """Correct a target of this body (a consortium partner's is read, not corrected here)."""
    target = selectors.own_target_get(request.access, body, pk)
    initial = {name: getattr(target, name) for name in services.TARGET_EDITED_FIELDS}
    initial["yearly_targets"] = yearly_targets_text(
        {y.fiscal_year: y.target_value for y in target.years.all() if y.target_value is not None}
    )
    form = _target_form(request, body, initial)
    if request.method == "POST" and save_with_service(
        form, lambda data: services.target_update(actor=request.user, target=target, **data)
    ):
        messages.success(request, "目標を修正しました。")
        return redirect("target_detail", body_key=body.url_key, pk=target.pk)
    return render(
        request,
        "plans/form.html",
        {
            "form": form,
            "body": body,
            "title": f"目標の修正：{target.name}",
            "cancel_url": reverse("target_detail", args=[body.url_key, target.pk]),
        },
    )


@requires(Perm.VIEW_BODY)
def target_detail(request: AccessRequest, body: Body, pk: int) -> HttpResponseBase:
    access = request.access
    target = selectors.target_get(access, body, pk)
    progress = selectors.target_progress(target, today=clock.today())
    top = max(
        [Decimal(v) for line in progress.lines for v in (line.target, line.actual) if v]
        + [Decimal(1)]
    )
    chart = bar_chart(
        [
            (
                f"{fiscal_year_label(line.fiscal_year)} 実績",
                Decimal(line.actual) if line.actual is not None else None,
            )
            for line in progress.lines
        ],
        scale=top,
        unit=target.unit,
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
            "chart": chart,
            "can_manage": target.body_id == body.pk and access.can(Perm.MANAGE_TALENT, body.pk),
            "actual_form": ActualForm(),
            "history": record_history(target)
            if access.can(Perm.MANAGE_TALENT, target.body_id)
            else [],
        },
    )


@require_POST
@requires(Perm.MANAGE_TALENT)
def target_actual(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    target = selectors.target_get(request.access, body, pk)
    if target.body_id != body.pk:
        raise PermissionDenied("連携協議会全体の目標の実績は、運営する団体が入力します。")
    form = ActualForm(request.POST)
    if save_with_service(
        form,
        lambda data: services.target_actual_set(
            actor=request.user, target=target, fiscal_year=data["fiscal_year"], value=data["value"]
        ),
    ):
        messages.success(request, "実績を保存しました。")
    else:
        messages.error(request, form_errors_text(form))
    return redirect("target_detail", body_key=body.url_key, pk=target.pk)


# --- DX人材認定 and awards -------------------------------------------------------------------

CERTIFICATION_COLUMNS = [
    Column("番号", lambda c: c.number),
    Column("認定・表彰", lambda c: c.rule.name),
    Column("職員番号", lambda c: c.staff.number),
    Column("氏名", lambda c: c.staff.full_name),
    Column("所属", lambda c: c.staff.department.name if c.staff.department_id else ""),
    Column("認定日", lambda c: c.certified_on),
    Column("有効期限", lambda c: c.valid_until),
    Column("取消日", lambda c: c.revoked_on),
    Column("取消の理由", lambda c: c.revocation_reason),
]


@requires(Perm.VIEW_BODY)
def certification_home(request: AccessRequest, body: Body) -> HttpResponseBase:
    access = request.access
    return list_response(
        request,
        template="plans/certification_home.html",
        rows=selectors.certification_list(access, body),
        columns=CERTIFICATION_COLUMNS,
        export_basename=f"認定・表彰_{body.name}",
        body=body,
        context={
            "body": body,
            "rules": selectors.rule_list(access, body),
            "can_manage": access.can(Perm.MANAGE_TALENT, body.pk),
            "can_certify": access.can(Perm.CERTIFY, body.pk),
        },
    )


def _rule_form(request: AccessRequest, body: Body, initial: dict | None = None) -> Any:
    access = request.access
    frameworks = framework_choices(access, body)
    return CertificationRuleForm(
        request.POST or None,
        initial=initial,
        choices={
            "grants_talent_type": frameworks["talent_types"],
            "grants_level": frameworks["levels"],
            "required_courses": course_list(access, body),
            "required_qualifications": qualification_list(body),
            "skill_item": skill_items_of(access, body),
        },
    )


@requires(Perm.MANAGE_TALENT)
def certification_rule_create(request: AccessRequest, body: Body) -> HttpResponse:
    form = _rule_form(request, body)
    made: list = []
    if request.method == "POST" and save_with_service(
        form,
        lambda data: made.append(
            services.certification_rule_create(actor=request.user, body=body, **data)
        ),
    ):
        messages.success(request, "認定・表彰の基準を登録しました。")
        for warning in selectors.rule_warnings(made[0]):
            messages.warning(request, warning)
        return redirect("certification_candidates", body_key=body.url_key, pk=made[0].pk)
    return render(
        request, "plans/form.html", {"form": form, "body": body, "title": "認定・表彰の基準の登録"}
    )


@requires(Perm.MANAGE_TALENT)
def certification_rule_edit(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    rule = selectors.rule_get(request.access, body, pk)
    form = _rule_form(request, body, initial_of(CertificationRuleForm, rule))
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.certification_rule_update(actor=request.user, rule=rule, **data),
    ):
        messages.success(request, "認定・表彰の基準を修正しました。")
        for warning in selectors.rule_warnings(rule):
            messages.warning(request, warning)
        return redirect("certification_candidates", body_key=body.url_key, pk=rule.pk)
    return render(
        request,
        "plans/form.html",
        {
            "form": form,
            "body": body,
            "title": f"認定・表彰の基準の修正：{rule.name}",
            "cancel_url": reverse("certification_candidates", args=[body.url_key, rule.pk]),
        },
    )


@requires(Perm.MANAGE_TALENT)
@records_access("認定の候補者")
def certification_candidates(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    """Who meets the rule (to approve) and what the others still lack."""
    access = request.access
    rule = selectors.rule_get(access, body, pk)
    found = selectors.candidates(access, rule, today=clock.today())
    return render(
        request,
        "plans/candidates.html",
        {
            "body": body,
            "rule": rule,
            "eligible": [c for c in found if c.eligible],
            "not_yet": [c for c in found if not c.eligible][:100],
            "can_certify": access.can(Perm.CERTIFY, body.pk),
            "warnings": selectors.rule_warnings(rule),
        },
    )


@require_POST
@requires(Perm.CERTIFY)
def certification_approve(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    access = request.access
    rule = selectors.rule_get(access, body, pk)
    form = ApproveForm(request.POST)
    staff = None
    if form.is_valid():
        staff = staff_by_number(access, body, form.cleaned_data["number"])
    if staff is None:
        messages.error(request, "認定する職員が見つかりません。")
    else:
        try:
            made = services.certification_approve(
                actor=request.user,
                rule=rule,
                staff=staff,
                evaluation=form.cleaned_data["evaluation"],
                today=clock.today(),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{staff.full_name}さんを認定しました（{made.number}）。")
    return redirect("certification_candidates", body_key=body.url_key, pk=rule.pk)


@requires(Perm.CERTIFY)
def certification_revoke(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    """The authorised officer revokes a certification, with the reason (kept, audited)."""
    made = selectors.certification_get(request.access, body, pk)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.certification_revoke(
            actor=request.user, certification=made, today=clock.today(), **data
        ),
    ):
        messages.success(
            request, f"{made.staff.full_name}さんの認定（{made.number}）を取り消しました。"
        )
        return redirect("certification_home", body_key=body.url_key)
    return render(
        request,
        "plans/form.html",
        {
            "form": form,
            "body": body,
            "title": f"認定の取消：{made.number} {made.staff.full_name}",
            "cancel_url": reverse("certification_home", args=[body.url_key]),
        },
    )


@requires(Perm.VIEW_BODY)
def certification_pdf(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    """認定証 as PDF for whoever may see the certification; the download is audited. A
    revoked certification has no certificate any more."""
    made = selectors.certification_get(request.access, body, pk)
    if made.revoked_on:
        messages.error(request, f"この認定は{made.revoked_on:%Y年%-m月%-d日}に取り消されています。")
        return redirect("certification_home", body_key=body.url_key)
    audit_record(
        actor=request.user, body=body, action=AuditAction.EXPORT, target=made, target_type="認定証"
    )
    response = HttpResponse(certificates.certificate_pdf(made), content_type="application/pdf")
    filename = quote(f"認定証_{made.staff.full_name}_{made.number}.pdf")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response
