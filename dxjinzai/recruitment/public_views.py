"""The public pages of recruitment, without sign-in: a body's open postings, a posting with
its photos and form, the confirmation and erasure links of the applicant's mail."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from dxjinzai.core import clock
from dxjinzai.core.access import directory
from dxjinzai.core.client_ip import client_ip
from dxjinzai.recruitment import selectors, services
from dxjinzai.recruitment.forms import ApplyForm
from dxjinzai.recruitment.rules import is_open


@login_not_required
def job_list(request: HttpRequest, body_key: str) -> HttpResponse:
    body = directory().body_by_key(body_key)
    if body is None:
        raise Http404("団体が見つかりません。")
    return render(
        request,
        "recruitment/public_list.html",
        {"public_body": body, "postings": selectors.open_postings(body, clock.now())},
    )


@login_not_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A published posting with its form; after the window the form refuses politely."""
    posting = selectors.public_posting_get(pk)
    now = clock.now()
    open_now = is_open(posting.opens_at, posting.closes_at, now)
    form = ApplyForm(request.POST or None, request.FILES or None, posting=posting)
    context = {
        "posting": posting,
        "public_body": posting.body,
        "open_now": open_now,
        "form": form,
        "photos": selectors.photos_of(posting),
        "joint_bodies": posting.joint_bodies.order_by("code"),
    }
    if request.method == "POST" and open_now and form.is_valid():
        if form.is_bot:
            return render(request, "recruitment/public_sent.html", context)
        try:
            applicant = services.applicant_apply(
                posting=posting, now=now, remote_address=client_ip(request), **form.service_data()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            services.applicant_mail_confirmation(
                applicant,
                confirm_url=request.build_absolute_uri(
                    reverse("job_confirm", args=[applicant.token])
                ),
                erase_url=request.build_absolute_uri(reverse("job_erase", args=[applicant.token])),
            )
            return render(request, "recruitment/public_sent.html", context)
    elif request.method == "POST" and not open_now:
        form = ApplyForm(posting=posting)
        context |= {"form": form, "refused": services.CLOSED_MESSAGE}
    return render(request, "recruitment/public_detail.html", context)


@login_not_required
def job_photo(request: HttpRequest, pk: int) -> FileResponse:
    """A photo of a published posting, served by the platform (no outside host)."""
    photo = selectors.public_photo_get(pk)
    head = photo.image.open("rb").read(16)
    photo.image.seek(0)
    kind = "image/png" if head.startswith(b"\x89PNG") else "image/jpeg"
    return FileResponse(photo.image, content_type=kind)


@login_not_required
def job_confirm(request: HttpRequest, token: str) -> HttpResponse:
    applicant = services.applicant_confirm(token=token, now=clock.now())
    if applicant is None:
        raise Http404("確認用のURLが正しくありません。")
    return render(
        request,
        "recruitment/public_confirmed.html",
        {"posting": applicant.posting, "public_body": applicant.body, "token": token},
    )


@login_not_required
def job_erase(request: HttpRequest, token: str) -> HttpResponse:
    """The applicant's own request to delete their data (GET asks, POST deletes)."""
    if request.method == "POST":
        erased = services.applicant_erase_on_request(token=token, now=clock.now())
        if not erased:
            raise Http404("削除できる応募が見つかりません。")
        return render(request, "recruitment/public_erased.html", {})
    return render(request, "recruitment/public_erase.html", {"token": token})
