"""Pages of support requests (愛媛県's support centre): the board, filing, the thread,
assignment and closing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dxjinzai.core import clock
from dxjinzai.core.access import AccessRequest, Perm, requires
from dxjinzai.core.exports import Column
from dxjinzai.core.forms import form_errors_text, save_with_service
from dxjinzai.core.listing import list_response
from dxjinzai.organizations.models import Body
from dxjinzai.sharing import selectors, services
from dxjinzai.sharing.forms import SupportAssignForm, SupportReplyForm, SupportRequestForm
from dxjinzai.sharing.models import SupportRequest, SupportStatus

SUPPORT_COLUMNS = [
    Column("依頼日", lambda r: r.filed_on),
    Column("依頼した団体", lambda r: r.body.name),
    Column("相談のテーマ", lambda r: r.theme),
    Column("分野", lambda r: r.field),
    Column("緊急度", lambda r: r.get_urgency_display()),
    Column("状況", lambda r: r.get_status_display()),
    Column("担当", lambda r: r.member.display_name if r.member else ""),
    Column("完了日", lambda r: r.closed_on or ""),
]


@requires(Perm.VIEW_BODY)
def support_list(request: AccessRequest, body: Body) -> HttpResponseBase:
    """The body's requests; for the centre, the status board of every request filed with it."""
    access = request.access
    requests = selectors.support_list(access, body)
    status = request.GET.get("status", "")
    shown = selectors.support_with_status(requests, status)
    return list_response(
        request,
        template="sharing/support_list.html",
        rows=shown,
        columns=SUPPORT_COLUMNS,
        export_basename=f"支援依頼_{body.name}",
        body=body,
        context={
            "body": body,
            "board": selectors.support_board(requests),
            "statuses": SupportStatus.choices,
            "status": status,
            "can_file": access.can(Perm.REQUEST_SUPPORT, body.pk),
            "is_centre": access.can(Perm.RUN_SUPPORT, body.pk),
        },
    )


@requires(Perm.REQUEST_SUPPORT)
def support_create(request: AccessRequest, body: Body) -> HttpResponse:
    """File a request; `?member=` (from the pool page) proposes that specialist."""
    members = list(selectors.pool_list(request.access, body))
    wanted = request.GET.get("member", "")
    proposed = next((m for m in members if str(m.pk) == wanted), None)
    form = SupportRequestForm(
        request.POST or None,
        members=members,
        initial={
            "desired_member": proposed.pk if proposed else "",
            "field": proposed.fields[0] if proposed and proposed.fields else None,
        },
    )
    made: list = []

    def save(data: dict) -> None:
        made.append(
            services.support_request_file(
                actor=request.user, body=body, today=clock.today(), **data
            )
        )

    if request.method == "POST" and save_with_service(form, save):
        messages.success(request, "支援を依頼しました。支援センターから連絡があります。")
        return redirect("support_detail", body_key=body.url_key, pk=made[0].pk)
    return render(
        request,
        "sharing/form.html",
        {"form": form, "body": body, "title": "支援の依頼", "cancel": "support_list"},
    )


def _author_label(request: AccessRequest, support: SupportRequest) -> str:
    """How the writer appears in the thread: their body's role in the request."""
    access = request.access
    name = request.user.get_full_name() or request.user.get_username()  # type: ignore[union-attr]
    if access.can(Perm.RUN_SUPPORT, support.centre_id):
        return f"{name}（{support.centre.name} 支援センター）"
    if support.member and support.member.staff.user_id == request.user.pk:
        return f"{support.member.display_name}（専門人材）"
    return f"{name}（{support.body.name}）"


@requires(Perm.VIEW_BODY)
def support_detail(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    access = request.access
    support = selectors.support_get(access, body, pk)
    is_centre = access.can(Perm.RUN_SUPPORT, support.centre_id)
    return render(
        request,
        "sharing/support_detail.html",
        {
            "body": body,
            "support": support,
            "thread": support.messages.all(),
            "reply_form": SupportReplyForm(),
            "assign_form": SupportAssignForm(
                members=list(selectors.pool_list(access, support.centre)),
                initial={"urgency": support.urgency, "member": support.desired_member_id},
            )
            if is_centre
            else None,
            "can_close": is_centre or access.can(Perm.REQUEST_SUPPORT, support.body_id),
        },
    )


@require_POST
@requires(Perm.VIEW_BODY)
def support_reply(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    support = selectors.support_get(request.access, body, pk)
    form = SupportReplyForm(request.POST, request.FILES)
    if save_with_service(
        form,
        lambda data: services.support_reply(
            actor=request.user,
            request=support,
            author_label=_author_label(request, support),
            text=data["text"],
            attachment=data["attachment"],
        ),
    ):
        messages.success(request, "送信しました。")
    else:
        messages.error(request, form_errors_text(form))
    return redirect("support_detail", body_key=body.url_key, pk=support.pk)


@require_POST
@requires(Perm.RUN_SUPPORT)
def support_assign(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    access = request.access
    support = selectors.support_get(access, body, pk)
    members = list(selectors.pool_list(access, support.centre))
    form = SupportAssignForm(request.POST, members=members)
    if save_with_service(
        form,
        lambda data: services.support_assign(
            actor=request.user,
            request=support,
            member=next(m for m in members if m.pk == data["member"]),
            urgency=data["urgency"],
        ),
    ):
        messages.success(request, "担当を割り当てました。")
    else:
        messages.error(request, form_errors_text(form))
    return redirect("support_detail", body_key=body.url_key, pk=support.pk)


@require_POST
@requires(Perm.VIEW_BODY)
def support_close(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    access = request.access
    support = selectors.support_get(access, body, pk)
    if not (
        access.can(Perm.RUN_SUPPORT, support.centre_id)
        or access.can(Perm.REQUEST_SUPPORT, support.body_id)
    ):
        raise PermissionDenied("依頼した団体か支援センターだけが完了にできます。")
    try:
        services.support_close(actor=request.user, request=support, today=clock.today())
        messages.success(request, "完了にしました。")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("support_detail", body_key=body.url_key, pk=support.pk)


@requires(Perm.VIEW_BODY)
def support_attachment(
    request: AccessRequest, body: Body, pk: int, message_pk: int
) -> FileResponse:
    support = selectors.support_get(request.access, body, pk)
    message = selectors.support_attachment_get(support, message_pk)
    return FileResponse(
        message.attachment.open("rb"), as_attachment=True, filename=message.attachment_name
    )
