"""A person's own sessions (issue 19 §4): where they are signed in, ending the ones they
do not recognise; a password changed or set anew ends the others."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dxjinzai.core import clock, selectors, services
from dxjinzai.core.access import AccessRequest, any_signed_in_user, directory
from dxjinzai.core.client_ip import client_ip
from dxjinzai.core.sessions import idle_limit


@any_signed_in_user
def my_sessions(request: AccessRequest) -> HttpResponse:
    return render(
        request,
        "core/my_sessions.html",
        {
            "sessions": selectors.my_sessions(request.user),
            "current_key": request.session.session_key,
            "idle_minutes": idle_limit(request) // 60,
        },
    )


@require_POST
@any_signed_in_user
def session_end(request: AccessRequest, pk: int) -> HttpResponse:
    session = selectors.my_session_get(request.user, pk)
    if session.session_key == request.session.session_key:
        messages.error(request, "いま使っているセッションは、ログアウトで終了してください。")
    else:
        services.sessions_end([session])
        messages.success(
            request, "セッションを終了しました。その画面は次の操作でログインに戻ります。"
        )
    return redirect("my_sessions")


@require_POST
@any_signed_in_user
def sessions_end_others(request: AccessRequest) -> HttpResponse:
    ended = services.sessions_end_for(request.user, keep_key=request.session.session_key)
    messages.success(request, f"ほかのセッションを{ended}件終了しました。")
    return redirect("my_sessions")


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's, and the person's other sessions end (this one stays signed in)."""

    def form_valid(self, form: Any) -> HttpResponse:
        # Django gives this session a new key as it keeps it signed in.
        before = self.request.session.session_key or ""
        response = super().form_valid(form)
        services.sessions_end_for(self.request.user, keep_key=before)
        services.session_rekey(before, self.request.session.session_key or "")
        return response


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's, mailing no link to a person whose body signs in only through its identity
    provider: the link would set a password that cannot be used."""

    def get_users(self, email: str) -> Any:
        allowed = directory().password_sign_in_allowed
        return (user for user in super().get_users(email) if allowed(user))


class PasswordResetView(auth_views.PasswordResetView):
    """Django's, sending no more than a few links an hour to one address or for one client;
    over the limit, the answer is the same page and no mail goes."""

    form_class = PasswordResetForm

    def form_valid(self, form: Any) -> HttpResponse:
        allowed = services.password_reset_ask(
            address=form.cleaned_data["email"],
            remote_address=client_ip(self.request) or None,
            now=clock.now(),
        )
        if not allowed:
            return redirect(self.get_success_url())
        return super().form_valid(form)


class PasswordSetView(auth_views.PasswordResetConfirmView):
    """Django's (a reset's or an invitation's link), and every session of the person ends."""

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.sessions_end_for(form.user)
        return response
