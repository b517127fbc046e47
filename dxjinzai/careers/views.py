"""Pages of 極めたい分野挑戦制度: HR's calls with the count per year and field, a call's
applications and decisions; the person's own page to apply."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dxjinzai.careers import selectors, services
from dxjinzai.careers.exports import APPLICATION_COLUMNS, YEAR_COLUMNS
from dxjinzai.careers.forms import ApplyForm, CallForm, DecideForm
from dxjinzai.careers.models import ChallengeCall, Decision
from dxjinzai.careers.rules import DEFAULT_FIELDS
from dxjinzai.core import clock
from dxjinzai.core.access import AccessRequest, Perm, any_signed_in_user, requires
from dxjinzai.core.forms import form_errors_text, save_with_service
from dxjinzai.core.listing import list_response
from dxjinzai.core.pages import form_page, posted
from dxjinzai.core.selectors import record_history
from dxjinzai.lib.fiscal import fiscal_year_of
from dxjinzai.organizations.models import Body
from dxjinzai.organizations.selectors import own_staff_record


@requires(Perm.MANAGE_STAFF)
def challenge_list(request: AccessRequest, body: Body) -> HttpResponseBase:
    """The calls, year by year, with how many applied to each field and how many it chose."""
    rows = selectors.year_counts(request.access, body)
    return list_response(
        request,
        template="careers/challenge_list.html",
        rows=rows,
        columns=YEAR_COLUMNS,
        export_basename=f"挑戦制度_{body.name}",
        body=body,
        context={
            "body": body,
            "ict_total": selectors.field_total(request.access, body, DEFAULT_FIELDS[0]),
        },
    )


def _call_form(request: AccessRequest, call: ChallengeCall | None) -> CallForm:
    if call is None:
        today = clock.today()
        initial = {
            "fiscal_year": fiscal_year_of(today),
            "offered_fields": "\n".join(DEFAULT_FIELDS),
            "opens_on": today,
            "closes_on": today,
            "min_years_of_service": 0,
        }
    else:
        initial = {
            "fiscal_year": call.fiscal_year,
            "offered_fields": "\n".join(call.offered_fields),
            "opens_on": call.opens_on,
            "closes_on": call.closes_on,
            "min_years_of_service": call.min_years_of_service,
            "description": call.description,
        }
    return CallForm(request.POST if request.method == "POST" else None, initial=initial)


def _call_page(request: AccessRequest, body: Body, call: ChallengeCall | None) -> HttpResponse:
    form = _call_form(request, call)
    if request.method == "POST" and save_with_service(
        form, lambda data: services.call_save(actor=request.user, body=body, call=call, **data)
    ):
        messages.success(request, "公募を保存しました。")
        return redirect("challenge_list", body_key=body.url_key)
    return render(
        request,
        "careers/call_form.html",
        {
            "body": body,
            "form": form,
            "title": "挑戦制度の公募"
            if call is None
            else f"挑戦制度の公募の修正（{call.fiscal_year}年度）",
            "history": record_history(call) if call else None,
        },
    )


@requires(Perm.MANAGE_STAFF)
def challenge_create(request: AccessRequest, body: Body) -> HttpResponse:
    return _call_page(request, body, None)


@requires(Perm.MANAGE_STAFF)
def challenge_edit(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    return _call_page(request, body, selectors.call_get(request.access, body, pk))


@requires(Perm.MANAGE_STAFF)
def challenge_detail(request: AccessRequest, body: Body, pk: int) -> HttpResponseBase:
    call = selectors.call_get(request.access, body, pk)
    field, decision = request.GET.get("field", ""), request.GET.get("decision", "")
    return list_response(
        request,
        template="careers/challenge_detail.html",
        rows=selectors.application_list(request.access, call, field=field, decision=decision),
        columns=APPLICATION_COLUMNS,
        export_basename=f"挑戦制度_{call.fiscal_year}年度_{body.name}",
        body=body,
        context={
            "body": body,
            "call": call,
            "field": field,
            "decision": decision,
            "decisions": Decision.choices,
            "decide_form": DecideForm(),
        },
    )


@require_POST
@requires(Perm.MANAGE_STAFF)
def challenge_decide(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    application = selectors.application_get(request.access, body, pk)
    form = DecideForm(request.POST)
    if save_with_service(
        form,
        lambda data: services.application_decide(
            actor=request.user, application=application, today=clock.today(), **data
        ),
    ):
        messages.success(
            request,
            f"{application.staff.full_name}さんの応募を「{application.get_decision_display()}」にしました。",
        )
    else:
        messages.error(request, form_errors_text(form))
    return redirect("challenge_detail", body_key=body.url_key, pk=application.call_id)


# --- The person's own ----------------------------------------------------------------------


@any_signed_in_user
def my_challenges(request: AccessRequest) -> HttpResponse:
    """The open call of the person's body, the form to apply, and their applications."""
    own = own_staff_record(request.access)
    if own is None:
        raise Http404("職員として登録されたアカウントで応募できます。")
    today = clock.today()
    call = selectors.open_call(request.access, own.body, today)
    bound = request.method == "POST" and call is not None
    form = ApplyForm(request.POST if bound else None, fields=call.offered_fields if call else [])
    if (
        bound
        and call is not None
        and save_with_service(
            form,
            lambda data: services.application_submit(
                actor=request.user, call=call, staff=own, today=today, **data
            ),
        )
    ):
        messages.success(request, "応募しました。人事担当が結果をお知らせします。")
        return redirect("my_challenges")
    applications = selectors.own_applications(request.access)
    return render(
        request,
        "careers/mine.html",
        {
            "body": own.body,
            "call": call,
            "form": form,
            "applied": call is not None and selectors.has_applied(request.access, call),
            "applications": applications,
        },
    )


@any_signed_in_user
def my_challenge_edit(request: AccessRequest, pk: int) -> HttpResponse:
    """The applicant corrects their application while it waits for HR's decision."""
    application = selectors.own_application_get(request.access, pk)
    form = ApplyForm(
        posted(request),
        initial={"field": application.field, "statement": application.statement},
        fields=application.call.offered_fields,
    )
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.application_correct(
            actor=request.user, application=application, today=clock.today(), **data
        ),
    ):
        messages.success(request, "応募の内容を直しました。")
        return redirect("my_challenges")
    return form_page(
        request,
        form,
        title="応募の内容を直す",
        back=reverse("my_challenges"),
        lead="人事担当が結果を出す前で、受付期間の間は直せます。",
        history=record_history(application),
    )


@require_POST
@any_signed_in_user
def my_challenge_withdraw(request: AccessRequest, pk: int) -> HttpResponse:
    application = selectors.own_application_get(request.access, pk)
    try:
        services.application_withdraw(actor=request.user, application=application)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "応募を取り下げました。")
    return redirect("my_challenges")
