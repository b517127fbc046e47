"""Pages of talent frameworks, the qualification register and a person's talent record."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dxjinzai.core import clock
from dxjinzai.core.access import AccessRequest, Perm, any_signed_in_user, requires
from dxjinzai.core.forms import form_errors_text, save_with_service
from dxjinzai.core.listing import list_response, whole_list_response
from dxjinzai.core.pages import confirm_delete
from dxjinzai.lib.fiscal import fiscal_year_of
from dxjinzai.organizations.models import Body
from dxjinzai.organizations.selectors import staff_get
from dxjinzai.skills import selectors, services
from dxjinzai.skills.access import (
    assessor_kind,
    require_profile_editor,
    require_qualification_registrar,
)
from dxjinzai.skills.exports import EXAM_COLUMNS, FRAMEWORK_COLUMNS, QUALIFICATION_COLUMNS
from dxjinzai.skills.forms import (
    ExamDateForm,
    FrameworkForm,
    PresetLoadForm,
    ProficiencyGridForm,
    QualificationForm,
    QualificationHoldingForm,
    TalentHoldingForm,
    TalentProfileForm,
)
from dxjinzai.skills.models import AssessorKind
from dxjinzai.skills.presets import PROFICIENCY_SCALE


@requires(Perm.VIEW_BODY)
def framework_list(request: AccessRequest, body: Body) -> HttpResponseBase:
    access = request.access
    frameworks = selectors.framework_list(access, body)
    return whole_list_response(
        request,
        template="skills/framework_list.html",
        rows=frameworks,
        columns=FRAMEWORK_COLUMNS,
        export_basename=f"人材フレームワーク_{body.name}",
        body=body,
        context={
            "body": body,
            "frameworks": frameworks,
            "form": PresetLoadForm(),
            "can_manage": access.can(Perm.MANAGE_TALENT, body.pk),
        },
    )


@require_POST
@requires(Perm.MANAGE_TALENT)
def framework_load(request: AccessRequest, body: Body) -> HttpResponse:
    form = PresetLoadForm(request.POST)
    if save_with_service(
        form,
        lambda data: services.framework_load_preset(actor=request.user, body=body, **data),
    ):
        messages.success(request, "フレームワークを読み込みました。")
    else:
        messages.error(request, form_errors_text(form))
    return redirect("framework_list", body_key=body.url_key)


@any_signed_in_user
def framework_detail(request: AccessRequest, pk: int) -> HttpResponse:
    access = request.access
    framework = selectors.framework_get(access, pk)
    return render(
        request,
        "skills/framework_detail.html",
        {
            "framework": framework,
            "body": framework.body,
            "can_manage": access.can(Perm.MANAGE_TALENT, framework.body_id),
        },
    )


def _managed_framework(request: AccessRequest, pk: int) -> Any:
    """A framework the viewer's body owns and manages; another body's shared one is theirs
    to read, not to change (403)."""
    framework = selectors.framework_get(request.access, pk)
    if not request.access.can(Perm.MANAGE_TALENT, framework.body_id):
        raise PermissionDenied("この操作を行う権限がありません。")
    return framework


@any_signed_in_user
def framework_edit(request: AccessRequest, pk: int) -> HttpResponse:
    framework = _managed_framework(request, pk)
    types = list(framework.types.all())
    initial = {
        "name": framework.name,
        "description": framework.description,
        "shared_with_consortium": framework.shared_with_consortium,
    } | {f"headcount_{t.pk}": t.target_headcount for t in types}
    bound = request.method == "POST"
    form = FrameworkForm(request.POST if bound else None, types=types, initial=initial)
    if bound and save_with_service(
        form,
        lambda data: services.framework_update(
            actor=request.user,
            framework=framework,
            headcounts=form.headcounts(),
            name=data["name"],
            description=data["description"],
            shared_with_consortium=data["shared_with_consortium"],
        ),
    ):
        messages.success(request, "フレームワークを修正しました。")
        return redirect("framework_detail", pk=framework.pk)
    return render(
        request,
        "skills/form.html",
        {
            "form": form,
            "body": framework.body,
            "title": f"フレームワークの修正：{framework.name}",
            "cancel_url": reverse("framework_detail", args=[framework.pk]),
        },
    )


@any_signed_in_user
def framework_delete(request: AccessRequest, pk: int) -> HttpResponse:
    framework = _managed_framework(request, pk)
    return confirm_delete(
        request,
        body=framework.body,
        what=f"フレームワーク「{framework.name}」",
        delete=lambda: services.framework_delete(actor=request.user, framework=framework),
        back=reverse("framework_detail", args=[framework.pk]),
        done=reverse("framework_list", args=[framework.body.url_key]),
    )


@requires(Perm.VIEW_BODY)
def qualification_list(request: AccessRequest, body: Body) -> HttpResponseBase:
    return list_response(
        request,
        template="skills/qualification_list.html",
        rows=selectors.qualification_list(body),
        columns=QUALIFICATION_COLUMNS,
        export_basename="資格一覧",
        body=body,
        context={
            "body": body,
            "can_manage": request.access.can(Perm.MANAGE_TALENT, body.pk),
        },
    )


@requires(Perm.MANAGE_TALENT)
def qualification_create(request: AccessRequest, body: Body) -> HttpResponse:
    form = QualificationForm(request.POST or None)
    if request.method == "POST" and save_with_service(
        form, lambda data: services.qualification_create(actor=request.user, body=body, **data)
    ):
        messages.success(request, "資格を登録しました。")
        return redirect("qualification_list", body_key=body.url_key)
    return render(request, "skills/form.html", {"form": form, "body": body, "title": "資格の登録"})


@requires(Perm.MANAGE_TALENT)
def qualification_edit(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    """The body's own entries only: the national catalogue is shared by every body."""
    qualification = selectors.own_qualification_get(body, pk)
    form = QualificationForm(request.POST or None, instance=qualification)
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.qualification_update(
            actor=request.user, qualification=selectors.own_qualification_get(body, pk), **data
        ),
    ):
        messages.success(request, "資格を更新しました。")
        return redirect("qualification_list", body_key=body.url_key)
    return render(request, "skills/form.html", {"form": form, "body": body, "title": "資格の編集"})


@requires(Perm.MANAGE_TALENT)
def talent_holding_create(request: AccessRequest, body: Body, number: str) -> HttpResponse:
    access = request.access
    staff = staff_get(access, body, number)
    form = TalentHoldingForm(
        request.POST or None, choices=selectors.framework_choices(access, body)
    )
    if request.method == "POST" and save_with_service(
        form, lambda data: services.talent_holding_create(actor=request.user, staff=staff, **data)
    ):
        messages.success(request, "人材像・レベルを登録しました。")
        return redirect("staff_talent", body_key=body.url_key, number=number)
    return render(
        request,
        "skills/form.html",
        {"form": form, "body": body, "staff": staff, "title": "人材像・レベル・役割区分の登録"},
    )


@requires(Perm.VIEW_BODY)
def qualification_holding_create(request: AccessRequest, body: Body, number: str) -> HttpResponse:
    """HR registers a holding; a staff member may register their own, with evidence."""
    access = request.access
    staff = staff_get(access, body, number)
    require_qualification_registrar(access, staff)
    form = QualificationHoldingForm(
        request.POST or None,
        request.FILES or None,
        qualifications=selectors.qualification_list(body),
    )
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.qualification_holding_create(
            actor=request.user, staff=staff, today=clock.today(), **data
        ),
    ):
        messages.success(request, "保有資格を登録しました。")
        return redirect("staff_talent", body_key=body.url_key, number=number)
    return render(
        request,
        "skills/form.html",
        {"form": form, "body": body, "staff": staff, "title": "保有資格の登録", "multipart": True},
    )


@requires(Perm.VIEW_BODY)
def talent_profile_edit(request: AccessRequest, body: Body, number: str) -> HttpResponse:
    """The person (or HR) keeps their goal and their experience in their own words."""
    access = request.access
    staff = staff_get(access, body, number)
    require_profile_editor(access, staff)
    profile = selectors.talent_profile(access, staff)
    initial = (
        {
            "experience": profile.experience,
            "goal_type": profile.goal_type_id,
            "goal_level": profile.goal_level_id,
        }
        if profile
        else {}
    )
    form = TalentProfileForm(
        request.POST or None, initial=initial, choices=selectors.framework_choices(access, body)
    )
    if request.method == "POST" and save_with_service(
        form, lambda data: services.talent_profile_update(actor=request.user, staff=staff, **data)
    ):
        messages.success(request, "プロフィールを保存しました。")
        return redirect("staff_talent", body_key=body.url_key, number=number)
    return render(
        request,
        "skills/form.html",
        {"form": form, "body": body, "staff": staff, "title": "目標と経験・得意分野"},
    )


@requires(Perm.VIEW_BODY)
def assessment_edit(request: AccessRequest, body: Body, number: str) -> HttpResponse:
    """A self or superior assessment against one framework's skill map, for one fiscal year."""
    access = request.access
    staff = staff_get(access, body, number)
    kind = assessor_kind(access, staff)
    frameworks = selectors.assessable_frameworks(access, body)
    if not frameworks:
        messages.error(request, "スキルマップのあるフレームワークがまだありません。")
        return redirect("staff_talent", body_key=body.url_key, number=number)
    framework = next(
        (f for f in frameworks if str(f.pk) == request.GET.get("framework")), frameworks[0]
    )
    fiscal_year = fiscal_year_of(clock.today())
    items = selectors.framework_items(framework)
    form = ProficiencyGridForm(
        request.POST or None,
        items=items,
        initial_levels=selectors.assessment_levels(access, staff, fiscal_year, kind),
    )
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.assessment_save(
            actor=request.user,
            staff=staff,
            fiscal_year=fiscal_year,
            assessor_kind=kind,
            proficiencies=form.proficiencies(),
            today=clock.today(),
        ),
    ):
        messages.success(request, "スキル評価を保存しました。")
        return redirect("staff_talent", body_key=body.url_key, number=number)
    return render(
        request,
        "skills/assessment_form.html",
        {
            "form": form,
            "body": body,
            "staff": staff,
            "framework": framework,
            "frameworks": frameworks,
            "fiscal_year": fiscal_year,
            "kind_label": AssessorKind(kind).label,
            "scale": PROFICIENCY_SCALE,
        },
    )


@any_signed_in_user
def skill_targets_edit(request: AccessRequest, pk: int) -> HttpResponse:
    """The proficiency each skill item expects of a talent type (for the gap view)."""
    access = request.access
    talent_type = selectors.talent_type_get(access, pk)
    framework = talent_type.framework
    if not access.can(Perm.MANAGE_TALENT, framework.body_id):
        raise PermissionDenied("この操作を行う権限がありません。")
    form = ProficiencyGridForm(
        request.POST or None,
        items=selectors.framework_items(framework),
        initial_levels=selectors.target_levels(talent_type),
    )
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.skill_targets_set(
            actor=request.user, talent_type=talent_type, proficiencies=form.proficiencies()
        ),
    ):
        messages.success(request, "求める習熟度を保存しました。")
        return redirect("framework_detail", pk=framework.pk)
    return render(
        request,
        "skills/targets_form.html",
        {"form": form, "body": framework.body, "talent_type": talent_type, "framework": framework},
    )


@requires(Perm.VIEW_BODY)
def exam_calendar(request: AccessRequest, body: Body) -> HttpResponseBase:
    """Upcoming exam dates for staff; HR adds dates on the same page."""
    access = request.access
    can_manage = access.can(Perm.MANAGE_TALENT, body.pk)
    form = ExamDateForm(request.POST or None, qualifications=selectors.qualification_list(body))
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied("試験日程を登録できるのは人事担当者です。")
        if save_with_service(
            form, lambda data: services.exam_date_create(actor=request.user, body=body, **data)
        ):
            messages.success(request, "試験日程を登録しました。")
            return redirect("exam_calendar", body_key=body.url_key)
    return list_response(
        request,
        template="skills/exam_calendar.html",
        rows=selectors.exam_date_list(access, body, since=clock.today()),
        columns=EXAM_COLUMNS,
        export_basename=f"試験日程_{body.name}",
        body=body,
        context={"body": body, "form": form, "can_manage": can_manage},
    )


@requires(Perm.MANAGE_TALENT)
def exam_date_edit(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    exam = selectors.exam_date_get(request.access, body, pk)
    form = ExamDateForm(
        request.POST or None,
        qualifications=selectors.qualification_list(body),
        initial={
            "qualification": exam.qualification_id,
            "exam_on": exam.exam_on,
            "application_until": exam.application_until,
            "note": exam.note,
        },
    )
    if request.method == "POST" and save_with_service(
        form, lambda data: services.exam_date_update(actor=request.user, exam=exam, **data)
    ):
        messages.success(request, "試験日程を修正しました。")
        return redirect("exam_calendar", body_key=body.url_key)
    return render(
        request,
        "skills/form.html",
        {"form": form, "body": body, "title": f"試験日程の修正：{exam.qualification.name}"},
    )


@requires(Perm.MANAGE_TALENT)
def exam_date_delete(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    exam = selectors.exam_date_get(request.access, body, pk)
    back = reverse("exam_calendar", args=[body.url_key])
    return confirm_delete(
        request,
        body=body,
        what=f"試験日程「{exam.exam_on:%Y年%-m月%-d日} {exam.qualification.name}」",
        delete=lambda: services.exam_date_delete(actor=request.user, exam=exam),
        back=back,
        done=back,
    )
