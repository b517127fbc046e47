"""Page patterns several apps share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from dxjinzai.core.access import AccessRequest


def confirm_action(
    request: AccessRequest,
    *,
    body: Any,
    title: str,
    explanation: str,
    button: str,
    act: Callable[[], object],
    done_message: str,
    back: str,
    done: str,
) -> HttpResponse:
    """A step that cannot be undone from the page: GET asks, POST acts, or says why it may
    not and goes back."""
    if request.method == "POST":
        try:
            act()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(back)
        messages.success(request, done_message)
        return redirect(done)
    return render(
        request,
        "core/confirm.html",
        {"body": body, "title": title, "explanation": explanation, "button": button, "back": back},
    )


def confirm_delete(
    request: AccessRequest,
    *,
    body: Any,
    what: str,
    delete: Callable[[], object],
    back: str,
    done: str,
) -> HttpResponse:
    return confirm_action(
        request,
        body=body,
        title=f"{what}の削除",
        explanation=f"{what}を削除します。削除は監査ログに記録され、元に戻せません。",
        button="削除する",
        act=delete,
        done_message=f"{what}を削除しました。",
        back=back,
        done=done,
    )


def posted(request: AccessRequest) -> Any:
    """The submitted data on POST, None on GET: a form is bound only when sent (an empty
    POST stays bound, unlike `request.POST or None`)."""
    return request.POST if request.method == "POST" else None


def form_page(
    request: AccessRequest,
    form: Any,
    *,
    title: str,
    back: str,
    body: Any = None,
    lead: str = "",
    multipart: bool = False,
    history: Any = None,
) -> HttpResponse:
    """One form on its own page: its title, a lead, the fields, save and cancel, and the
    record's history under it when there is one."""
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": title,
            "back": back,
            "body": body,
            "lead": lead,
            "multipart": multipart,
            "history": history,
        },
    )


def act_and_report(request: AccessRequest, act: Callable[[], object], done: str) -> None:
    """Do a one-click step (a POST) and say how it went: `done`, or why it was refused."""
    try:
        act()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
