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
