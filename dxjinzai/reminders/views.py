"""The reminders page (the digest on or off, the person's calendar address, their bodies'
joint-session feeds) and the two feeds, which calendars fetch without signing in."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dxjinzai.core import clock
from dxjinzai.core.access import AccessRequest, Perm, any_signed_in_user, body_for, directory
from dxjinzai.reminders import selectors, services
from dxjinzai.reminders.feeds import ics_feed
from dxjinzai.reminders.forms import DigestForm


@any_signed_in_user
def reminder_settings(request: AccessRequest) -> HttpResponse:
    mine = selectors.settings_of(request.user)
    # An unticked box posts nothing: the form is bound on every POST, empty or not.
    form = DigestForm(request.POST if request.method == "POST" else None, instance=mine)
    if request.method == "POST" and form.is_valid():
        services.reminder_settings_update(user=request.user, digest=form.cleaned_data["digest"])
        messages.success(request, "お知らせメールの設定を保存しました。")
        return redirect("reminder_settings")
    return render(
        request,
        "reminders/settings.html",
        {
            "form": form,
            "has_email": bool(getattr(request.user, "email", "")),
            "calendar_url": _feed_url(request, "person_calendar", mine.calendar_token),
            "body_feeds": [
                (feed.body, _feed_url(request, "body_calendar", feed.token))
                for feed in selectors.body_feed_list(request.access)
            ],
        },
    )


def _feed_url(request: AccessRequest, name: str, token: str | None) -> str:
    return request.build_absolute_uri(reverse(name, args=[token])) if token else ""


@require_POST
@any_signed_in_user
def calendar_renew(request: AccessRequest) -> HttpResponse:
    services.calendar_token_renew(user=request.user)
    messages.success(
        request, "カレンダーの新しいアドレスを発行しました。前のアドレスは使えなくなりました。"
    )
    return redirect("reminder_settings")


@require_POST
@any_signed_in_user
def calendar_revoke(request: AccessRequest) -> HttpResponse:
    services.calendar_token_revoke(user=request.user)
    messages.success(request, "カレンダーのアドレスを無効にしました。")
    return redirect("reminder_settings")


@require_POST
@any_signed_in_user
def body_calendar_renew(request: AccessRequest, body_key: str) -> HttpResponse:
    body = body_for(request.access, body_key, Perm.MANAGE_TALENT)
    services.body_calendar_renew(actor=request.user, body=body)
    messages.success(request, f"{body.name}の合同研修カレンダーの新しいアドレスを発行しました。")
    return redirect("reminder_settings")


@require_POST
@any_signed_in_user
def body_calendar_revoke(request: AccessRequest, body_key: str) -> HttpResponse:
    body = body_for(request.access, body_key, Perm.MANAGE_TALENT)
    services.body_calendar_revoke(actor=request.user, body=body)
    messages.success(request, f"{body.name}の合同研修カレンダーのアドレスを無効にしました。")
    return redirect("reminder_settings")


@login_not_required
def person_calendar(request: HttpRequest, token: str) -> HttpResponse:
    """The person's feed; the secret in the address is its only credential, and what it
    shows is read through that person's own access."""
    found = selectors.settings_by_calendar_token(token)
    if found is None:
        raise Http404("カレンダーが見つかりません。")
    access = directory().access_for_user(found.user)
    dates = selectors.person_dates(access, today=clock.today())
    return _ics(ics_feed("DX人材プラットフォーム（わたしの予定）", dates, **_feed_args()))


@login_not_required
def body_calendar(request: HttpRequest, token: str) -> HttpResponse:
    feed = selectors.body_calendar_by_token(token)
    if feed is None:
        raise Http404("カレンダーが見つかりません。")
    dates = selectors.joint_session_dates(feed.body, today=clock.today())
    return _ics(ics_feed(f"{feed.body.name} 合同研修", dates, **_feed_args()))


def _feed_args() -> dict[str, Any]:
    return {"site_url": settings.SITE_URL, "now": clock.now()}


def _ics(content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    return response
