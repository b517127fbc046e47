"""Pages of adviser terms (三宅町): the body's terms and agreements, a term's page with its
meetings and counts, the issue → idea board, the term's report (with its PDF), renewal and
conversion to a contract; and an adviser's own terms."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dxjinzai.advisers import rules, selectors, services
from dxjinzai.advisers.exports import (
    IDEA_COLUMNS,
    ISSUE_COLUMNS,
    PARTNERSHIP_COLUMNS,
    term_columns,
)
from dxjinzai.advisers.forms import (
    ContractForm,
    IdeaForm,
    IdeaMoveForm,
    IssueForm,
    MeetingForm,
    PartnershipForm,
    RenewForm,
    ReportForm,
    TermForm,
)
from dxjinzai.advisers.models import AdviserTerm, IdeaStatus, Theme
from dxjinzai.advisers.reports import term_report_pdf
from dxjinzai.core import clock
from dxjinzai.core.access import AccessRequest, Perm, any_signed_in_user, requires
from dxjinzai.core.forms import initial_of, save_with_service
from dxjinzai.core.listing import list_response
from dxjinzai.core.pages import act_and_report, confirm_delete, form_page, posted
from dxjinzai.core.selectors import record_history
from dxjinzai.organizations.models import Body
from dxjinzai.organizations.selectors import department_list


def status_of(term: AdviserTerm) -> str:
    return rules.term_status(
        term.starts_on,
        term.ends_on,
        clock.today(),
        renewed=hasattr(term, "renewal"),
        contracted=hasattr(term, "contract"),
    )


def _files(request: AccessRequest) -> Any:
    return request.FILES if request.method == "POST" else None


# --- Terms ---------------------------------------------------------------------------------


@requires(Perm.VIEW_ADVISERS)
def term_list(request: AccessRequest, body: Body) -> HttpResponseBase:
    theme = request.GET.get("theme", "")
    return list_response(
        request,
        template="advisers/term_list.html",
        rows=selectors.term_list(request.access, body, theme=theme),
        columns=term_columns(status_of),
        export_basename=f"アドバイザー_{body.name}",
        body=body,
        context={
            "body": body,
            "theme": theme,
            "themes": Theme.choices,
            "can_manage": request.access.can(Perm.MANAGE_ADVISERS, body.pk),
        },
        page_context=lambda page: {"rows": [(t, status_of(t)) for t in page.object_list]},
    )


@any_signed_in_user
def my_terms(request: AccessRequest) -> HttpResponse:
    """An adviser's own terms, in every body that appointed them."""
    rows = [(term, status_of(term)) for term in selectors.my_terms(request.access)]
    return render(request, "advisers/my_terms.html", {"rows": rows})


def _term_form(request: AccessRequest, body: Body, **kwargs: Any) -> TermForm:
    return TermForm(
        posted(request),
        partnerships=selectors.partnership_list(request.access, body),
        accounts=selectors.adviser_accounts(body),
        **kwargs,
    )


@requires(Perm.MANAGE_ADVISERS)
def term_create(request: AccessRequest, body: Body) -> HttpResponse:
    form = _term_form(request, body, initial={"starts_on": clock.today()})
    made: list[AdviserTerm] = []
    if request.method == "POST" and save_with_service(
        form,
        lambda data: made.append(services.term_save(actor=request.user, body=body, **data)),
    ):
        messages.success(
            request, f"{made[0]}を登録しました（任期：{made[0].ends_on:%Y-%m-%d}まで）。"
        )
        return redirect("term_detail", body_key=body.url_key, pk=made[0].pk)
    return form_page(
        request,
        form,
        body=body,
        title="アドバイザーの登用",
        back=reverse("term_list", args=[body.url_key]),
    )


@requires(Perm.VIEW_ADVISERS)
def term_detail(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    access = request.access
    term = selectors.term_get(access, body, pk)
    today = clock.today()
    return render(
        request,
        "advisers/term_detail.html",
        {
            "body": body,
            "term": term,
            "status": status_of(term),
            "counts": selectors.board_counts(access, term),
            "meetings": selectors.meeting_list(access, term),
            "report": selectors.report_of(access, term),
            "can_manage": access.can(Perm.MANAGE_ADVISERS, body.pk),
            "can_write": selectors.can_write_on(access, term),
            "ends_soon": rules.ends_soon(term.ends_on, today),
            "history": record_history(term) if access.can(Perm.MANAGE_ADVISERS, body.pk) else None,
        },
    )


@requires(Perm.MANAGE_ADVISERS)
def term_edit(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    term = selectors.term_get(request.access, body, pk)
    form = _term_form(request, body, initial=initial_of(TermForm, term))
    if request.method == "POST" and save_with_service(
        form, lambda data: services.term_save(actor=request.user, body=body, term=term, **data)
    ):
        messages.success(request, f"{term}を修正しました。")
        return redirect("term_detail", body_key=body.url_key, pk=term.pk)
    return form_page(
        request,
        form,
        body=body,
        title=f"任期の修正：{term}",
        back=reverse("term_detail", args=[body.url_key, term.pk]),
        history=record_history(term),
    )


@requires(Perm.MANAGE_ADVISERS)
def term_delete(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    term = selectors.term_get(request.access, body, pk)
    return confirm_delete(
        request,
        body=body,
        what=f"任期「{term}」",
        delete=lambda: services.term_delete(actor=request.user, term=term),
        back=reverse("term_detail", args=[body.url_key, term.pk]),
        done=reverse("term_list", args=[body.url_key]),
    )


@requires(Perm.MANAGE_ADVISERS)
def term_renew(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    term = selectors.term_get(request.access, body, pk)
    starts_on, ends_on = rules.renewal_dates(term.ends_on)
    form = RenewForm(
        posted(request), initial={"starts_on": starts_on, "ends_on": ends_on, "fee": term.fee}
    )
    made: list[AdviserTerm] = []
    if request.method == "POST" and save_with_service(
        form,
        lambda data: made.append(services.term_renew(actor=request.user, term=term, **data)),
    ):
        messages.success(request, f"任期を更新しました（{made[0].starts_on:%Y-%m-%d}から）。")
        return redirect("term_detail", body_key=body.url_key, pk=made[0].pk)
    return form_page(
        request,
        form,
        body=body,
        title=f"任期の更新：{term}",
        back=reverse("term_detail", args=[body.url_key, term.pk]),
        lead="同じアドバイザー・テーマで次の任期を作ります。今の任期のミーティング・課題・報告はそのまま残ります。",
    )


@requires(Perm.MANAGE_ADVISERS)
def term_convert(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    """Convert the adviser to a contract (業務委託), or correct the contract made."""
    term = selectors.term_get(request.access, body, pk)
    contract = getattr(term, "contract", None)
    initial = (
        initial_of(ContractForm, contract)
        if contract
        else {"subject": f"{term.get_theme_display()}に関する業務", "starts_on": term.ends_on}
    )
    form = ContractForm(posted(request), initial=initial)
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.contract_save(
            actor=request.user, term=term, contract=contract, **data
        ),
    ):
        messages.success(request, f"{term.adviser_name}さんとの業務委託を保存しました。")
        return redirect("term_detail", body_key=body.url_key, pk=term.pk)
    return form_page(
        request,
        form,
        body=body,
        title=f"業務委託への移行：{term}",
        back=reverse("term_detail", args=[body.url_key, term.pk]),
        lead="任期とその記録（ミーティング・課題・報告）は残ったまま、業務委託の契約を記録します。",
    )


# --- 包括連携協定 ---------------------------------------------------------------------------


@requires(Perm.VIEW_ADVISERS)
def partnership_list(request: AccessRequest, body: Body) -> HttpResponseBase:
    return list_response(
        request,
        template="advisers/partnership_list.html",
        rows=selectors.partnership_list(request.access, body),
        columns=PARTNERSHIP_COLUMNS,
        export_basename=f"包括連携協定_{body.name}",
        body=body,
        context={"body": body, "can_manage": request.access.can(Perm.MANAGE_ADVISERS, body.pk)},
    )


@requires(Perm.MANAGE_ADVISERS)
def partnership_create(request: AccessRequest, body: Body) -> HttpResponse:
    form = PartnershipForm(posted(request))
    if request.method == "POST" and save_with_service(
        form, lambda data: services.partnership_save(actor=request.user, body=body, **data)
    ):
        messages.success(request, "包括連携協定を登録しました。")
        return redirect("partnership_list", body_key=body.url_key)
    return form_page(
        request,
        form,
        body=body,
        title="包括連携協定の登録",
        back=reverse("partnership_list", args=[body.url_key]),
    )


@requires(Perm.MANAGE_ADVISERS)
def partnership_edit(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    partnership = selectors.partnership_get(request.access, body, pk)
    form = PartnershipForm(posted(request), initial=initial_of(PartnershipForm, partnership))
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.partnership_save(
            actor=request.user, body=body, partnership=partnership, **data
        ),
    ):
        messages.success(request, "包括連携協定を修正しました。")
        return redirect("partnership_list", body_key=body.url_key)
    return form_page(
        request,
        form,
        body=body,
        title=f"包括連携協定の修正：{partnership.partner}",
        back=reverse("partnership_list", args=[body.url_key]),
        history=record_history(partnership),
    )


# --- Meetings --------------------------------------------------------------------------------


@requires(Perm.VIEW_ADVISERS)
def meeting_create(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    term = selectors.writable_term_get(request.access, body, pk)
    form = MeetingForm(posted(request), _files(request), initial={"held_on": clock.today()})
    if request.method == "POST" and save_with_service(
        form, lambda data: services.meeting_save(actor=request.user, term=term, **data)
    ):
        messages.success(request, "ミーティングを記録しました。")
        return redirect("term_detail", body_key=body.url_key, pk=term.pk)
    return form_page(
        request,
        form,
        body=body,
        title=f"ミーティングの記録：{term}",
        back=reverse("term_detail", args=[body.url_key, term.pk]),
        multipart=True,
    )


@requires(Perm.VIEW_ADVISERS)
def meeting_edit(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    meeting = selectors.on_writable_term(
        request.access, selectors.meeting_get(request.access, body, pk)
    )
    form = MeetingForm(posted(request), _files(request), initial=initial_of(MeetingForm, meeting))
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.meeting_save(
            actor=request.user, term=meeting.term, meeting=meeting, **data
        ),
    ):
        messages.success(request, "ミーティングの記録を修正しました。")
        return redirect("term_detail", body_key=body.url_key, pk=meeting.term_id)
    return form_page(
        request,
        form,
        body=body,
        title=f"ミーティングの修正：{meeting}",
        back=reverse("term_detail", args=[body.url_key, meeting.term_id]),
        multipart=True,
        history=record_history(meeting),
    )


@requires(Perm.VIEW_ADVISERS)
def meeting_delete(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    meeting = selectors.on_writable_term(
        request.access, selectors.meeting_get(request.access, body, pk)
    )
    back = reverse("term_detail", args=[body.url_key, meeting.term_id])
    return confirm_delete(
        request,
        body=body,
        what=f"{meeting}（出た課題・アイデアはボードに残ります）",
        delete=lambda: services.meeting_delete(actor=request.user, meeting=meeting),
        back=back,
        done=back,
    )


def _attachment(field: Any, name: str) -> FileResponse:
    if not field:
        raise Http404("添付ファイルはありません。")
    return FileResponse(
        field.open("rb"), as_attachment=True, filename=name or Path(field.name).name
    )


@requires(Perm.VIEW_ADVISERS)
def meeting_file(request: AccessRequest, body: Body, pk: int) -> FileResponse:
    meeting = selectors.meeting_get(request.access, body, pk)
    return _attachment(meeting.attachment, meeting.attachment_name)


# --- The issue → idea board -------------------------------------------------------------------


@requires(Perm.VIEW_ADVISERS)
def term_issues(request: AccessRequest, body: Body, pk: int) -> HttpResponseBase:
    term = selectors.term_get(request.access, body, pk)
    return list_response(
        request,
        template="advisers/issue_list.html",
        rows=selectors.issue_list(request.access, term),
        columns=ISSUE_COLUMNS,
        export_basename=f"課題_{term.title}_{body.name}",
        body=body,
        context=_board_context(request, body, term),
    )


def _board_context(request: AccessRequest, body: Body, term: AdviserTerm) -> dict[str, Any]:
    return {
        "body": body,
        "term": term,
        "counts": selectors.board_counts(request.access, term),
        "can_write": selectors.can_write_on(request.access, term),
    }


@requires(Perm.VIEW_ADVISERS)
def term_board(request: AccessRequest, body: Body, pk: int) -> HttpResponseBase:
    """The ideas of a term, each with the issues it answers and its state."""
    term = selectors.term_get(request.access, body, pk)
    status = request.GET.get("status", "")
    numbers = selectors.issue_numbers(request.access, term)

    def numbered(page: Page) -> dict[str, Any]:
        for idea in page.object_list:
            idea.issue_numbers = [numbers[i.pk] for i in idea.issues.all()]
            idea.moves = (
                rules.IDEA_MOVES[idea.status]
                if selectors.can_move_idea(request.access, idea)
                else ()
            )
        return {}

    return list_response(
        request,
        template="advisers/board.html",
        rows=selectors.idea_list(request.access, term, status=status),
        columns=IDEA_COLUMNS,
        export_basename=f"解決アイデア_{term.title}_{body.name}",
        body=body,
        context=_board_context(request, body, term)
        | {"status": status, "statuses": IdeaStatus.choices},
        page_context=numbered,
    )


def _issue_form(request: AccessRequest, term: AdviserTerm, **kwargs: Any) -> IssueForm:
    return IssueForm(
        posted(request), meetings=selectors.meeting_list(request.access, term), **kwargs
    )


@requires(Perm.VIEW_ADVISERS)
def issue_create(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    term = selectors.writable_term_get(request.access, body, pk)
    form = _issue_form(request, term)
    if request.method == "POST" and save_with_service(
        form, lambda data: services.issue_save(actor=request.user, term=term, **data)
    ):
        messages.success(request, "課題を登録しました。")
        return redirect("term_issues", body_key=body.url_key, pk=term.pk)
    return form_page(
        request,
        form,
        body=body,
        title=f"課題の登録：{term}",
        back=reverse("term_issues", args=[body.url_key, term.pk]),
    )


@requires(Perm.VIEW_ADVISERS)
def issue_edit(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    issue = selectors.on_writable_term(
        request.access, selectors.issue_get(request.access, body, pk)
    )
    form = _issue_form(request, issue.term, initial=initial_of(IssueForm, issue))
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.issue_save(actor=request.user, term=issue.term, issue=issue, **data),
    ):
        messages.success(request, "課題を修正しました。")
        return redirect("term_issues", body_key=body.url_key, pk=issue.term_id)
    return form_page(
        request,
        form,
        body=body,
        title=f"課題の修正：{issue.title}",
        back=reverse("term_issues", args=[body.url_key, issue.term_id]),
        history=record_history(issue),
    )


@requires(Perm.VIEW_ADVISERS)
def issue_delete(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    issue = selectors.on_writable_term(
        request.access, selectors.issue_get(request.access, body, pk)
    )
    back = reverse("term_issues", args=[body.url_key, issue.term_id])
    return confirm_delete(
        request,
        body=body,
        what=f"課題「{issue.title}」",
        delete=lambda: services.issue_delete(actor=request.user, issue=issue),
        back=back,
        done=back,
    )


def _idea_form(request: AccessRequest, body: Body, term: AdviserTerm, **kwargs: Any) -> IdeaForm:
    officer = request.access.can(Perm.MANAGE_ADVISERS, body.pk)
    return IdeaForm(
        posted(request),
        issues=selectors.issue_list(request.access, term),
        meetings=selectors.meeting_list(request.access, term),
        departments=department_list(request.access, body, as_of=clock.today()) if officer else None,
        **kwargs,
    )


@requires(Perm.VIEW_ADVISERS)
def idea_create(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    term = selectors.writable_term_get(request.access, body, pk)
    form = _idea_form(request, body, term, initial={"issues": request.GET.getlist("issue")})
    if request.method == "POST" and save_with_service(
        form, lambda data: services.idea_save(actor=request.user, term=term, **data)
    ):
        messages.success(request, "解決アイデアを登録しました。")
        return redirect("term_board", body_key=body.url_key, pk=term.pk)
    return form_page(
        request,
        form,
        body=body,
        title=f"解決アイデアの登録：{term}",
        back=reverse("term_board", args=[body.url_key, term.pk]),
    )


@requires(Perm.VIEW_ADVISERS)
def idea_edit(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    idea = selectors.on_writable_term(request.access, selectors.idea_get(request.access, body, pk))
    initial = initial_of(IdeaForm, idea)
    form = _idea_form(request, body, idea.term, initial=initial)
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.idea_save(actor=request.user, term=idea.term, idea=idea, **data),
    ):
        messages.success(request, "解決アイデアを修正しました。")
        return redirect("term_board", body_key=body.url_key, pk=idea.term_id)
    return form_page(
        request,
        form,
        body=body,
        title=f"解決アイデアの修正：{idea.title}",
        back=reverse("term_board", args=[body.url_key, idea.term_id]),
        history=record_history(idea),
    )


@requires(Perm.VIEW_ADVISERS)
def idea_delete(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    idea = selectors.on_writable_term(request.access, selectors.idea_get(request.access, body, pk))
    back = reverse("term_board", args=[body.url_key, idea.term_id])
    return confirm_delete(
        request,
        body=body,
        what=f"解決アイデア「{idea.title}」",
        delete=lambda: services.idea_delete(actor=request.user, idea=idea),
        back=back,
        done=back,
    )


@require_POST
@requires(Perm.VIEW_ADVISERS)
def idea_move(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    idea = selectors.idea_get(request.access, body, pk)
    if not selectors.can_move_idea(request.access, idea):
        raise PermissionDenied("アイデアの状態を変えるのは、団体の担当者と担当所属の所属長です。")
    form = IdeaMoveForm(request.POST)
    if form.is_valid():
        status = form.cleaned_data["status"]
        act_and_report(
            request,
            lambda: services.idea_move(actor=request.user, idea=idea, status=status),
            f"「{idea.title}」を「{IdeaStatus(status).label}」にしました。",
        )
    else:
        messages.error(request, "状態を選んでください。")
    return redirect(reverse("term_board", args=[body.url_key, idea.term_id]) + f"#idea-{idea.pk}")


# --- The term's report ----------------------------------------------------------------------


@requires(Perm.VIEW_ADVISERS)
def report_edit(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    term = selectors.writable_term_get(request.access, body, pk)
    report = selectors.report_of(request.access, term)
    form = ReportForm(
        posted(request), _files(request), initial={"text": report.text if report else ""}
    )
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.report_file(actor=request.user, term=term, now=clock.now(), **data),
    ):
        messages.success(request, "任期の報告を提出しました。団体の担当者が受理します。")
        return redirect("term_detail", body_key=body.url_key, pk=term.pk)
    return form_page(
        request,
        form,
        body=body,
        title=f"任期の報告：{term}",
        back=reverse("term_detail", args=[body.url_key, term.pk]),
        multipart=True,
        lead="受理されるまでは何度でも修正できます。ミーティング・課題・アイデアの数は記録から自動で載ります。",
    )


@require_POST
@requires(Perm.MANAGE_ADVISERS)
def report_accept(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    term = selectors.term_get(request.access, body, pk)
    report = _filed_report(request, term)
    act_and_report(
        request,
        lambda: services.report_accept(actor=request.user, report=report, today=clock.today()),
        "任期の報告を受理しました。",
    )
    return redirect("term_detail", body_key=body.url_key, pk=term.pk)


def _filed_report(request: AccessRequest, term: AdviserTerm) -> Any:
    report = selectors.report_of(request.access, term)
    if report is None:
        raise Http404("報告はまだ提出されていません。")
    return report


@requires(Perm.VIEW_ADVISERS)
def report_pdf(request: AccessRequest, body: Body, pk: int) -> FileResponse:
    term = selectors.term_get(request.access, body, pk)
    report = _filed_report(request, term)
    data = term_report_pdf(
        term=term,
        report=report,
        counts=selectors.board_counts(request.access, term),
        meetings=list(selectors.meeting_list(request.access, term)),
        adopted=list(selectors.adopted_ideas(request.access, term)),
        issued=clock.today(),
    )
    return FileResponse(
        io.BytesIO(data),
        as_attachment=True,
        filename=f"任期の報告_{term.title}_{term.adviser_name}.pdf",
        content_type="application/pdf",
    )


@requires(Perm.VIEW_ADVISERS)
def report_file(request: AccessRequest, body: Body, pk: int) -> FileResponse:
    report = _filed_report(request, selectors.term_get(request.access, body, pk))
    return _attachment(report.attachment, report.attachment_name)
