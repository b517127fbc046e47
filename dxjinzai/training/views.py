"""Pages of the training cycle. Thin: access, a form, a service or a selector."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from dxjinzai.core import clock
from dxjinzai.core.access import Access, AccessRequest, Perm, any_signed_in_user, requires
from dxjinzai.core.access_records import records_access
from dxjinzai.core.audit import audit_record
from dxjinzai.core.exports import EXPORT_FORMATS, template_response
from dxjinzai.core.forms import (
    form_errors_text,
    initial_of,
    restart_initial,
    save_with_service,
)
from dxjinzai.core.listing import list_response, whole_list_response
from dxjinzai.core.models import AuditAction
from dxjinzai.core.pages import confirm_delete
from dxjinzai.core.selectors import record_history
from dxjinzai.lib.fiscal import fiscal_year_of
from dxjinzai.lib.tabular import MAX_UPLOAD_BYTES
from dxjinzai.lib.text import normalize_code
from dxjinzai.organizations.models import Body, StaffMember
from dxjinzai.organizations.selectors import department_list, own_staff_record
from dxjinzai.skills.selectors import (
    exam_date_list,
    framework_choices,
    qualification_list,
    skill_items_of,
)
from dxjinzai.training import selectors, services
from dxjinzai.training.attendance_import import TEMPLATE_EXAMPLE as ATTENDANCE_TEMPLATE
from dxjinzai.training.attendance_import import attendance_import
from dxjinzai.training.certificates import completion_certificate_pdf
from dxjinzai.training.exports import (
    COURSE_COLUMNS,
    MISSING_COLUMNS,
    REQUIREMENT_COLUMNS,
    ROSTER_COLUMNS,
)
from dxjinzai.training.forms import (
    AttendanceImportForm,
    CompletionForm,
    CourseForm,
    NominateForm,
    RecordsImportForm,
    RequirementForm,
    SessionForm,
    SurveyForm,
)
from dxjinzai.training.models import Session
from dxjinzai.training.record import talent_record
from dxjinzai.training.records_import import (
    COLUMNS,
    COMPLETIONS,
    TEMPLATE_EXAMPLES,
    records_import_start,
)


def _require(access: Access, perm: Perm, body_id: int) -> None:
    if not access.can(perm, body_id):
        raise PermissionDenied("この操作を行う権限がありません。")


# --- Courses and sessions --------------------------------------------------------------------


@requires(Perm.VIEW_BODY)
def course_list(request: AccessRequest, body: Body) -> HttpResponseBase:
    access = request.access
    return list_response(
        request,
        template="training/course_list.html",
        rows=selectors.course_list(access, body),
        columns=COURSE_COLUMNS,
        export_basename=f"研修一覧_{body.name}",
        body=body,
        context={"body": body, "can_manage": access.can(Perm.MANAGE_TALENT, body.pk)},
    )


def _course_choices(access: Access, body: Body) -> dict:
    choices = framework_choices(access, body)
    choices["skill_items"] = skill_items_of(access, body)
    choices["qualifications"] = qualification_list(body)
    return choices


@requires(Perm.MANAGE_TALENT)
def course_create(request: AccessRequest, body: Body) -> HttpResponse:
    access = request.access
    form = CourseForm(request.POST or None, choices=_course_choices(access, body))
    made: list = []
    if request.method == "POST" and save_with_service(
        form,
        lambda data: made.append(services.course_create(actor=request.user, body=body, **data)),
    ):
        messages.success(request, "研修を登録しました。続けて研修回を登録できます。")
        return redirect("course_detail", pk=made[0].pk)
    return render(
        request, "training/form.html", {"form": form, "body": body, "title": "研修の登録"}
    )


@any_signed_in_user
def course_detail(request: AccessRequest, pk: int) -> HttpResponse:
    access = request.access
    course = selectors.course_get(access, pk)
    return render(
        request,
        "training/course_detail.html",
        {
            "course": course,
            "body": course.body,
            "sessions": selectors.session_list(access, course),
            "can_manage": access.can(Perm.MANAGE_TALENT, course.body_id),
            "history": (
                record_history(course) if access.can(Perm.MANAGE_TALENT, course.body_id) else []
            ),
        },
    )


@any_signed_in_user
def course_edit(request: AccessRequest, pk: int) -> HttpResponse:
    """Correct a course: the same HR that registers courses."""
    access = request.access
    course = selectors.course_get(access, pk)
    _require(access, Perm.MANAGE_TALENT, course.body_id)
    form = CourseForm(
        request.POST or None,
        initial=initial_of(CourseForm, course),
        choices=_course_choices(access, course.body),
    )
    if request.method == "POST" and save_with_service(
        form, lambda data: services.course_update(actor=request.user, course=course, **data)
    ):
        messages.success(request, "研修を修正しました。")
        return redirect("course_detail", pk=course.pk)
    return render(
        request,
        "training/form.html",
        {
            "form": form,
            "body": course.body,
            "title": f"研修の修正：{course.title}",
            "cancel_url": reverse("course_detail", args=[course.pk]),
        },
    )


@any_signed_in_user
def course_delete(request: AccessRequest, pk: int) -> HttpResponse:
    access = request.access
    course = selectors.course_get(access, pk)
    _require(access, Perm.MANAGE_TALENT, course.body_id)
    return confirm_delete(
        request,
        body=course.body,
        what=f"研修「{course.title}」",
        delete=lambda: services.course_delete(actor=request.user, course=course),
        back=reverse("course_detail", args=[course.pk]),
        done=reverse("course_list", args=[course.body.url_key]),
    )


@any_signed_in_user
def session_create(request: AccessRequest, pk: int) -> HttpResponse:
    access = request.access
    course = selectors.course_get(access, pk)
    _require(access, Perm.MANAGE_TALENT, course.body_id)
    form = SessionForm(request.POST or None)
    made: list = []
    if request.method == "POST" and save_with_service(
        form,
        lambda data: made.append(
            services.session_create(actor=request.user, course=course, **data)
        ),
    ):
        messages.success(request, "研修回を登録しました。")
        return redirect("session_detail", pk=made[0].pk)
    return render(
        request,
        "training/form.html",
        {"form": form, "body": course.body, "title": f"研修回の登録：{course.title}"},
    )


@any_signed_in_user
def session_edit(request: AccessRequest, pk: int) -> HttpResponse:
    access = request.access
    session = selectors.session_get(access, pk)
    _require(access, Perm.MANAGE_TALENT, session.body_id)
    form = SessionForm(request.POST or None, initial=initial_of(SessionForm, session))
    if request.method == "POST" and save_with_service(
        form, lambda data: services.session_update(actor=request.user, session=session, **data)
    ):
        messages.success(request, "研修回を修正しました。")
        return redirect("session_detail", pk=session.pk)
    return render(
        request,
        "training/form.html",
        {
            "form": form,
            "body": session.body,
            "title": f"研修回の修正：{session}",
            "cancel_url": reverse("session_detail", args=[session.pk]),
        },
    )


@any_signed_in_user
def session_delete(request: AccessRequest, pk: int) -> HttpResponse:
    access = request.access
    session = selectors.session_get(access, pk)
    _require(access, Perm.MANAGE_TALENT, session.body_id)
    return confirm_delete(
        request,
        body=session.body,
        what=f"研修回「{session}」",
        delete=lambda: services.session_delete(actor=request.user, session=session),
        back=reverse("session_detail", args=[session.pk]),
        done=reverse("course_detail", args=[session.course_id]),
    )


@any_signed_in_user
def session_detail(request: AccessRequest, pk: int) -> HttpResponseBase:
    """A session and its roster; `?template=<format>` downloads the attendance file's
    template (header and one example row)."""
    if template := request.GET.get("template"):
        return template_response(ATTENDANCE_TEMPLATE, template, "出欠の取込")
    access = request.access
    session = selectors.session_get(access, pk)
    roster = selectors.roster(access, session)
    if request.GET.get("export"):
        return list_response(
            request,
            template="training/session_detail.html",
            rows=roster,
            columns=ROSTER_COLUMNS,
            export_basename=f"受講者名簿_{session}",
            body=session.body,
            context={},
        )
    own = _own_staff(access)
    return render(
        request,
        "training/session_detail.html",
        {
            "session": session,
            "body": session.body,
            "roster": roster,
            "survey": selectors.survey_summary(access, session),
            "organiser": access.can(Perm.MANAGE_TALENT, session.body_id),
            "nominating_bodies": _nominating_bodies(access, session),
            "may_apply": own is not None
            and services.may_join(session, own)
            and not selectors.on_roster(roster, own),
            "import_form": AttendanceImportForm(),
            "nominate_form": NominateForm(),
            "export_formats": EXPORT_FORMATS,
        },
    )


def _own_staff(access: Access) -> StaffMember | None:
    return own_staff_record(access)


def _nominating_bodies(access: Access, session: Session) -> list[Body]:
    """Bodies whose staff the user may put forward for this session (as HR, or as the
    head of their department)."""
    return selectors.nominating_bodies(access, session)


@require_POST
@any_signed_in_user
def session_apply(request: AccessRequest, pk: int) -> HttpResponse:
    """Two clicks from My page: a staff member applies for themself."""
    access = request.access
    session = selectors.session_get(access, pk)
    own = _own_staff(access)
    if own is None:
        raise PermissionDenied("職員として登録されたアカウントだけが申し込めます。")
    try:
        services.application_create(
            actor=request.user, session=session, staff=own, today=clock.today()
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"「{session}」に申し込みました。人事担当の承認をお待ちください。"
        )
    return redirect(_local(request, request.POST.get("next", "")) or "my_page")


@require_POST
@any_signed_in_user
def application_cancel(request: AccessRequest, pk: int) -> HttpResponse:
    """The person withdraws their own application (or their body's HR does) before the
    session starts."""
    access = request.access
    application = selectors.application_get(access, pk)
    if application.staff_id != access.staff_id:
        _require(access, Perm.MANAGE_TALENT, application.body_id)
    try:
        services.application_cancel(
            actor=request.user, application=application, today=clock.today()
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"「{application.session}」への申込を取り消しました。")
    return redirect(_local(request, request.POST.get("next", "")) or "my_page")


def _local(request: AccessRequest, url: str) -> str:
    """`url` if it stays on this site, else empty: a form field must not send people away."""
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if allowed else ""


@require_POST
@any_signed_in_user
def session_nominate(request: AccessRequest, pk: int) -> HttpResponse:
    access = request.access
    session = selectors.session_get(access, pk)
    bodies = _nominating_bodies(access, session)
    if not bodies:
        raise PermissionDenied("推薦できるのは人事担当者と所属長です。")
    form = NominateForm(request.POST)
    staff = None
    if form.is_valid():
        number = normalize_code(form.cleaned_data["number"])
        staff = selectors.staff_in_bodies(access, bodies, number)
    if staff is None:
        messages.error(request, "その職員番号の職員が見つかりません。")
        return redirect("session_detail", pk=session.pk)
    try:
        services.application_create(
            actor=request.user, session=session, staff=staff, today=clock.today(), nominated=True
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{staff.full_name}さんを推薦しました。")
    return redirect("session_detail", pk=session.pk)


@require_POST
@any_signed_in_user
def application_decide(request: AccessRequest, pk: int) -> HttpResponse:
    """The participant's body's HR approves or declines."""
    access = request.access
    application = selectors.application_get(access, pk)
    _require(access, Perm.MANAGE_TALENT, application.body_id)
    try:
        services.application_decide(
            actor=request.user,
            application=application,
            approve=request.POST.get("decision") == "approve",
            today=clock.today(),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"{application.staff.full_name}さんの申込を{application.get_status_display()}にしました。",
        )
    back = _local(request, request.POST.get("next", ""))
    return redirect(back or reverse("session_detail", args=[application.session_id]))


@require_POST
@any_signed_in_user
def attendance_upload(request: AccessRequest, pk: int) -> HttpResponse:
    """The organiser records a session's attendance from a file; all rows or none."""
    access = request.access
    session = selectors.session_get(access, pk)
    _require(access, Perm.MANAGE_TALENT, session.body_id)
    form = AttendanceImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "ファイルを選んでください。")
        return redirect("session_detail", pk=session.pk)
    upload = form.cleaned_data["file"]
    result = attendance_import(
        actor=request.user,
        session=session,
        data=upload.read(),
        filename=upload.name,
        today=clock.today(),
    )
    if result.ok:
        messages.success(request, f"{result.recorded}件の受講を記録しました。")
        return redirect("session_detail", pk=session.pk)
    return render(
        request,
        "training/attendance_errors.html",
        {"session": session, "body": session.body, "result": result},
        status=422,
    )


@require_POST
@any_signed_in_user
def application_complete(request: AccessRequest, pk: int) -> HttpResponse:
    access = request.access
    application = selectors.application_get(access, pk)
    _require(access, Perm.MANAGE_TALENT, application.session.body_id)
    form = CompletionForm(request.POST)
    if save_with_service(
        form,
        lambda data: services.completion_record(
            actor=request.user,
            application=application,
            completed_on=data["completed_on"],
            hours=data["hours"],
            today=clock.today(),
        ),
    ):
        messages.success(request, f"{application.staff.full_name}さんの修了を記録しました。")
    else:
        messages.error(request, form_errors_text(form))
    return redirect("session_detail", pk=application.session_id)


@any_signed_in_user
def survey_answer(request: AccessRequest, pk: int) -> HttpResponse:
    """The participant's own comprehension survey (袋井市)."""
    access = request.access
    application = selectors.application_get(access, pk)
    if application.staff_id != access.staff_id:
        raise PermissionDenied("アンケートには受講者本人だけが回答できます。")
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.survey_answer(
            actor=request.user, application=application, today=clock.today(), **data
        ),
    ):
        messages.success(request, "アンケートに回答しました。ありがとうございました。")
        return redirect("my_page")
    return render(
        request,
        "training/form.html",
        {
            "form": form,
            "body": application.staff.body,
            "title": f"理解度アンケート：{application.session}",
        },
    )


@any_signed_in_user
def completion_certificate(request: AccessRequest, pk: int) -> HttpResponse:
    """修了証 as PDF, for whoever may see the completion; downloading it is audited."""
    completion = selectors.completion_get(request.access, pk)
    if not completion.course.issues_certificate:
        raise Http404("この研修は修了証を発行しません。")
    audit_record(
        actor=request.user,
        body=completion.staff.body,
        action=AuditAction.EXPORT,
        target=completion,
        target_type="修了証",
    )
    response = HttpResponse(completion_certificate_pdf(completion), content_type="application/pdf")
    filename = quote(f"修了証_{completion.staff.full_name}_{completion.course.title}.pdf")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


# --- Requirements -------------------------------------------------------------------------


@requires(Perm.VIEW_BODY)
def requirement_list(request: AccessRequest, body: Body) -> HttpResponseBase:
    access = request.access
    requirements = selectors.requirement_list(access, body)
    return whole_list_response(
        request,
        template="training/requirement_list.html",
        rows=requirements,
        columns=REQUIREMENT_COLUMNS,
        export_basename=f"受講要件_{body.name}",
        body=body,
        context={
            "body": body,
            "requirements": requirements,
            "can_manage": access.can(Perm.MANAGE_TALENT, body.pk),
        },
    )


def _requirement_form(
    request: AccessRequest, body: Body, initial: dict | None = None
) -> RequirementForm:
    access = request.access
    choices = framework_choices(access, body)
    this_year = fiscal_year_of(clock.today())
    return RequirementForm(
        request.POST or None,
        initial=initial,
        choices={
            "course": selectors.course_list(access, body),
            "grade": body.grades.all(),
            "role_class": choices["role_classes"],
            "talent_type": choices["talent_types"],
            "department": department_list(access, body, as_of=clock.today()),
        },
        fiscal_years=list(range(this_year - 3, this_year + 3)),
    )


@requires(Perm.MANAGE_TALENT)
def requirement_create(request: AccessRequest, body: Body) -> HttpResponse:
    form = _requirement_form(request, body)
    if request.method == "POST" and save_with_service(
        form, lambda data: services.requirement_create(actor=request.user, body=body, **data)
    ):
        messages.success(request, "受講要件を登録しました。")
        return redirect("requirement_list", body_key=body.url_key)
    return render(
        request, "training/form.html", {"form": form, "body": body, "title": "受講要件の登録"}
    )


@requires(Perm.MANAGE_TALENT)
def requirement_edit(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    access = request.access
    requirement = selectors.requirement_get(access, body, pk)
    form = _requirement_form(request, body, initial=initial_of(RequirementForm, requirement))
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.requirement_update(
            actor=request.user, requirement=requirement, **data
        ),
    ):
        messages.success(request, "受講要件を修正しました。")
        return redirect("requirement_list", body_key=body.url_key)
    return render(
        request,
        "training/form.html",
        {
            "form": form,
            "body": body,
            "title": f"受講要件の修正：{requirement.course.title}",
            "cancel_url": reverse("requirement_list", args=[body.url_key]),
        },
    )


@requires(Perm.MANAGE_TALENT)
def requirement_delete(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    requirement = selectors.requirement_get(request.access, body, pk)
    back = reverse("requirement_list", args=[body.url_key])
    return confirm_delete(
        request,
        body=body,
        what=f"受講要件「{requirement.course.title}（{requirement.get_kind_display()}）」",
        delete=lambda: services.requirement_delete(actor=request.user, requirement=requirement),
        back=back,
        done=back,
    )


@requires(Perm.VIEW_STAFF_LIST)
@records_access("必須研修の未修了者")
def missing_list(request: AccessRequest, body: Body) -> HttpResponseBase:
    """Who lacks which mandatory course this year; a department head sees their department."""
    access = request.access
    today = clock.today()
    overdue_only = request.GET.get("overdue") == "1"
    fiscal_year = fiscal_year_of(today)
    return list_response(
        request,
        template="training/missing_list.html",
        rows=selectors.missing_list(
            access, body, fiscal_year=fiscal_year, today=today, overdue_only=overdue_only
        ),
        columns=MISSING_COLUMNS,
        export_basename=f"必須研修未修了者_{body.name}",
        body=body,
        context={"body": body, "fiscal_year": fiscal_year, "overdue_only": overdue_only},
    )


@requires(Perm.MANAGE_TALENT)
def records_import(request: AccessRequest, body: Body) -> HttpResponseBase:
    """Completions or qualification holdings from a file; the report is the import's page.
    `?template=<format>&kind=<kind>` downloads that kind's template file."""
    if template := request.GET.get("template"):
        kind = request.GET.get("kind", "")
        example = TEMPLATE_EXAMPLES.get(kind) or TEMPLATE_EXAMPLES[COMPLETIONS]
        return template_response(example, template, "記録の取込")
    bound = request.method == "POST"
    form = RecordsImportForm(
        request.POST if bound else None,
        request.FILES if bound else None,
        initial=restart_initial(request.GET, RecordsImportForm),
    )
    if bound and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            form.add_error(
                "file",
                f"ファイルが大きすぎます。{MAX_UPLOAD_BYTES // 1024 // 1024}MB以下に分けてください。",
            )
        else:
            run = records_import_start(
                actor=request.user,
                body=body,
                kind=form.cleaned_data["kind"],
                filename=upload.name,
                data=upload.read(),
                dry_run=form.cleaned_data["dry_run"],
                only_valid=form.cleaned_data["only_valid"],
            )
            return redirect("import_run_detail", body_key=body.url_key, pk=run.pk)
    return render(
        request,
        "training/records_import.html",
        {"form": form, "body": body, "columns": COLUMNS},
    )


# --- My page ----------------------------------------------------------------------------


@any_signed_in_user
def my_page(request: AccessRequest) -> HttpResponse:
    """マイページ: what is required of me, what I can apply for, and my whole record."""
    access = request.access
    own = _own_staff(access)
    if own is None:
        raise Http404("職員として登録されたアカウントにはマイページがあります。")
    today = clock.today()
    return render(
        request,
        "training/my_page.html",
        {
            "staff": own,
            "body": own.body,
            "record": talent_record(access, own, today=today),
            "open_sessions": selectors.open_sessions(access, own, today),
            "exams": exam_date_list(access, own.body, since=today)[:10],
            "is_self": True,
        },
    )
