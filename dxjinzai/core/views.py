"""The audit log, access records, API tokens and the health check."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render

from dxjinzai.core.access import AccessRequest, Perm, requires
from dxjinzai.core.access_records import ACCESS_RECORD_RETENTION
from dxjinzai.core.audit import changes_text, model_named
from dxjinzai.core.exports import Column
from dxjinzai.core.forms import (
    AccessRecordFilterForm,
    ApiTokenForm,
    AuditFilterForm,
    save_with_service,
)
from dxjinzai.core.listing import list_response
from dxjinzai.core.selectors import (
    AccessRecordFilter,
    AuditFilter,
    access_record_list,
    api_token_get,
    api_token_list_for,
    audit_list,
)
from dxjinzai.core.services import api_token_create, api_token_revoke


@login_not_required
def health(request: AccessRequest) -> HttpResponse:
    """For the reverse proxy's and the monitoring's health checks: the application answers.
    It reads nothing (no database, no session), so it is also the trivial view the load
    benchmark measures as the server's ceiling."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


AUDIT_COLUMNS = [
    Column("日時", lambda e: e.at),
    Column("操作者", lambda e: e.actor_label),
    Column("操作", lambda e: e.get_action_display()),
    Column("対象の種類", lambda e: e.target_type),
    Column("対象", lambda e: e.target_label),
    Column("変更内容", lambda e: changes_text(e.changes, model_named(e.target_type))),
]


@requires(Perm.VIEW_AUDIT)
def audit_log(request: AccessRequest, body: Any) -> HttpResponseBase:
    form = AuditFilterForm(request.GET or None)
    form.is_valid()
    filters = AuditFilter(**{k: v for k, v in getattr(form, "cleaned_data", {}).items() if v})
    return list_response(
        request,
        template="core/audit_log.html",
        rows=audit_list(request.access, body, filters),
        columns=AUDIT_COLUMNS,
        export_basename=f"監査ログ_{body.name}",
        body=body,
        context={"body": body, "form": form},
    )


ACCESS_RECORD_COLUMNS = [
    Column("日時", lambda r: r.at),
    Column("閲覧者", lambda r: r.actor_label),
    Column("画面", lambda r: r.kind),
    Column("対象", lambda r: r.target),
    Column("URL", lambda r: r.path),
]


@requires(Perm.VIEW_AUDIT)
def access_record_list_view(request: AccessRequest, body: Any) -> HttpResponseBase:
    """閲覧記録: who opened which personal data, kept for a year (core.access_records)."""
    form = AccessRecordFilterForm(request.GET or None)
    form.is_valid()
    filters = AccessRecordFilter(
        **{k: v for k, v in getattr(form, "cleaned_data", {}).items() if v}
    )
    return list_response(
        request,
        template="core/access_records.html",
        rows=access_record_list(request.access, body, filters),
        columns=ACCESS_RECORD_COLUMNS,
        export_basename=f"閲覧記録_{body.name}",
        body=body,
        context={"body": body, "form": form, "retention_days": ACCESS_RECORD_RETENTION.days},
    )


TOKEN_COLUMNS = [
    Column("用途", lambda t: t.name),
    Column("範囲", lambda t: t.get_scope_display()),
    Column("先頭8文字", lambda t: t.prefix),
    Column("発行者", lambda t: t.created_by.username),
    Column("発行日時", lambda t: t.created_at),
    Column("最終利用", lambda t: t.last_used_at),
    Column("失効日時", lambda t: t.revoked_at),
]


@requires(Perm.MANAGE_ACCOUNTS)
def api_token_list(request: AccessRequest, body: Any) -> HttpResponseBase:
    """The body's API tokens; issuing one shows its key on this page, once."""
    form = ApiTokenForm(request.POST or None)
    raw_key = None
    if request.method == "POST" and save_with_service(
        form,
        lambda data: _issue(request, body, data),
    ):
        raw_key = request.issued_key  # type: ignore[attr-defined]
        form = ApiTokenForm()
    return list_response(
        request,
        template="core/api_token_list.html",
        rows=api_token_list_for(request.access, body),
        columns=TOKEN_COLUMNS,
        export_basename=f"APIトークン_{body.name}",
        body=body,
        context={"body": body, "form": form, "raw_key": raw_key},
    )


def _issue(request: AccessRequest, body: Any, data: dict) -> None:
    _, raw_key = api_token_create(actor=request.user, body=body, **data)
    request.issued_key = raw_key  # type: ignore[attr-defined]


@requires(Perm.MANAGE_ACCOUNTS)
def api_token_revoke_view(request: AccessRequest, body: Any, pk: int) -> HttpResponse:
    token = api_token_get(request.access, body, pk)
    if request.method == "POST":
        api_token_revoke(actor=request.user, token=token)
        messages.success(request, f"APIトークン「{token.name}」を失効させました。")
        return redirect("api_token_list", body_key=body.url_key)
    return render(request, "core/api_token_revoke.html", {"body": body, "token": token})
