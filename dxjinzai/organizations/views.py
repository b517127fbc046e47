"""Pages of bodies, departments and staff. Thin: access checks, a form, a service, a template."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dxjinzai.core import clock
from dxjinzai.core.access import AccessRequest, Perm, any_signed_in_user, operator_only, requires
from dxjinzai.core.access_records import records_access
from dxjinzai.core.exports import template_response
from dxjinzai.core.forms import form_errors_text, restart_initial, save_with_service
from dxjinzai.core.import_runs import (
    KEEP_CHECKED_FOR,
    checked_upload,
    import_run_commit,
    recover_interrupted_runs,
    restart_url,
)
from dxjinzai.core.listing import list_response
from dxjinzai.core.pages import confirm_action
from dxjinzai.core.second_factor import users_with_second_factor
from dxjinzai.core.selectors import record_history
from dxjinzai.organizations import import_jobs, selectors, services
from dxjinzai.organizations.attention import waiting_for
from dxjinzai.organizations.exports import (
    ACCOUNT_COLUMNS,
    BODY_COLUMNS,
    DEPARTMENT_COLUMNS,
    IMPORT_REPORT_COLUMNS,
    IMPORT_RUN_COLUMNS,
    STAFF_COLUMNS,
    member_columns,
)
from dxjinzai.organizations.forms import (
    AccountForm,
    AppointmentForm,
    BodyForm,
    DepartmentFilterForm,
    DepartmentForm,
    RoleGrantForm,
    StaffFilterForm,
    StaffForm,
    StaffImportForm,
    WorkDaysForm,
)
from dxjinzai.organizations.middleware import kept_waiting, kept_waiting_count
from dxjinzai.organizations.models import Body, StaffStatus
from dxjinzai.organizations.staff_import import COLUMN_ALIASES, COLUMN_LABELS, TEMPLATE_EXAMPLE

# How many items of each kind the inbox lists (the count is always whole; the home page's
# number is middleware.HOME_ITEMS).
INBOX_ITEMS = 50

# --- Bodies --------------------------------------------------------------------------------


@any_signed_in_user
def home(request: AccessRequest) -> HttpResponse:
    """What needs my attention, by the roles I hold."""
    access = request.access
    today = clock.today()
    return render(
        request,
        "core/home.html",
        {
            "today": today,
            "waiting": kept_waiting(request, access, today=today),
            "own_record": selectors.own_staff_record(access),
            "hr_panels": selectors.attention_for_hr(access, today=today),
            "headed_departments": selectors.headed_departments(access, today=today),
            "consortium_bodies": (
                selectors.consortium_overview(access) if access.is_operator else None
            ),
        },
    )


@any_signed_in_user
def inbox(request: AccessRequest) -> HttpResponse:
    """対応待ち: everything waiting for my action, kind by kind, each with its page."""
    today = clock.today()
    return render(
        request,
        "organizations/inbox.html",
        {
            "today": today,
            "waiting": waiting_for(request.access, today=today, limit=INBOX_ITEMS),
            "limit": INBOX_ITEMS,
        },
    )


@any_signed_in_user
def inbox_count(request: AccessRequest) -> JsonResponse:
    """The header's figure, fetched after the page has loaded (static/js/waiting-count.js)."""
    count = kept_waiting_count(request, request.access, today=clock.today())
    return JsonResponse({"count": count})


@any_signed_in_user
def body_list(request: AccessRequest) -> HttpResponseBase:
    bodies = selectors.body_list(request.access)
    return list_response(
        request,
        template="organizations/body_list.html",
        rows=bodies,
        columns=BODY_COLUMNS,
        export_basename="団体一覧",
        body=None,
        context={"can_create": request.access.is_operator},
    )


@operator_only
def body_create(request: AccessRequest) -> HttpResponse:
    consortium = selectors.consortium_list_operated(request.access).first()
    form = BodyForm(request.POST or None)
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.body_create(actor=request.user, consortium=consortium, **data),
    ):
        messages.success(request, f"{form.cleaned_data['name']}を登録しました。")
        return redirect("body_list")
    return render(
        request,
        "organizations/form.html",
        {"form": form, "title": "団体の登録", "consortium": consortium},
    )


@requires(Perm.VIEW_BODY)
def body_detail(request: AccessRequest, body: Body) -> HttpResponse:
    access = request.access
    return render(
        request,
        "organizations/body_detail.html",
        {
            "body": body,
            "grades": selectors.grade_list(access, body),
            "can_manage": access.can(Perm.MANAGE_BODY, body.pk),
            "can_view_departments": access.can(Perm.VIEW_DEPARTMENTS, body.pk),
            "can_view_staff": access.can(Perm.VIEW_STAFF_LIST, body.pk),
            "can_view_audit": access.can(Perm.VIEW_AUDIT, body.pk),
            "can_manage_accounts": access.can(Perm.MANAGE_ACCOUNTS, body.pk),
        },
    )


@requires(Perm.MANAGE_BODY)
def body_edit(request: AccessRequest, body: Body) -> HttpResponse:
    form = BodyForm(request.POST or None, instance=selectors.body_for_form(body))
    if request.method == "POST" and save_with_service(
        form, lambda data: services.body_update(actor=request.user, body=body, **data)
    ):
        messages.success(request, "団体の情報を更新しました。")
        return redirect("body_detail", body_key=body.url_key)
    return render(
        request, "organizations/form.html", {"form": form, "body": body, "title": "団体情報の編集"}
    )


# --- Departments ---------------------------------------------------------------------------


@requires(Perm.VIEW_DEPARTMENTS)
def department_list(request: AccessRequest, body: Body) -> HttpResponseBase:
    access = request.access
    form = DepartmentFilterForm(request.GET or None)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    as_of = None if data.get("include_closed") else (data.get("as_of") or clock.today())
    departments = selectors.department_list(access, body, as_of=as_of, q=data.get("q", ""))
    return list_response(
        request,
        template="organizations/department_list.html",
        rows=departments,
        columns=DEPARTMENT_COLUMNS,
        export_basename=f"所属一覧_{body.name}",
        body=body,
        context={
            "body": body,
            "form": form,
            "as_of": as_of,
            "can_manage": access.can(Perm.MANAGE_DEPARTMENTS, body.pk),
        },
    )


@requires(Perm.MANAGE_DEPARTMENTS)
def department_create(request: AccessRequest, body: Body) -> HttpResponse:
    form = DepartmentForm(request.POST or None, access=request.access, body=body)
    if request.method == "POST" and save_with_service(
        form, lambda data: services.department_create(actor=request.user, body=body, **data)
    ):
        messages.success(request, f"所属「{form.cleaned_data['name']}」を登録しました。")
        return redirect("department_list", body_key=body.url_key)
    return render(
        request, "organizations/form.html", {"form": form, "body": body, "title": "所属の登録"}
    )


@requires(Perm.MANAGE_DEPARTMENTS)
def department_edit(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    access = request.access
    department = selectors.department_get(access, body, pk)
    form = DepartmentForm(request.POST or None, instance=department, access=access, body=body)
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.department_update(
            actor=request.user, department=selectors.department_get(access, body, pk), **data
        ),
    ):
        messages.success(request, "所属を更新しました。")
        return redirect("department_list", body_key=body.url_key)
    return render(
        request,
        "organizations/form.html",
        {"form": form, "body": body, "title": f"所属の編集：{department.name}"},
    )


@requires(Perm.VIEW_DEPARTMENTS)
@records_access("所属の職員")
def department_members(request: AccessRequest, body: Body, pk: int) -> HttpResponseBase:
    """Who serves in a department today, dedicated and concurrent (長井市's digital office)."""
    access = request.access
    department = selectors.department_get(access, body, pk)
    members = selectors.concurrent_members(access, department, today=clock.today())
    part_timers = selectors.part_timers(access, members, today=clock.today())
    return list_response(
        request,
        template="organizations/department_members.html",
        rows=members,
        columns=member_columns({p.appointment.pk: p.recorded_total for p in part_timers}),
        export_basename=f"配置職員_{department.name}",
        body=body,
        context={
            "body": body,
            "department": department,
            "part_timers": part_timers,
            "can_record": access.can(Perm.MANAGE_STAFF, body.pk),
            "days_form": WorkDaysForm(),
        },
    )


@require_POST
@requires(Perm.MANAGE_STAFF)
def work_days_record(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    """HR records a part-timer's days worked in a month."""
    access = request.access
    department = selectors.department_get(access, body, pk)
    form = WorkDaysForm(request.POST)
    appointment = selectors.appointment_in_department(
        access, department, request.POST.get("appointment")
    )
    if appointment is None:
        messages.error(request, "この所属の職員を選んでください。")
    elif save_with_service(
        form,
        lambda data: services.work_days_record(
            actor=request.user,
            appointment=appointment,
            year=data["month"][0],
            month=data["month"][1],
            days=data["days"],
            today=clock.today(),
        ),
    ):
        messages.success(request, "勤務日数を記録しました。")
    else:
        messages.error(request, form_errors_text(form))
    return redirect("department_members", body_key=body.url_key, pk=department.pk)


# --- Staff ---------------------------------------------------------------------------------


def _staff_filter(form: StaffFilterForm) -> selectors.StaffFilter:
    if not form.is_bound:
        return selectors.StaffFilter()
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    return selectors.StaffFilter(
        q=data.get("q", ""),
        department_id=data["department"].pk if data.get("department") else None,
        grade_id=data["grade"].pk if data.get("grade") else None,
        status=data.get("status", StaffStatus.ACTIVE),
    )


@requires(Perm.VIEW_STAFF_LIST)
@records_access("職員一覧")
def staff_list(request: AccessRequest, body: Body) -> HttpResponseBase:
    access = request.access
    form = StaffFilterForm(request.GET or None, access=access, body=body)
    staff = selectors.staff_list(access, body, _staff_filter(form))
    return list_response(
        request,
        template="organizations/staff_list.html",
        rows=staff,
        columns=STAFF_COLUMNS,
        export_basename=f"職員一覧_{body.name}",
        body=body,
        context={"body": body, "form": form, "can_manage": access.can(Perm.MANAGE_STAFF, body.pk)},
    )


@requires(Perm.MANAGE_STAFF)
def staff_create(request: AccessRequest, body: Body) -> HttpResponse:
    form = StaffForm(request.POST or None, access=request.access, body=body)
    if request.method == "POST" and save_with_service(
        form, lambda data: services.staff_create(actor=request.user, body=body, **data)
    ):
        messages.success(request, "職員を登録しました。")
        return redirect("staff_detail", body_key=body.url_key, number=form.cleaned_data["number"])
    return render(
        request, "organizations/form.html", {"form": form, "body": body, "title": "職員の登録"}
    )


@requires(Perm.VIEW_BODY)
@records_access("職員の記録")
def staff_detail(request: AccessRequest, body: Body, number: str) -> HttpResponse:
    """Staff detail: visible to HR of the body, the person's department head and the person."""
    access = request.access
    staff = selectors.staff_get(access, body, number)
    return render(
        request,
        "organizations/staff_detail.html",
        {
            "body": body,
            "staff": staff,
            "appointments": selectors.appointment_list_for_staff(access, staff),
            "can_manage": access.can(Perm.MANAGE_STAFF, body.pk),
            "can_view_staff": access.can(Perm.VIEW_STAFF_LIST, body.pk),
            "history": (
                record_history(staff) if access.can(Perm.MANAGE_STAFF, staff.body_id) else []
            ),
        },
    )


@requires(Perm.MANAGE_STAFF)
def staff_edit(request: AccessRequest, body: Body, number: str) -> HttpResponse:
    access = request.access
    staff = selectors.staff_get(access, body, number)
    form = StaffForm(request.POST or None, instance=staff, access=access, body=body)
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.staff_update(
            actor=request.user, staff=selectors.staff_get(access, body, number), **data
        ),
    ):
        messages.success(request, "職員情報を更新しました。")
        return redirect("staff_detail", body_key=body.url_key, number=form.cleaned_data["number"])
    return render(
        request,
        "organizations/form.html",
        {"form": form, "body": body, "title": f"職員情報の編集：{staff}"},
    )


@requires(Perm.MANAGE_STAFF)
def appointment_create(request: AccessRequest, body: Body, number: str) -> HttpResponse:
    access = request.access
    staff = selectors.staff_get(access, body, number)
    form = AppointmentForm(
        request.POST or None, access=access, staff=staff, bodies=selectors.body_list(access)
    )
    if request.method == "POST" and save_with_service(
        form, lambda data: services.appointment_create(actor=request.user, staff=staff, **data)
    ):
        messages.success(request, "任用・配置を登録しました。")
        return redirect("staff_detail", body_key=body.url_key, number=staff.number)
    return render(
        request,
        "organizations/form.html",
        {"form": form, "body": body, "title": f"任用・配置の登録：{staff}"},
    )


@requires(Perm.MANAGE_STAFF)
def appointment_edit(request: AccessRequest, body: Body, number: str, pk: int) -> HttpResponse:
    access = request.access
    staff = selectors.staff_get(access, body, number)
    appointment = selectors.appointment_get(access, staff, pk)
    form = AppointmentForm(
        request.POST or None,
        instance=appointment,
        access=access,
        staff=staff,
        bodies=selectors.body_list(access),
    )
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.appointment_update(
            actor=request.user, appointment=selectors.appointment_get(access, staff, pk), **data
        ),
    ):
        messages.success(request, "任用・配置を更新しました。")
        return redirect("staff_detail", body_key=body.url_key, number=staff.number)
    return render(
        request,
        "organizations/form.html",
        {"form": form, "body": body, "title": f"任用・配置の編集：{staff}"},
    )


# --- Accounts and roles --------------------------------------------------------------------


@requires(Perm.MANAGE_ACCOUNTS)
@records_access("アカウント一覧")
def account_list(request: AccessRequest, body: Body) -> HttpResponseBase:
    return list_response(
        request,
        template="organizations/account_list.html",
        rows=selectors.account_list(request.access, body),
        columns=ACCOUNT_COLUMNS,
        export_basename=f"アカウント一覧_{body.name}",
        body=body,
        context={"body": body},
        page_context=lambda page: {
            "with_second_factor": users_with_second_factor([a.user.pk for a in page])
        },
    )


@requires(Perm.MANAGE_ACCOUNTS)
def account_create(request: AccessRequest, body: Body) -> HttpResponse:
    form = AccountForm(request.POST or None, access=request.access, body=body)
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.account_create(
            actor=request.user,
            body=body,
            staff=data["staff_number"],
            username=data["username"],
            password=data["password"],
            role=data["role"],
            department=data["department"],
        ),
    ):
        invited = "" if form.cleaned_data["password"] else "招待メールを送りました。"
        messages.success(
            request, f"アカウント「{form.cleaned_data['username']}」を作成しました。{invited}"
        )
        return redirect("account_list", body_key=body.url_key)
    return render(
        request,
        "organizations/form.html",
        {"form": form, "body": body, "title": "アカウントの作成"},
    )


@requires(Perm.MANAGE_ACCOUNTS)
def role_grant_create(request: AccessRequest, body: Body) -> HttpResponse:
    form = RoleGrantForm(request.POST or None, access=request.access, body=body)
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.role_grant_create(
            actor=request.user,
            user=data["username"],
            body=body,
            role=data["role"],
            department=data["department"],
        ),
    ):
        messages.success(request, "権限を付与しました。")
        return redirect("account_list", body_key=body.url_key)
    return render(
        request, "organizations/form.html", {"form": form, "body": body, "title": "権限の付与"}
    )


@requires(Perm.MANAGE_ACCOUNTS)
def role_grant_revoke(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST removes the role."""
    grant = selectors.role_grant_get(request.access, body, pk)
    if services.is_own_admin_grant(grant, request.user):
        messages.error(request, "自分自身の団体管理者の権限は外せません。")
        return redirect("account_list", body_key=body.url_key)
    if request.method == "POST":
        services.role_grant_revoke(actor=request.user, grant=grant)
        messages.success(
            request, f"{grant.user.username} の「{grant.get_role_display()}」を外しました。"
        )
        return redirect("account_list", body_key=body.url_key)
    return render(request, "organizations/role_grant_revoke.html", {"body": body, "grant": grant})


@requires(Perm.MANAGE_STAFF)
def head_moves(request: AccessRequest, body: Body) -> HttpResponse:
    """Department heads who moved to another unit: HR moves the role with them or ends it."""
    return render(
        request,
        "organizations/head_moves.html",
        {"body": body, "grants": selectors.moved_heads(request.access, [body.pk])},
    )


@require_POST
@requires(Perm.MANAGE_STAFF)
def head_move_confirm(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    grant = selectors.moved_head_get(request.access, body, pk)
    name = grant.user.staff_record.full_name
    try:
        if request.POST.get("decision") == "follow":
            services.head_grant_follow(actor=request.user, grant=grant)
            messages.success(request, f"{name}さんを{grant.department}の所属長にしました。")
        else:
            services.role_grant_revoke(actor=request.user, grant=grant)
            messages.success(request, f"{name}さんの所属長の権限を外しました。")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("head_moves", body_key=body.url_key)


@requires(Perm.MANAGE_ACCOUNTS)
def account_second_factor_reset(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST takes the person's second factor away."""
    user = selectors.account_user_get(request.access, body, pk)
    accounts = reverse("account_list", args=[body.url_key])
    return confirm_action(
        request,
        body=body,
        title=f"二要素認証のリセット：{user.username}",
        explanation=(
            f"{user.username} の認証アプリと回復コードを無効にし、その人のログイン中の画面を"
            "すべて終了します。スマートフォンと回復コードをなくした本人から頼まれたときに使います。"
            "団体が二要素認証を必須にしていれば、本人は次のログインで設定し直します。"
        ),
        button="リセットする",
        act=lambda: services.account_second_factor_reset(actor=request.user, body=body, user=user),
        done_message=f"{user.username} の二要素認証をリセットしました。",
        back=accounts,
        done=accounts,
    )


@require_POST
@requires(Perm.MANAGE_ACCOUNTS)
def account_invite(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    """Send the invitation again (the first link expired or went astray)."""
    user = selectors.invited_account_get(request.access, body, pk)
    try:
        services.account_invite(actor=request.user, body=body, user=user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{user.username} に招待メールを送り直しました。")
    return redirect("account_list", body_key=body.url_key)


@require_POST
@requires(Perm.MANAGE_ACCOUNTS)
def account_reactivate(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    """A stopped account (its person retired) becomes usable again once they are back."""
    staff = selectors.stopped_account_get(request.access, body, pk)
    try:
        user = services.account_reactivate(actor=request.user, staff=staff)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{user.username} を有効に戻しました（権限は職員のみ）。")
    return redirect("account_list", body_key=body.url_key)


# --- Staff import --------------------------------------------------------------------------


@requires(Perm.MANAGE_STAFF)
def staff_import(request: AccessRequest, body: Body) -> HttpResponseBase:
    """Upload a personnel-system file; small files run at once, large ones in the background.
    `?template=<format>` downloads the template file."""
    if template := request.GET.get("template"):
        return template_response(TEMPLATE_EXAMPLE, template, "職員の取込")
    bound = request.method == "POST"
    form = StaffImportForm(
        request.POST if bound else None,
        request.FILES if bound else None,
        initial=restart_initial(request.GET, StaffImportForm),
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        largest = import_jobs.STAFF_FILE_LIMITS["max_bytes"]
        if upload.size > largest:
            form.add_error(
                "file", f"ファイルが大きすぎます。{largest // 1024 // 1024}MB以下に分けてください。"
            )
        else:
            # The upload goes to the store a piece at a time (a prefecture's file is large).
            run = import_jobs.staff_import_start(
                actor=request.user,
                body=body,
                filename=upload.name,
                data=upload,
                dry_run=form.cleaned_data["dry_run"],
                complete=form.cleaned_data["complete"],
                only_valid=form.cleaned_data["only_valid"],
                sheet=form.cleaned_data["sheet"],
                confirm_retirements=form.cleaned_data["confirm_retirements"],
            )
            return redirect("import_run_detail", body_key=body.url_key, pk=run.pk)
    return render(
        request,
        "organizations/staff_import.html",
        {"form": form, "body": body, "columns": COLUMN_ALIASES, "labels": COLUMN_LABELS},
    )


@requires(Perm.MANAGE_STAFF)
def import_run_list(request: AccessRequest, body: Body) -> HttpResponseBase:
    recover_interrupted_runs(body_id=body.pk)
    return list_response(
        request,
        template="organizations/import_run_list.html",
        rows=selectors.import_run_list(request.access, body),
        columns=IMPORT_RUN_COLUMNS,
        export_basename=f"取込履歴_{body.name}",
        body=body,
        context={"body": body},
    )


@requires(Perm.MANAGE_STAFF)
def import_run_detail(request: AccessRequest, body: Body, pk: int) -> HttpResponseBase:
    """Progress while the run works (htmx polls this page), then its report. A run whose
    process died is ended here too, so the page never waits for it forever."""
    recover_interrupted_runs(body_id=body.pk)
    run = selectors.import_run_get(request.access, body, pk)
    lines = selectors.import_report_lines(run) if run.is_finished else []
    return list_response(
        request,
        template="organizations/import_run_detail.html",
        rows=lines,
        columns=IMPORT_REPORT_COLUMNS,
        export_basename=f"取込結果_{run.pk}",
        body=body,
        context={
            "body": body,
            "run": run,
            "restart_url": restart_url(run),
            "committable": checked_upload(run) is not None,
            "kept_minutes": int(KEEP_CHECKED_FOR.total_seconds() // 60),
        },
    )


@require_POST
@requires(Perm.MANAGE_STAFF)
def import_run_commit_checked(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    """「この内容で取り込む」: the file a dry run checked, imported without choosing it again."""
    run = selectors.import_run_get(request.access, body, pk)
    try:
        committed = import_run_commit(actor=request.user, run=run)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("import_run_detail", body_key=body.url_key, pk=run.pk)
    return redirect("import_run_detail", body_key=body.url_key, pk=committed.pk)
