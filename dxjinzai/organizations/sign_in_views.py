"""Single sign-on pages: a body admin sets the identity provider up; people sign in
through it (docs/sign-in.md)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.http import url_has_allowed_host_and_scheme

from dxjinzai.core.access import AccessRequest, Perm, requires
from dxjinzai.core.forms import save_with_service
from dxjinzai.core.pages import posted
from dxjinzai.organizations import selectors, services, single_sign_on
from dxjinzai.organizations.forms import SingleSignOnForm
from dxjinzai.organizations.models import Body, SingleSignOn
from dxjinzai.organizations.single_sign_on import SignInRefused

logger = logging.getLogger(__name__)

# What the session keeps between leaving for the provider and coming back.
PENDING = "single_sign_on_pending"
# The session's own backend: it loads the person on each request (get_user).
SESSION_BACKEND = "dxjinzai.core.backends.PasswordBackend"
UNKNOWN_PERSON = (
    "認証基盤（IdP）でのログインは確認できましたが、このプラットフォームに対応するアカウントがありません。"
    "所属のDX担当者（団体管理者）にアカウントの作成を依頼してください。"
)


@requires(Perm.MANAGE_BODY)
def single_sign_on_edit(request: AccessRequest, body: Body) -> HttpResponse:
    sso = selectors.single_sign_on_of(body)
    form = SingleSignOnForm(posted(request), instance=sso)
    if request.method == "POST" and save_with_service(
        form, lambda data: services.single_sign_on_save(actor=request.user, sso=sso, **data)
    ):
        messages.success(request, "シングルサインオンの設定を保存しました。")
        return redirect("body_detail", body_key=body.url_key)
    return render(
        request,
        "organizations/single_sign_on_form.html",
        {
            "form": form,
            "body": body,
            "has_secret": bool(sso.client_secret_sealed),
            "callback_url": request.build_absolute_uri(reverse("single_sign_on_callback")),
        },
    )


@login_not_required
def single_sign_on_start(request: HttpRequest, body_key: str) -> HttpResponse:
    """Leave for the body's identity provider, remembering what proves the return."""
    sso = selectors.enabled_single_sign_on(body_key)
    try:
        url, pending = single_sign_on.begin(sso, _callback_url(request))
    except SignInRefused as refusal:
        return _refused(request, refusal)
    pending["next"] = _safe_next(request, request.GET.get("next", ""))
    request.session[PENDING] = pending
    return redirect(url)


@login_not_required
def single_sign_on_callback(request: HttpRequest) -> HttpResponse:
    """Back from the provider: prove the code, find the account, sign the person in."""
    try:
        sso, pending = _returning_sign_on(request, request.session.pop(PENDING, None))
        claims = single_sign_on.verified_claims(
            sso, pending, code=request.GET.get("code", ""), redirect_uri=_callback_url(request)
        )
        identity = single_sign_on.claimed_identity(sso, claims)
        user = selectors.account_for_identity(sso, identity)
        if user is None:
            raise SignInRefused(UNKNOWN_PERSON, f"{sso.body}: 該当するアカウントがない")
    except SignInRefused as refusal:
        return _refused(request, refusal)
    login(request, user, backend=SESSION_BACKEND)
    return redirect(pending.get("next") or settings.LOGIN_REDIRECT_URL)


def _returning_sign_on(
    request: HttpRequest, pending: dict[str, str] | None
) -> tuple[SingleSignOn, dict[str, str]]:
    """The sign-on this return belongs to: the state it carries is the one we sent."""
    if request.GET.get("error"):
        raise SignInRefused(
            "認証基盤（IdP）でログインが完了しませんでした。もう一度お試しください。",
            f"IdP のエラー: {request.GET.get('error')}",
        )
    if not pending or not constant_time_compare(request.GET.get("state", ""), pending["state"]):
        raise SignInRefused(
            "ログインの手続きが途中で切れました。ログイン画面からやり直してください。",
            "state が一致しない（別のタブ、または古いリンク）",
        )
    sso = selectors.enabled_single_sign_on_of_body(int(pending["body_id"]))
    if sso is None:
        raise SignInRefused(
            "この団体のシングルサインオンは現在使えません。", "シングルサインオンが無効になった"
        )
    return sso, pending


def _refused(request: HttpRequest, refusal: SignInRefused) -> HttpResponse:
    logger.warning("シングルサインオンを拒否: %s", refusal.reason)
    return render(
        request,
        "registration/single_sign_on_refused.html",
        {"message": refusal.message},
        status=403,
    )


def _callback_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("single_sign_on_callback"))


def _safe_next(request: HttpRequest, target: str) -> str:
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else ""
