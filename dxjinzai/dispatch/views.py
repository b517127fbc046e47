"""Pages of expert dispatch. Thin: scheme and permission, a form, a service or selector."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dxjinzai.core import clock
from dxjinzai.core.access import AccessRequest, Perm, any_signed_in_user
from dxjinzai.core.audit import audit_record
from dxjinzai.core.client_ip import client_ip
from dxjinzai.core.exports import export_response
from dxjinzai.core.forms import form_errors_text, initial_of, save_with_service
from dxjinzai.core.listing import list_response, whole_list_response
from dxjinzai.core.models import AuditAction
from dxjinzai.core.pages import confirm_action
from dxjinzai.dispatch import selectors, services
from dxjinzai.dispatch.access import require_scheme_perm, scheme_view
from dxjinzai.dispatch.exports import (
    EXPERT_COLUMNS,
    PAYMENT_COLUMNS,
    REQUEST_COLUMNS,
    STATISTICS_COLUMNS,
    SUBMISSION_COLUMNS,
)
from dxjinzai.dispatch.forms import (
    ActivityForm,
    AssignForm,
    AvailabilityForm,
    ExpertForm,
    MonthForm,
    PublicRequestForm,
    ReportForm,
    RequestForm,
    SchemeForm,
    StatusForm,
)
from dxjinzai.dispatch.matching import optimal_assignment, total_score
from dxjinzai.dispatch.models import DispatchScheme, RequestStatus
from dxjinzai.dispatch.statements import payment_statement_pdf
from dxjinzai.lib.fiscal import (
    fiscal_year_end,
    fiscal_year_label,
    fiscal_year_short_label,
    fiscal_year_start,
    wareki,
    wareki_month,
)


@any_signed_in_user
def dispatch_home(request: AccessRequest) -> HttpResponse:
    schemes = list(selectors.scheme_list(request.access))
    return render(request, "dispatch/home.html", {"schemes": schemes})


def _flags(request: AccessRequest, scheme: DispatchScheme) -> dict[str, bool]:
    access = request.access
    return {
        "can_manage": access.can(Perm.MANAGE_DISPATCH, scheme.body_id),
        "can_pay": access.can(Perm.VIEW_PAYEE, scheme.body_id),
        "can_request": selectors.may_request(access, scheme),
    }


def _requesters(request: AccessRequest, scheme: DispatchScheme):  # type: ignore[no-untyped-def]
    """Bodies the user may file a request for (selectors.requester_bodies)."""
    return selectors.requester_bodies(request.access, scheme)


@scheme_view(None)
def request_list(request: AccessRequest, scheme: DispatchScheme) -> HttpResponseBase:
    status = request.GET.get("status", "")
    return list_response(
        request,
        template="dispatch/request_list.html",
        rows=selectors.request_list(request.access, scheme, status=status),
        columns=REQUEST_COLUMNS,
        export_basename=f"派遣依頼_{scheme.name}",
        body=scheme.body,
        context={
            "scheme": scheme,
            "status": status,
            "statuses": RequestStatus.choices,
            **_flags(request, scheme),
        },
    )


@scheme_view(None)
def request_create(request: AccessRequest, scheme: DispatchScheme) -> HttpResponse:
    requesters = _requesters(request, scheme)
    if not selectors.may_request(request.access, scheme):
        raise PermissionDenied("派遣を依頼できるのは、連携協議会の参加団体の担当者です。")
    form = RequestForm(request.POST or None, scheme=scheme, requesters=requesters)
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.request_create(
            actor=request.user, scheme=scheme, today=clock.today(), **data
        ),
    ):
        messages.success(request, "派遣を依頼しました。受付の連絡をお待ちください。")
        return redirect("dispatch_requests", scheme_id=scheme.pk)
    return render(
        request, "dispatch/form.html", {"form": form, "scheme": scheme, "title": "派遣の依頼"}
    )


@scheme_view(None)
def request_detail(request: AccessRequest, scheme: DispatchScheme, pk: int) -> HttpResponse:
    access = request.access
    dispatch_request = selectors.request_get(access, scheme, pk)
    flags = _flags(request, scheme)
    suggestions = selectors.suggestions(access, dispatch_request) if flags["can_manage"] else []
    return render(
        request,
        "dispatch/request_detail.html",
        {
            "scheme": scheme,
            "item": dispatch_request,
            "activities": selectors.activity_list(access, dispatch_request),
            "suggestions": suggestions,
            "assign_form": AssignForm(experts=selectors.expert_list(access, scheme)),
            "status_form": StatusForm(initial={"status": dispatch_request.status}),
            "next_statuses": [
                (s, RequestStatus(s).label) for s in services.TRANSITIONS[dispatch_request.status]
            ],
            **flags,
        },
    )


@require_POST
@scheme_view(Perm.MANAGE_DISPATCH, after_object=True)
def request_assign(request: AccessRequest, scheme: DispatchScheme, pk: int) -> HttpResponse:
    access = request.access
    dispatch_request = selectors.request_get(access, scheme, pk)
    require_scheme_perm(access, Perm.MANAGE_DISPATCH, scheme)
    form = AssignForm(request.POST, experts=selectors.expert_list(access, scheme))
    if save_with_service(
        form,
        lambda data: services.request_assign(
            actor=request.user, dispatch_request=dispatch_request, expert=data["expert"]
        ),
    ):
        messages.success(request, f"{form.cleaned_data['expert'].name}さんの派遣を決定しました。")
    else:
        messages.error(request, form_errors_text(form))
    return redirect("dispatch_request_detail", scheme_id=scheme.pk, pk=pk)


@require_POST
@scheme_view(Perm.MANAGE_DISPATCH, after_object=True)
def request_status(request: AccessRequest, scheme: DispatchScheme, pk: int) -> HttpResponse:
    dispatch_request = selectors.request_get(request.access, scheme, pk)
    require_scheme_perm(request.access, Perm.MANAGE_DISPATCH, scheme)
    try:
        services.request_transition(
            actor=request.user,
            dispatch_request=dispatch_request,
            status=request.POST.get("status", ""),
        )
        messages.success(request, f"状態を「{dispatch_request.get_status_display()}」にしました。")
    except (ValidationError, KeyError, ValueError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return redirect("dispatch_request_detail", scheme_id=scheme.pk, pk=pk)


@scheme_view(Perm.MANAGE_DISPATCH, after_object=True)
def activity_create(request: AccessRequest, scheme: DispatchScheme, pk: int) -> HttpResponse:
    dispatch_request = selectors.request_get(request.access, scheme, pk)
    require_scheme_perm(request.access, Perm.MANAGE_DISPATCH, scheme)
    form = ActivityForm(request.POST or None, initial={"day": dispatch_request.scheduled_date})
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.activity_record(
            actor=request.user, dispatch_request=dispatch_request, **data
        ),
    ):
        messages.success(request, "派遣実績を登録しました。")
        return redirect("dispatch_request_detail", scheme_id=scheme.pk, pk=pk)
    return render(
        request,
        "dispatch/form.html",
        {"form": form, "scheme": scheme, "title": f"派遣実績の登録：{dispatch_request.theme}"},
    )


@scheme_view(None)
def activity_report(request: AccessRequest, scheme: DispatchScheme, pk: int) -> HttpResponse:
    """The expert files the report of their own activity."""
    access = request.access
    activity = selectors.activity_for_expert(access, scheme, pk, user=request.user)
    form = ReportForm(request.POST or None, initial={"report": activity.report})
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.activity_report(
            actor=request.user, activity=activity, report=data["report"]
        ),
    ):
        messages.success(request, "報告を提出しました。")
        return redirect("dispatch_request_detail", scheme_id=scheme.pk, pk=activity.request_id)
    return render(
        request,
        "dispatch/form.html",
        {"form": form, "scheme": scheme, "title": f"活動の報告：{activity.day:%Y年%-m月%-d日}"},
    )


@scheme_view(Perm.MANAGE_DISPATCH)
def expert_list(request: AccessRequest, scheme: DispatchScheme) -> HttpResponseBase:
    return list_response(
        request,
        template="dispatch/expert_list.html",
        rows=selectors.expert_list(request.access, scheme),
        columns=EXPERT_COLUMNS,
        export_basename=f"専門家名簿_{scheme.name}",
        body=scheme.body,
        context={
            "scheme": scheme,
            "own_expert": selectors.own_expert(request.access, scheme),
            **_flags(request, scheme),
        },
    )


@scheme_view(Perm.MANAGE_DISPATCH)
def expert_create(request: AccessRequest, scheme: DispatchScheme) -> HttpResponse:
    form = ExpertForm(request.POST or None, scheme=scheme)
    if request.method == "POST" and save_with_service(
        form, lambda data: services.expert_create(actor=request.user, scheme=scheme, **data)
    ):
        messages.success(request, "専門家を登録しました。")
        return redirect("dispatch_experts", scheme_id=scheme.pk)
    return render(
        request, "dispatch/form.html", {"form": form, "scheme": scheme, "title": "専門家の登録"}
    )


@scheme_view(Perm.MANAGE_DISPATCH)
def expert_edit(request: AccessRequest, scheme: DispatchScheme, pk: int) -> HttpResponse:
    expert = selectors.expert_get(request.access, scheme, pk)
    form = ExpertForm(request.POST or None, scheme=scheme, initial=initial_of(ExpertForm, expert))
    if request.method == "POST" and save_with_service(
        form, lambda data: services.expert_update(actor=request.user, expert=expert, **data)
    ):
        messages.success(request, f"{expert.name}さんの登録内容を修正しました。")
        return redirect("dispatch_experts", scheme_id=scheme.pk)
    return render(
        request,
        "dispatch/form.html",
        {
            "form": form,
            "scheme": scheme,
            "title": f"専門家の修正：{expert.name}",
            "cancel_url": reverse("dispatch_experts", args=[scheme.pk]),
        },
    )


@scheme_view(Perm.MANAGE_DISPATCH)
def expert_withdraw(request: AccessRequest, scheme: DispatchScheme, pk: int) -> HttpResponse:
    expert = selectors.expert_get(request.access, scheme, pk)
    back = reverse("dispatch_experts", args=[scheme.pk])
    return confirm_action(
        request,
        body=scheme.body,
        title=f"{expert.name}さんの登録を外す",
        explanation=(
            "新しい依頼の候補から外します。これまでの派遣・謝金の記録は残ります。"
            "調整中・派遣決定の依頼があるときは外せません。"
        ),
        button="登録を外す",
        act=lambda: services.expert_withdraw(actor=request.user, expert=expert),
        done_message=f"{expert.name}さんの登録を外しました。",
        back=back,
        done=back,
    )


@scheme_view(Perm.MANAGE_DISPATCH)
def batch_matching(request: AccessRequest, scheme: DispatchScheme) -> HttpResponse:
    """The optimal assignment of every open request; the operator reviews and confirms it."""
    batch = selectors.batch_problem(request.access, scheme)
    pairs = optimal_assignment(batch.problem)
    proposal = [(batch.requests[r], batch.experts[e], batch.problem.scores[r, e]) for r, e in pairs]
    if request.method == "POST":
        confirmed = services.batch_confirm(
            actor=request.user, proposal=[(r, e) for r, e, _ in proposal]
        )
        messages.success(request, f"{confirmed}件の派遣を決定しました。")
        return redirect("dispatch_requests", scheme_id=scheme.pk)
    unmatched = [r for i, r in enumerate(batch.requests) if i not in {p[0] for p in pairs}]
    return render(
        request,
        "dispatch/batch.html",
        {
            "scheme": scheme,
            **_flags(request, scheme),
            "proposal": proposal,
            "unmatched": unmatched,
            "total": total_score(batch.problem, pairs),
        },
    )


@scheme_view(Perm.MANAGE_DISPATCH)
def statistics(request: AccessRequest, scheme: DispatchScheme) -> HttpResponseBase:
    rows = selectors.statistics(request.access, scheme)
    return list_response(
        request,
        template="dispatch/statistics.html",
        rows=rows,
        columns=STATISTICS_COLUMNS,
        export_basename=f"派遣実績統計_{scheme.name}",
        body=scheme.body,
        context={
            "scheme": scheme,
            "chart": _bars(rows),
            "chart_width": 60 + 90 * max(len(rows), 1),
            **_flags(request, scheme),
        },
    )


def _bars(rows: list) -> list[dict]:
    """Bar geometry for the server-rendered SVG chart of dispatches per year."""
    top = max((r.dispatches for r in rows), default=1) or 1
    bars = []
    for i, row in enumerate(rows):
        height = round(170 * row.dispatches / top)
        bars.append(
            {
                "label": fiscal_year_short_label(row.fiscal_year),
                "value": row.dispatches,
                "x": 60 + i * 90,
                "label_x": 85 + i * 90,
                "y": 200 - height,
                "value_y": 194 - height,
                "height": height,
            }
        )
    return bars


@scheme_view(Perm.VIEW_PAYEE)
def payments(request: AccessRequest, scheme: DispatchScheme) -> HttpResponseBase:
    form = MonthForm(request.GET or None)
    year, month = _month(request.GET.get("month", ""))
    first, last = selectors.month_bounds(year, month)
    lines = selectors.payment_lines(request.access, scheme, first=first, last=last)
    return list_response(
        request,
        template="dispatch/payments.html",
        rows=lines,
        columns=PAYMENT_COLUMNS,
        export_basename=f"謝金支払一覧_{year}-{month:02d}",
        body=scheme.body,
        context={
            "scheme": scheme,
            **_flags(request, scheme),
            "form": form,
            "year": year,
            "month": month,
            "unreported": selectors.unreported_activities(
                request.access,
                scheme,
                first=first,
                last=last,
            ),
            "totals": {
                k: sum(getattr(line, k) for line in lines)
                for k in ("honorarium", "travel", "withholding", "net")
            },
        },
    )


@require_POST
@scheme_view(Perm.VIEW_PAYEE)
def payments_mark_paid(request: AccessRequest, scheme: DispatchScheme) -> HttpResponse:
    """The paying officer ticks the payments made; unreported ones are refused."""
    try:
        ids = [int(value) for value in request.POST.getlist("activity")]
        paid_on = date.fromisoformat(request.POST.get("paid_on", ""))
    except ValueError:
        messages.error(request, "支払日と支払済にする派遣実績を指定してください。")
    else:
        try:
            count = services.activities_mark_paid(
                actor=request.user,
                scheme=scheme,
                activity_ids=ids,
                paid_on=paid_on,
                today=clock.today(),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{count}件を支払済にしました。")
    month = quote(request.POST.get("month", ""))
    return redirect(f"{reverse('dispatch_payments', args=[scheme.pk])}?month={month}")


def _month(text: str) -> tuple[int, int]:
    try:
        year, month = (int(part) for part in text.split("-", 1))
        if 1 <= month <= 12:
            return year, month
    except ValueError:
        pass
    today = clock.today()
    return today.year, today.month


# --- The public request form and its review -------------------------------------------------


@login_not_required
def public_request(request: HttpRequest, scheme_id: int) -> HttpResponse:
    """The only page without sign-in: schools, boards, universities and NPOs ask here."""
    scheme = selectors.public_scheme_get(scheme_id)
    form = PublicRequestForm(request.POST or None, scheme=scheme)
    if request.method == "POST" and form.is_valid() and form.is_bot:
        return render(request, "dispatch/public_sent.html", {"scheme": scheme})
    if request.method == "POST" and save_with_service(
        form, lambda data: _submit(request, scheme, data)
    ):
        return render(request, "dispatch/public_sent.html", {"scheme": scheme})
    return render(request, "dispatch/public_form.html", {"form": form, "scheme": scheme})


def _submit(request: HttpRequest, scheme: DispatchScheme, data: dict) -> None:
    data.pop("website", None)
    submission = services.public_submission_create(
        scheme=scheme, remote_address=client_ip(request), now=clock.now(), **data
    )
    confirm_url = request.build_absolute_uri(
        reverse("dispatch_public_confirm", args=[scheme.pk, submission.token])
    )
    services.public_submission_mail_confirmation(submission, confirm_url)


@login_not_required
def public_confirm(request: HttpRequest, scheme_id: int, token: str) -> HttpResponse:
    scheme = selectors.public_scheme_get(scheme_id)
    submission = services.public_submission_confirm(token=token)
    if submission is None or submission.scheme_id != scheme.pk:
        raise Http404("確認用のURLが正しくありません。")
    return render(request, "dispatch/public_confirmed.html", {"scheme": scheme})


public_request.access_rule = "public"  # type: ignore[attr-defined]
public_confirm.access_rule = "public"  # type: ignore[attr-defined]


@scheme_view(Perm.MANAGE_DISPATCH)
def submission_list(request: AccessRequest, scheme: DispatchScheme) -> HttpResponseBase:
    submissions = selectors.submission_list(request.access, scheme)
    return whole_list_response(
        request,
        template="dispatch/submissions.html",
        rows=submissions,
        columns=SUBMISSION_COLUMNS,
        export_basename=f"公開フォームの依頼_{scheme.name}",
        body=scheme.body,
        context={
            "scheme": scheme,
            "submissions": submissions,
            **_flags(request, scheme),
        },
    )


@require_POST
@scheme_view(Perm.MANAGE_DISPATCH, after_object=True)
def submission_decide(request: AccessRequest, scheme: DispatchScheme, pk: int) -> HttpResponse:
    submission = selectors.submission_get(request.access, scheme, pk)
    require_scheme_perm(request.access, Perm.MANAGE_DISPATCH, scheme)
    try:
        if request.POST.get("decision") == "accept":
            dispatch_request = services.public_submission_accept(
                actor=request.user, submission=submission
            )
            messages.success(request, f"「{submission.organisation}」の依頼を受け付けました。")
            return redirect("dispatch_request_detail", scheme_id=scheme.pk, pk=dispatch_request.pk)
        services.public_submission_reject(actor=request.user, submission=submission)
        messages.success(request, f"「{submission.organisation}」の依頼を不受理にしました。")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("dispatch_submissions", scheme_id=scheme.pk)


@scheme_view(Perm.VIEW_PAYEE, after_object=True)
def payment_statement(request: AccessRequest, scheme: DispatchScheme, pk: int) -> HttpResponse:
    """One expert's statement for ?month=YYYY-MM or ?fiscal_year=YYYY, as PDF (or ?format=xlsx)."""
    access = request.access
    expert = selectors.expert_get(access, scheme, pk)
    require_scheme_perm(access, Perm.VIEW_PAYEE, scheme)
    first, last, period = _period(request)
    lines = selectors.payment_lines(access, scheme, first=first, last=last, expert=expert)
    basename = f"謝金等支払明細書_{expert.name}_{first:%Y%m}"
    audit_record(
        actor=request.user,
        body=scheme.body,
        action=AuditAction.EXPORT,
        target=expert,
        target_label=f"{expert.name}の支払明細（{period}）",
    )
    if request.GET.get("format") == "xlsx":
        return export_response(lines, PAYMENT_COLUMNS, "xlsx", basename)  # type: ignore[return-value]
    pdf = payment_statement_pdf(
        scheme=scheme, expert=expert, period=period, lines=lines, issued=wareki(clock.today())
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{quote(basename)}.pdf"
    return response


def _period(request: AccessRequest) -> tuple[date, date, str]:
    if (fiscal_year := request.GET.get("fiscal_year", "")) and fiscal_year.isdigit():
        year = int(fiscal_year)
        return fiscal_year_start(year), fiscal_year_end(year), fiscal_year_label(year)
    year, month = _month(request.GET.get("month", ""))
    first, last = selectors.month_bounds(year, month)
    return first, last, f"{wareki_month(first)}分"


@require_POST
@scheme_view(None)
def request_confirm(request: AccessRequest, scheme: DispatchScheme, pk: int) -> HttpResponse:
    """The decided expert accepts the date; anyone else is refused by the service."""
    dispatch_request = selectors.request_get(request.access, scheme, pk)
    try:
        services.request_expert_confirm(
            actor=request.user, dispatch_request=dispatch_request, now=clock.now()
        )
        messages.success(request, "日程を承諾しました。")
    except ValidationError as error:
        raise PermissionDenied(" ".join(error.messages)) from error
    return redirect("dispatch_request_detail", scheme_id=scheme.pk, pk=pk)


@scheme_view(Perm.MANAGE_DISPATCH)
def scheme_settings(request: AccessRequest, scheme: DispatchScheme) -> HttpResponse:
    form = SchemeForm(request.POST or None, instance=selectors.scheme_for_form(scheme))
    if request.method == "POST" and save_with_service(
        form, lambda data: services.scheme_update(actor=request.user, scheme=scheme, **data)
    ):
        messages.success(request, "制度の設定を保存しました。")
        return redirect("dispatch_requests", scheme_id=scheme.pk)
    return render(
        request,
        "dispatch/form.html",
        {"form": form, "scheme": scheme, "title": "制度の設定（謝金・旅費・専門分野）"},
    )


@scheme_view(None)
def expert_availability(request: AccessRequest, scheme: DispatchScheme, pk: int) -> HttpResponse:
    """The days an expert cannot go: kept by the expert themself or by the scheme's managers."""
    access = request.access
    expert = selectors.expert_get(access, scheme, pk)
    if expert.user_id != request.user.pk:
        require_scheme_perm(access, Perm.MANAGE_DISPATCH, scheme)
    current = "\n".join(d.isoformat() for d in selectors.unavailable_days(expert))
    form = AvailabilityForm(request.POST or None, initial={"unavailable_days": current})
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.expert_set_unavailable_days(
            actor=request.user, expert=expert, days=data["unavailable_days"]
        ),
    ):
        messages.success(request, "対応できない日を保存しました。")
        return redirect("dispatch_requests", scheme_id=scheme.pk)
    return render(
        request,
        "dispatch/form.html",
        {"form": form, "scheme": scheme, "title": f"対応できない日：{expert.name}"},
    )
