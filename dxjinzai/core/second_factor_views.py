"""Pages of the second factor (issue 19 §2): set the authenticator app up, confirm a code
after the password, keep recovery codes, turn it off where the body allows. Wrong codes
count toward the login lockout like wrong passwords."""

from __future__ import annotations

from typing import Any

import django_otp
from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from dxjinzai.core import second_factor
from dxjinzai.core.access import AccessRequest, any_signed_in_user, directory
from dxjinzai.core.middleware import second_factor_exempt


class CodeForm(forms.Form):
    code = forms.CharField(
        label="確認コード",
        max_length=20,
        help_text="認証アプリに出ている6桁の数字。スマートフォンがないときは回復コード（8文字）。",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text"}),
    )


@any_signed_in_user
def second_factor_page(request: AccessRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "core/second_factor.html",
        {
            "enrolled": second_factor.has_second_factor(user),
            "codes_left": second_factor.recovery_codes_left(user),
            "required": directory().second_factor_required(user),
        },
    )


@second_factor_exempt
@any_signed_in_user
def second_factor_setup(request: AccessRequest) -> HttpResponse:
    user: Any = request.user
    if second_factor.has_second_factor(user) and not user.is_verified():
        # Replacing the app asks for the current one first: a password alone must not let
        # someone put their own phone in its place.
        return redirect(f"{reverse('second_factor_verify')}?next={reverse('second_factor_setup')}")
    device = second_factor.pending_app(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = second_factor.app_confirm(request.user, device, form.cleaned_data["code"])
        if codes is not None:
            django_otp.login(request, device)
            request.session[second_factor.STEP] = second_factor.VERIFY
            return _codes_page(request, codes, first=True)
        form.add_error(
            "code",
            "確認コードが違います。アプリに今出ている数字を入力してください"
            "（続けて間違えたときは、数秒待ってから）。",
        )
    return render(
        request,
        "core/second_factor_setup.html",
        {
            "form": form,
            "qr": second_factor.qr_svg(device),
            "secret": second_factor.secret_text(device),
            "forced": request.session.get(second_factor.STEP) == second_factor.SET_UP,
        },
    )


@second_factor_exempt
@any_signed_in_user
def second_factor_verify(request: AccessRequest) -> HttpResponse:
    user = request.user
    credentials = {"username": user.get_username()}
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = second_factor.code_match(user, form.cleaned_data["code"])
        if device is not None:
            django_otp.login(request, device)
            return redirect(_next(request))
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if AxesProxyHandler.is_locked(request, credentials):
            logout(request)
            return render(request, "registration/locked_out.html", status=429)
        form.add_error("code", "確認コードが違います（続けて間違えたときは、数秒待ってから）。")
    return render(request, "core/second_factor_verify.html", {"form": form})


def _next(request: AccessRequest) -> str:
    target = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and safe else "/"


@require_POST
@any_signed_in_user
def recovery_codes_renew(request: AccessRequest) -> HttpResponse:
    if not second_factor.has_second_factor(request.user):
        return redirect("second_factor")
    return _codes_page(request, second_factor.recovery_codes_new(request.user), first=False)


@require_POST
@any_signed_in_user
def second_factor_off(request: AccessRequest) -> HttpResponse:
    if directory().second_factor_required(request.user):
        messages.error(request, "団体の決まりで、あなたの権限には二要素認証が必要です。")
    else:
        second_factor.second_factor_remove(request.user, keep_key=request.session.session_key)
        request.session[second_factor.STEP] = ""
        messages.success(request, "二要素認証をやめました。")
    return redirect("second_factor")


def _codes_page(request: AccessRequest, codes: list[str], *, first: bool) -> HttpResponse:
    context: dict[str, Any] = {"codes": codes, "first": first}
    return render(request, "core/recovery_codes.html", context)
