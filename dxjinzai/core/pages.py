"""Page patterns several apps share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from dxjinzai.core.access import AccessRequest


def confirm_delete(
    request: AccessRequest,
    *,
    body: Any,
    what: str,
    delete: Callable[[], None],
    back: str,
    done: str,
) -> HttpResponse:
    """GET asks; POST deletes, or says why it may not and goes back."""
    if request.method == "POST":
        try:
            delete()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(back)
        messages.success(request, f"{what}を削除しました。")
        return redirect(done)
    return render(request, "core/confirm_delete.html", {"body": body, "what": what, "back": back})
