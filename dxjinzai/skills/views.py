"""Pages of talent frameworks, the qualification register and a person's talent record."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dxjinzai.core.access import Perm, any_signed_in_user, requires
from dxjinzai.core.forms import save_with_service
from dxjinzai.core.listing import list_response
from dxjinzai.organizations.models import Body
from dxjinzai.organizations.selectors import staff_get
from dxjinzai.skills import selectors, services
from dxjinzai.skills.exports import QUALIFICATION_COLUMNS
from dxjinzai.skills.forms import (
    PresetLoadForm,
    QualificationForm,
    QualificationHoldingForm,
    TalentHoldingForm,
)
from dxjinzai.training.record import talent_record


@requires(Perm.VIEW_BODY)
def framework_list(request: HttpRequest, body: Body) -> HttpResponse:
    access = request.access  # type: ignore[attr-defined]
    return render(
        request,
        "skills/framework_list.html",
        {
            "body": body,
            "frameworks": selectors.framework_list(access, body),
            "form": PresetLoadForm(),
            "can_manage": access.can(Perm.MANAGE_TALENT, body.pk),
        },
    )


@require_POST
@requires(Perm.MANAGE_TALENT)
def framework_load(request: HttpRequest, body: Body) -> HttpResponse:
    form = PresetLoadForm(request.POST)
    if save_with_service(
        form,
        lambda data: services.framework_load_preset(actor=request.user, body=body, **data),
    ):
        messages.success(request, "フレームワークを読み込みました。")
    else:
        for error in form.errors.values():
            messages.error(request, " ".join(str(e) for e in error))
    return redirect("framework_list", body_key=body.url_key)


@any_signed_in_user
def framework_detail(request: HttpRequest, pk: int) -> HttpResponse:
    framework = selectors.framework_get(request.access, pk)  # type: ignore[attr-defined]
    return render(
        request, "skills/framework_detail.html", {"framework": framework, "body": framework.body}
    )


@requires(Perm.VIEW_BODY)
def qualification_list(request: HttpRequest, body: Body) -> HttpResponseBase:
    return list_response(
        request,
        template="skills/qualification_list.html",
        rows=selectors.qualification_list(body),
        columns=QUALIFICATION_COLUMNS,
        export_basename="資格一覧",
        body=body,
        context={
            "body": body,
            "can_manage": request.access.can(Perm.MANAGE_TALENT, body.pk),  # type: ignore[attr-defined]
        },
    )


@requires(Perm.MANAGE_TALENT)
def qualification_create(request: HttpRequest, body: Body) -> HttpResponse:
    form = QualificationForm(request.POST or None)
    if request.method == "POST" and save_with_service(
        form, lambda data: services.qualification_create(actor=request.user, body=body, **data)
    ):
        messages.success(request, "資格を登録しました。")
        return redirect("qualification_list", body_key=body.url_key)
    return render(request, "skills/form.html", {"form": form, "body": body, "title": "資格の登録"})


@requires(Perm.VIEW_BODY)
def staff_talent(request: HttpRequest, body: Body, number: str) -> HttpResponse:
    """One person's talent record: types, qualifications, training, what is required."""
    access = request.access  # type: ignore[attr-defined]
    staff = staff_get(access, body, number)
    return render(
        request,
        "skills/staff_talent.html",
        {
            "body": body,
            "staff": staff,
            "record": talent_record(access, staff, today=date.today()),
            "can_manage": access.can(Perm.MANAGE_TALENT, body.pk),
            "is_self": staff.pk == access.staff_id,
        },
    )


@requires(Perm.MANAGE_TALENT)
def talent_holding_create(request: HttpRequest, body: Body, number: str) -> HttpResponse:
    access = request.access  # type: ignore[attr-defined]
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
def qualification_holding_create(request: HttpRequest, body: Body, number: str) -> HttpResponse:
    """HR registers a holding; a staff member may register their own, with evidence."""
    access = request.access  # type: ignore[attr-defined]
    staff = staff_get(access, body, number)
    if staff.pk != access.staff_id and not access.can(Perm.MANAGE_TALENT, body.pk):
        raise PermissionDenied("資格を登録できるのは本人と人事担当者です。")
    form = QualificationHoldingForm(
        request.POST or None,
        request.FILES or None,
        qualifications=selectors.qualification_list(body),
    )
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.qualification_holding_create(
            actor=request.user, staff=staff, today=date.today(), **data
        ),
    ):
        messages.success(request, "保有資格を登録しました。")
        return redirect("staff_talent", body_key=body.url_key, number=number)
    return render(
        request,
        "skills/form.html",
        {"form": form, "body": body, "staff": staff, "title": "保有資格の登録", "multipart": True},
    )
