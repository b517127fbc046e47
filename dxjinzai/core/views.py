"""Home page per role and the audit log."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render

from dxjinzai.core.access import Perm, any_signed_in_user, requires
from dxjinzai.core.exports import Column
from dxjinzai.core.forms import AuditFilterForm
from dxjinzai.core.listing import list_response
from dxjinzai.core.selectors import AuditFilter, audit_list
from dxjinzai.organizations import selectors as org_selectors
from dxjinzai.organizations.models import Body


@any_signed_in_user
def home(request: HttpRequest) -> HttpResponse:
    """What needs my attention, by the roles I hold."""
    access = request.access  # type: ignore[attr-defined]
    today = date.today()
    return render(
        request,
        "core/home.html",
        {
            "today": today,
            "own_record": org_selectors.own_staff_record(access),
            "hr_panels": org_selectors.attention_for_hr(access, today=today),
            "headed_departments": org_selectors.headed_departments(access, today=today),
            "consortium_bodies": (
                org_selectors.consortium_overview(access) if access.is_operator else None
            ),
        },
    )


AUDIT_COLUMNS = [
    Column("日時", lambda e: e.at),
    Column("操作者", lambda e: e.actor_label),
    Column("操作", lambda e: e.get_action_display()),
    Column("対象の種類", lambda e: e.target_type),
    Column("対象", lambda e: e.target_label),
    Column("変更内容", lambda e: _changes_text(e.changes)),
]


def _changes_text(changes: dict) -> str:
    return "; ".join(f"{field}: {old} → {new}" for field, (old, new) in changes.items())


@requires(Perm.VIEW_AUDIT)
def audit_log(request: HttpRequest, body: Body) -> HttpResponseBase:
    form = AuditFilterForm(request.GET or None)
    form.is_valid()
    filters = AuditFilter(**{k: v for k, v in getattr(form, "cleaned_data", {}).items() if v})
    return list_response(
        request,
        template="core/audit_log.html",
        rows=audit_list(request.access, body, filters),  # type: ignore[attr-defined]
        columns=AUDIT_COLUMNS,
        export_basename=f"監査ログ_{body.name}",
        body=body,
        context={"body": body, "form": form},
    )
