"""Pages of the exam-fee subsidy: HR's year (scheme, budget, decisions), payments in batches
and the year's statistics; the person's own applications from My page."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dxjinzai.core import clock
from dxjinzai.core.access import AccessRequest, Perm, any_signed_in_user, requires
from dxjinzai.core.charts import bar_chart
from dxjinzai.core.forms import form_errors_text, save_with_service
from dxjinzai.core.listing import list_response
from dxjinzai.core.selectors import record_history
from dxjinzai.lib.fiscal import fiscal_year_choices, fiscal_year_label, fiscal_year_of
from dxjinzai.organizations.models import Body
from dxjinzai.organizations.selectors import own_staff_record
from dxjinzai.skills.selectors import qualification_list
from dxjinzai.subsidies import selectors, services
from dxjinzai.subsidies.exports import APPLICATION_COLUMNS, PAYMENT_COLUMNS, STATISTICS_COLUMNS
from dxjinzai.subsidies.forms import ApplyForm, DecisionForm, PaymentForm, ResultForm, SchemeForm
from dxjinzai.subsidies.models import SubsidyScheme


def _year(request: AccessRequest) -> int:
    text = request.GET.get("fiscal_year", "")
    return int(text) if text.isdigit() else fiscal_year_of(clock.today())


def _year_context(body: Body, fiscal_year: int) -> dict:
    return {
        "body": body,
        "fiscal_year": fiscal_year,
        "fiscal_year_label": fiscal_year_label(fiscal_year),
        "fiscal_year_choices": fiscal_year_choices(fiscal_year_of(clock.today()), fiscal_year),
    }


@requires(Perm.MANAGE_TALENT)
def subsidy_home(request: AccessRequest, body: Body) -> HttpResponseBase:
    """HR's year: the scheme, the budget's figures and the applications to decide."""
    fiscal_year = _year(request)
    scheme = selectors.scheme_of(request.access, body, fiscal_year)
    rows = list(selectors.applications(request.access, scheme)) if scheme else []
    return list_response(
        request,
        template="subsidies/home.html",
        rows=rows,
        columns=APPLICATION_COLUMNS,
        export_basename=f"受験料補助_申請_{body.name}_{fiscal_year}",
        body=body,
        context=_year_context(body, fiscal_year)
        | {
            "scheme": scheme,
            "budget": selectors.budget_of(request.access, scheme) if scheme else None,
            "decision_form": DecisionForm(),
        },
    )


@requires(Perm.MANAGE_TALENT)
def scheme_edit(request: AccessRequest, body: Body) -> HttpResponse:
    fiscal_year = _year(request)
    scheme = selectors.scheme_of(request.access, body, fiscal_year)
    bound = request.method == "POST"
    form = SchemeForm(
        request.POST if bound else None,
        instance=None,
        initial=_scheme_initial(scheme),
        qualifications=qualification_list(body),
    )
    if bound and save_with_service(
        form,
        lambda data: services.scheme_save(
            actor=request.user, body=body, fiscal_year=fiscal_year, **data
        ),
    ):
        messages.success(request, f"{fiscal_year_label(fiscal_year)}の受験料補助を保存しました。")
        return redirect(f"{_home_url(body)}?fiscal_year={fiscal_year}")
    return render(
        request,
        "subsidies/form.html",
        _year_context(body, fiscal_year)
        | {
            "form": form,
            "title": f"受験料補助の設定（{fiscal_year_label(fiscal_year)}）",
            "history": record_history(scheme) if scheme else [],
        },
    )


def _scheme_initial(scheme: SubsidyScheme | None) -> dict:
    if scheme is None:
        return {}
    return {name: getattr(scheme, name) for name in services.SCHEME_FIELDS} | {
        "qualifications": list(scheme.qualifications.all())
    }


def _home_url(body: Body) -> str:
    return reverse("subsidy_home", args=[body.url_key])


@require_POST
@requires(Perm.MANAGE_TALENT)
def subsidy_decide(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    application = selectors.application_get(request.access, body, pk)
    form = DecisionForm(request.POST)
    if save_with_service(
        form,
        lambda data: services.application_decide(
            actor=request.user,
            application=application,
            approve=data["decision"] == "approve",
            today=clock.today(),
            note=data["note"],
        ),
    ):
        messages.success(request, f"{application.staff.full_name}さんの申請を判断しました。")
    else:
        messages.error(request, form_errors_text(form))
    return redirect(f"{_home_url(body)}?fiscal_year={application.scheme.fiscal_year}")


@requires(Perm.MANAGE_TALENT)
def subsidy_receipt(request: AccessRequest, body: Body, pk: int) -> FileResponse:
    """The receipt a person attached, for HR to check before approving or paying."""
    application = selectors.application_get(request.access, body, pk)
    if not application.receipt:
        raise Http404("領収書は添付されていません。")
    return FileResponse(
        application.receipt.open("rb"),
        as_attachment=True,
        filename=f"領収書_{application.staff.number}_{application.pk}"
        + Path(application.receipt.name).suffix,
    )


@requires(Perm.MANAGE_TALENT)
def subsidy_payments(request: AccessRequest, body: Body) -> HttpResponseBase:
    """The applications awaiting payment, paid in one batch; the year's payment list
    downloads for the accounting system."""
    fiscal_year = _year(request)
    scheme = selectors.scheme_of(request.access, body, fiscal_year)
    form = PaymentForm(request.POST or None, initial={"paid_on": clock.today()})
    if request.method == "POST" and scheme is not None:
        chosen = [int(pk) for pk in request.POST.getlist("application") if pk.isdigit()]
        picked = selectors.payable_chosen(request.access, scheme, chosen)
        if save_with_service(
            form,
            lambda data: services.payments_record(
                actor=request.user, body=body, applications=picked, paid_on=data["paid_on"]
            ),
        ):
            messages.success(request, f"{len(picked)}件の支払を記録しました。")
            return redirect(f"{request.path}?fiscal_year={fiscal_year}")
    paid = list(selectors.applications(request.access, scheme, status="paid")) if scheme else []
    return list_response(
        request,
        template="subsidies/payments.html",
        rows=paid,
        columns=PAYMENT_COLUMNS,
        export_basename=f"受験料補助_支払_{body.name}_{fiscal_year}",
        body=body,
        context=_year_context(body, fiscal_year)
        | {
            "scheme": scheme,
            "payable": selectors.payable(request.access, scheme) if scheme else [],
            "form": form,
        },
    )


@requires(Perm.MANAGE_TALENT)
def subsidy_statistics(request: AccessRequest, body: Body) -> HttpResponseBase:
    fiscal_year = _year(request)
    scheme = selectors.scheme_of(request.access, body, fiscal_year)
    rows = selectors.year_statistics(request.access, scheme) if scheme else []
    chart = bar_chart([(row.name, row.pass_rate) for row in rows], scale=Decimal(100), unit="%")
    return list_response(
        request,
        template="subsidies/statistics.html",
        rows=rows,
        columns=STATISTICS_COLUMNS,
        export_basename=f"受験料補助_統計_{body.name}_{fiscal_year}",
        body=body,
        context=_year_context(body, fiscal_year)
        | {
            "scheme": scheme,
            "budget": selectors.budget_of(request.access, scheme) if scheme else None,
            "chart": chart,
            "totals": {
                "applications": sum(row.applications for row in rows),
                "passed": sum(row.passed for row in rows),
            },
        },
    )


# --- The person's own ---------------------------------------------------------------------


@any_signed_in_user
def my_subsidies(request: AccessRequest) -> HttpResponse:
    """The person applies for this year's scheme and reports results of their applications."""
    own = own_staff_record(request.access)
    if own is None:
        raise Http404("職員として登録されたアカウントで申請できます。")
    today = clock.today()
    scheme = selectors.scheme_of(request.access, own.body, fiscal_year_of(today))
    bound = request.method == "POST" and scheme is not None
    form = ApplyForm(
        request.POST if bound else None,
        request.FILES if bound else None,
        qualifications=scheme.qualifications.all() if scheme else qualification_list(own.body),
    )
    if (
        bound
        and scheme is not None
        and save_with_service(
            form,
            lambda data: services.application_create(
                actor=request.user, scheme=scheme, staff=own, today=today, **data
            ),
        )
    ):
        messages.success(request, "受験料補助を申請しました。人事担当の承認を待ってください。")
        return redirect("my_subsidies")
    return render(
        request,
        "subsidies/mine.html",
        {
            "staff": own,
            "body": own.body,
            "scheme": scheme,
            "form": form,
            "applications": selectors.own_applications(request.access),
            "result_form": ResultForm(),
            "today": today,
        },
    )


@require_POST
@any_signed_in_user
def my_subsidy_result(request: AccessRequest, pk: int) -> HttpResponse:
    application = selectors.own_application_get(request.access, pk)
    form = ResultForm(request.POST)
    if save_with_service(
        form,
        lambda data: services.result_report(
            actor=request.user,
            application=application,
            passed=data["result"] == "passed",
            today=clock.today(),
            certificate_number=data["certificate_number"],
            sitting=data["sitting"],
        ),
    ):
        messages.success(request, "結果を報告しました。")
    else:
        messages.error(request, form_errors_text(form))
    return redirect("my_subsidies")


@require_POST
@any_signed_in_user
def my_subsidy_withdraw(request: AccessRequest, pk: int) -> HttpResponse:
    application = selectors.own_application_get(request.access, pk)
    try:
        services.application_withdraw(actor=request.user, application=application)
        messages.success(request, "申請を取り下げました。")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("my_subsidies")
