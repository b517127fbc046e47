"""Pages of recruitment: HR's postings, applicants (board and list, bulk moves, messages,
comparison), interviews, hiring and the funnel; a panel member's interviews and score
sheets; and the public pages (a body's open postings, a posting with its form)."""

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
from dxjinzai.core.access import (
    AccessRequest,
    Perm,
    any_signed_in_user,
    operator_only,
    requires,
)
from dxjinzai.core.charts import bar_chart
from dxjinzai.core.forms import form_errors_text, initial_of, save_with_service
from dxjinzai.core.listing import list_response
from dxjinzai.core.selectors import record_history
from dxjinzai.lib.fiscal import fiscal_year_choices, fiscal_year_label, fiscal_year_of
from dxjinzai.organizations.models import Body
from dxjinzai.organizations.selectors import department_list, grade_list
from dxjinzai.recruitment import selectors, services
from dxjinzai.recruitment.exports import (
    APPLICANT_COLUMNS,
    CONSORTIUM_COLUMNS,
    YEAR_COLUMNS,
    funnel_columns,
)
from dxjinzai.recruitment.forms import (
    CriteriaForm,
    HireForm,
    InterviewForm,
    MessageForm,
    MoveForm,
    PhotoForm,
    PipelineForm,
    PostingForm,
    ScoreForm,
)
from dxjinzai.recruitment.models import Posting, Stage
from dxjinzai.recruitment.rules import OPTIONAL_STAGES, is_open, window_warning

# Side by side: at least two to compare, at most what a page shows legibly.
COMPARE_AT_MOST = 6

# --- Postings (HR) ---------------------------------------------------------------------


@requires(Perm.MANAGE_RECRUITMENT)
def posting_list(request: AccessRequest, body: Body) -> HttpResponse:
    return render(
        request,
        "recruitment/posting_list.html",
        {
            "body": body,
            "postings": selectors.posting_list(request.access, body),
            "now": clock.now(),
        },
    )


@requires(Perm.MANAGE_RECRUITMENT)
def posting_create(request: AccessRequest, body: Body) -> HttpResponse:
    form = PostingForm(
        request.POST or None,
        grades=grade_list(request.access, body),
        joint_candidates=selectors.joint_candidates(body),
        initial={"channels": ["自団体のページ"]},
    )
    created: list[Posting] = []
    if request.method == "POST" and save_with_service(
        form,
        lambda data: created.append(services.posting_save(actor=request.user, body=body, **data)),
    ):
        posting = created[0]
        _warn_window(request, posting)
        messages.success(request, f"求人「{posting.title}」を下書きとして保存しました。")
        return redirect("posting_detail", body_key=body.url_key, pk=posting.pk)
    return render(
        request,
        "recruitment/posting_form.html",
        {"body": body, "form": form, "title": "求人の作成"},
    )


def _warn_window(request: AccessRequest, posting: Posting) -> None:
    if warning := window_warning(posting.opens_at, posting.closes_at):
        messages.warning(request, warning)


@requires(Perm.MANAGE_RECRUITMENT)
def posting_edit(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    posting = selectors.posting_get(request.access, body, pk)
    form = PostingForm(
        request.POST if request.method == "POST" else None,
        grades=grade_list(request.access, body),
        joint_candidates=selectors.joint_candidates(body),
        initial=initial_of(PostingForm, posting),
    )
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.posting_save(actor=request.user, body=body, posting=posting, **data),
    ):
        _warn_window(request, posting)
        messages.success(request, f"求人「{posting.title}」を保存しました。")
        return redirect("posting_detail", body_key=body.url_key, pk=posting.pk)
    return render(
        request,
        "recruitment/posting_form.html",
        {
            "body": body,
            "form": form,
            "title": f"求人の修正：{posting.title}",
            "history": record_history(posting),
        },
    )


@require_POST
@requires(Perm.MANAGE_RECRUITMENT)
def posting_publish(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    posting = selectors.posting_get(request.access, body, pk)
    publish = request.POST.get("publish") == "1"
    if publish and not selectors.criteria_of(posting):
        messages.error(request, "公開の前に、面接の評価項目を設定してください。")
    else:
        services.posting_publish(actor=request.user, posting=posting, published=publish)
        messages.success(request, "求人を公開しました。" if publish else "求人の公開をやめました。")
    return redirect("posting_detail", body_key=body.url_key, pk=posting.pk)


@requires(Perm.MANAGE_RECRUITMENT)
def posting_photos(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    """The photos of the public page: add one with its description, or remove one."""
    posting = selectors.posting_get(request.access, body, pk)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.posting_photo_add(
            actor=request.user, posting=posting, image=data["image"], caption=data["caption"]
        ),
    ):
        messages.success(request, "写真を追加しました。")
        return redirect("posting_photos", body_key=body.url_key, pk=posting.pk)
    return render(
        request,
        "recruitment/photos.html",
        {"body": body, "posting": posting, "form": form, "photos": selectors.photos_of(posting)},
    )


@require_POST
@requires(Perm.MANAGE_RECRUITMENT)
def posting_photo_delete(
    request: AccessRequest, body: Body, pk: int, photo_pk: int
) -> HttpResponse:
    posting = selectors.posting_get(request.access, body, pk)
    photo = selectors.photo_get(request.access, posting, photo_pk)
    services.posting_photo_delete(actor=request.user, photo=photo)
    messages.success(request, f"写真「{photo.caption}」を削除しました。")
    return redirect("posting_photos", body_key=body.url_key, pk=posting.pk)


@requires(Perm.MANAGE_RECRUITMENT)
def pipeline_settings(request: AccessRequest, body: Body) -> HttpResponse:
    """The body's stages: their names, and the optional ones it does without."""
    names = dict(selectors.pipeline_of(body))
    initial = {f"label_{s}": names.get(s, "") for s, _ in Stage.choices} | {
        f"use_{s}": s in names for s in OPTIONAL_STAGES
    }
    form = PipelineForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.pipeline_save(
            actor=request.user, body=body, labels=form.labels(), unused=form.unused()
        ),
    ):
        messages.success(request, "選考の段階を保存しました。")
        return redirect("posting_list", body_key=body.url_key)
    return render(
        request,
        "recruitment/pipeline_form.html",
        {"body": body, "form": form, "stages": selectors.pipeline_of(body)},
    )


@requires(Perm.MANAGE_RECRUITMENT)
def posting_criteria(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    posting = selectors.posting_get(request.access, body, pk)
    current = "\n".join(f"{c.name}:{c.weight}" for c in selectors.criteria_of(posting))
    form = CriteriaForm(
        request.POST or None,
        initial={"lines": current or "コミュニケーション能力:3\n専門性:2\n意欲:1"},
    )
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.criteria_save(
            actor=request.user, posting=posting, lines=data["lines"]
        ),
    ):
        messages.success(request, "評価項目を保存しました。")
        return redirect("posting_detail", body_key=body.url_key, pk=posting.pk)
    return render(
        request,
        "recruitment/simple_form.html",
        {
            "body": body,
            "posting": posting,
            "form": form,
            "title": f"面接の評価項目：{posting.title}",
        },
    )


@requires(Perm.MANAGE_RECRUITMENT)
def posting_detail(request: AccessRequest, body: Body, pk: int) -> HttpResponseBase:
    """A posting's applicants: the board (by stage) or the list with filters, bulk moves
    and messages, and the export (audited)."""
    posting = selectors.posting_get(request.access, body, pk)
    stages = selectors.pipeline_of(body)
    stage, channel = request.GET.get("stage", ""), request.GET.get("channel", "")
    applicants = selectors.applicant_list(request.access, posting, stage=stage, channel=channel)
    return list_response(
        request,
        template="recruitment/posting_detail.html",
        rows=applicants,
        columns=APPLICANT_COLUMNS,
        export_basename=f"応募者_{posting.title}",
        body=body,
        context={
            "body": body,
            "posting": posting,
            "criteria": selectors.criteria_of(posting),
            "is_open": is_open(posting.opens_at, posting.closes_at, clock.now()),
            "view": request.GET.get("view", "list"),
            "board": selectors.board(selectors.applicant_list(request.access, posting), stages),
            "stages": stages,
            "stage_names": dict(stages),
            "stage": stage,
            "channel": channel,
            "move_form": MoveForm(stages=stages),
            "message_form": MessageForm(),
            "public_url": request.build_absolute_uri(reverse("job_detail", args=[posting.pk])),
        },
    )


@require_POST
@requires(Perm.MANAGE_RECRUITMENT)
def applicants_act(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    """What HR does to the ticked applicants: move them, write to them, or compare them."""
    posting = selectors.posting_get(request.access, body, pk)
    ids = [int(i) for i in request.POST.getlist("applicant") if i.isdigit()]
    chosen = selectors.applicants_chosen(request.access, posting, ids)
    back = reverse("posting_detail", args=[body.url_key, posting.pk])
    action = request.POST.get("action")
    if action == "compare":
        if not 2 <= len(chosen) <= COMPARE_AT_MOST:
            messages.error(request, f"比較する応募者を2〜{COMPARE_AT_MOST}人選んでください。")
            return redirect(back)
        query = "&".join(f"id={a.pk}" for a in chosen)
        return redirect(f"{reverse('applicants_compare', args=[body.url_key, posting.pk])}?{query}")
    form = (
        MessageForm(request.POST)
        if action == "message"
        else MoveForm(request.POST, stages=selectors.pipeline_of(body))
    )
    if save_with_service(form, lambda data: _act(request, action, chosen, data)):
        messages.success(request, f"{len(chosen)}人の応募者に対して行いました。")
    else:
        messages.error(request, form_errors_text(form))
    return redirect(back)


def _act(request: AccessRequest, action: str | None, chosen: list, data: dict) -> None:
    if action == "message":
        services.messages_send(
            actor=request.user,
            applicants=chosen,
            subject=data["subject"],
            text=data["text"],
            interview_times=selectors.next_interview_times(chosen),
        )
    else:
        services.applicants_move(actor=request.user, applicants=chosen, to_stage=data["to_stage"])


@requires(Perm.MANAGE_RECRUITMENT)
def applicants_compare(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    posting = selectors.posting_get(request.access, body, pk)
    ids = [int(i) for i in request.GET.getlist("id") if i.isdigit()][:COMPARE_AT_MOST]
    chosen = selectors.applicants_chosen(request.access, posting, ids)
    return render(
        request,
        "recruitment/compare.html",
        {
            "body": body,
            "posting": posting,
            "comparison": selectors.comparison(request.access, posting, chosen),
            "stage_names": dict(selectors.pipeline_of(body)),
        },
    )


@requires(Perm.MANAGE_RECRUITMENT)
def posting_funnel(request: AccessRequest, body: Body, pk: int) -> HttpResponseBase:
    posting = selectors.posting_get(request.access, body, pk)
    funnel = selectors.funnel(request.access, posting)
    rows = [
        (stage, *[counts[i] for counts in funnel.by_channel.values()], funnel.total[i])
        for i, stage in enumerate(funnel.stages)
    ]
    return list_response(
        request,
        template="recruitment/funnel.html",
        rows=rows,
        columns=funnel_columns(list(funnel.by_channel)),
        export_basename=f"採用の状況_{posting.title}",
        body=body,
        context={
            "body": body,
            "posting": posting,
            "funnel": funnel,
            "chart": bar_chart(
                [(stage, Decimal(n)) for stage, n in zip(funnel.stages, funnel.total, strict=True)],
                Decimal(max(funnel.total, default=0)),
                unit="人",
            ),
        },
    )


def _fiscal_year(request: AccessRequest) -> int:
    text = request.GET.get("fiscal_year", "")
    return int(text) if text.isdigit() else fiscal_year_of(clock.today())


def _year_context(fiscal_year: int) -> dict:
    return {
        "fiscal_year": fiscal_year,
        "fiscal_year_label": fiscal_year_label(fiscal_year),
        "fiscal_year_choices": fiscal_year_choices(fiscal_year_of(clock.today()), fiscal_year),
    }


@requires(Perm.MANAGE_RECRUITMENT)
def recruitment_year(request: AccessRequest, body: Body) -> HttpResponseBase:
    """The body's recruitment of a fiscal year: each posting closed in it, with its figures."""
    fiscal_year = _fiscal_year(request)
    lines = selectors.year_summary(request.access, body, fiscal_year)
    return list_response(
        request,
        template="recruitment/year.html",
        rows=lines,
        columns=YEAR_COLUMNS,
        export_basename=f"採用_{body.name}_{fiscal_year}",
        body=body,
        context=_year_context(fiscal_year)
        | {
            "body": body,
            "totals": {
                "applicants": sum(line.applicants for line in lines),
                "hired": sum(line.hired for line in lines),
            },
            "chart": bar_chart(
                [(line.posting.title, Decimal(line.applicants)) for line in lines],
                Decimal(max((line.applicants for line in lines), default=0)),
                unit="人",
            ),
        },
    )


@operator_only
def consortium_recruitment(request: AccessRequest) -> HttpResponseBase:
    """For the operator: each member body's postings, applicants and hires of the year, in
    counts only."""
    fiscal_year = _fiscal_year(request)
    rows = selectors.consortium_summary(request.access, fiscal_year)
    return list_response(
        request,
        template="recruitment/consortium.html",
        rows=rows,
        columns=CONSORTIUM_COLUMNS,
        export_basename=f"採用_連携協議会_{fiscal_year}",
        body=None,
        context=_year_context(fiscal_year)
        | {
            "chart": bar_chart(
                [(row.body.name, Decimal(row.hired)) for row in rows if row.postings],
                Decimal(max((row.hired for row in rows), default=0)),
                unit="人",
            ),
        },
    )


# --- An applicant (HR, and the panel for those they interview) --------------------------


@requires(Perm.VIEW_BODY)
def applicant_detail(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    access = request.access
    applicant = selectors.applicant_get(access, body, pk)
    is_hr = access.can(Perm.MANAGE_RECRUITMENT, body.pk)
    criteria = selectors.criteria_of(applicant.posting)
    scored = selectors.scores_of(access, [applicant], criteria)[0]
    stages = selectors.pipeline_of(body)
    return render(
        request,
        "recruitment/applicant_detail.html",
        {
            "body": body,
            "applicant": applicant,
            "is_hr": is_hr,
            "moves": selectors.moves_of(access, applicant) if is_hr else [],
            "interviews": selectors.interviews_of(access, applicant),
            "scored": scored,
            "criterion_scores": list(zip(criteria, scored.per_criterion, strict=True)),
            "interview_form": InterviewForm(candidates=selectors.panel_candidates(body)),
            "hire_form": HireForm(departments=department_list(access, body, as_of=clock.today())),
            "move_form": MoveForm(stages=stages),
            "stage_names": dict(stages),
            "messages_sent": applicant.messages.all() if is_hr else [],
        },
    )


@requires(Perm.VIEW_BODY)
def applicant_cv(request: AccessRequest, body: Body, pk: int) -> FileResponse:
    applicant = selectors.applicant_get(request.access, body, pk)
    if not applicant.cv:
        raise Http404("書類はありません。")
    return FileResponse(
        applicant.cv.open("rb"),
        as_attachment=True,
        filename=f"応募書類_{applicant.pk}{Path(applicant.cv.name).suffix}",
    )


@require_POST
@requires(Perm.MANAGE_RECRUITMENT)
def interview_create(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    applicant = selectors.applicant_get(request.access, body, pk)
    form = InterviewForm(request.POST, candidates=selectors.panel_candidates(body))
    if save_with_service(
        form,
        lambda data: services.interview_schedule(
            actor=request.user,
            applicant=applicant,
            stage=data["stage"],
            starts_at=data["starts_at"],
            panel=list(data["panel"]),
            place=data["place"],
            online=data["online"],
        ),
    ):
        messages.success(request, "面接を設定しました。面接官のホームに表示されます。")
    else:
        messages.error(request, form_errors_text(form))
    return redirect("applicant_detail", body_key=body.url_key, pk=applicant.pk)


@requires(Perm.MANAGE_RECRUITMENT)
def interview_edit(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    """Correct an interview (its date, place, panel), or cancel it while no sheet is filled."""
    interview = selectors.hr_interview_get(request.access, body, pk)
    applicant = interview.applicant
    back = redirect("applicant_detail", body_key=body.url_key, pk=applicant.pk)
    if request.method == "POST" and request.POST.get("cancel"):
        try:
            services.interview_cancel(actor=request.user, interview=interview)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "面接を取り消しました。")
        return back
    form = InterviewForm(
        request.POST if request.method == "POST" else None,
        candidates=selectors.panel_candidates(body),
        instance=interview,
    )
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.interview_schedule(
            actor=request.user,
            applicant=applicant,
            interview=interview,
            stage=data["stage"],
            starts_at=data["starts_at"],
            panel=list(data["panel"]),
            place=data["place"],
            online=data["online"],
        ),
    ):
        messages.success(request, "面接を修正しました。")
        return back
    return render(
        request,
        "recruitment/interview_form.html",
        {"body": body, "interview": interview, "applicant": applicant, "form": form},
    )


@require_POST
@requires(Perm.MANAGE_RECRUITMENT)
def applicant_hire(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    access = request.access
    applicant = selectors.applicant_get(access, body, pk)
    form = HireForm(request.POST, departments=department_list(access, body, as_of=clock.today()))
    if save_with_service(
        form, lambda data: services.applicant_hire(actor=request.user, applicant=applicant, **data)
    ):
        messages.success(request, f"{applicant.full_name}さんを採用し、職員の記録を作りました。")
    else:
        messages.error(request, form_errors_text(form))
    return redirect("applicant_detail", body_key=body.url_key, pk=applicant.pk)


# --- The panel -------------------------------------------------------------------------


@any_signed_in_user
def my_interviews(request: AccessRequest) -> HttpResponse:
    return render(
        request,
        "recruitment/my_interviews.html",
        {"interviews": selectors.my_interviews(request.access)},
    )


@any_signed_in_user
def interview_score(request: AccessRequest, pk: int) -> HttpResponse:
    """A panel member's score sheet for one interview (only their own)."""
    interview = selectors.interview_get(request.access, pk)
    if not selectors.sits_on_panel(interview, request.access):
        raise Http404("面接が見つかりません。")
    criteria = selectors.criteria_of(interview.applicant.posting)
    sheet = selectors.sheet_of(interview, request.user)
    initial = {f"c{k}": v for k, v in (sheet.scores.items() if sheet else [])}
    form = ScoreForm(
        request.POST if request.method == "POST" else None,
        criteria=criteria,
        initial=initial | {"note": sheet.note if sheet else ""},
    )
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.score_sheet_save(
            member=request.user, interview=interview, scores=form.scores(), note=data["note"]
        ),
    ):
        messages.success(request, "評価を保存しました。")
        return redirect("my_interviews")
    return render(
        request,
        "recruitment/score_form.html",
        {"interview": interview, "form": form, "applicant": interview.applicant},
    )
