"""Pages of the community: the communities a person may join, a community's events and
posts, an event with its registration, .ics and roster, a post with its comments; and the
calendar feed of a community (its secret address is the credential)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dxjinzai.community import selectors, services
from dxjinzai.community.feeds import events_ics
from dxjinzai.community.forms import CommentForm, CommunityForm, EventForm, PostForm
from dxjinzai.community.models import Community, Event
from dxjinzai.core import clock
from dxjinzai.core.access import AccessRequest, Perm, any_signed_in_user, requires
from dxjinzai.core.exports import Column
from dxjinzai.core.forms import initial_of, save_with_service
from dxjinzai.core.listing import list_response
from dxjinzai.core.pages import act_and_report, confirm_delete, form_page, posted
from dxjinzai.core.selectors import record_history
from dxjinzai.organizations.models import Body
from dxjinzai.organizations.selectors import own_staff_record

ROSTER_COLUMNS = [
    Column("団体", lambda r: r.staff.body.name),
    Column("職員番号", lambda r: r.staff.number),
    Column("氏名", lambda r: r.staff.full_name),
    Column("所属", lambda r: r.staff.department.name if r.staff.department else ""),
    Column("登録日時", lambda r: r.registered_at),
    Column("出席", lambda r: "出席" if r.attended else ""),
]


def _author_label(request: AccessRequest) -> str:
    own = own_staff_record(request.access)
    if own is not None:
        return f"{own.body.name} {own.full_name}"
    user = request.user
    name = f"{getattr(user, 'last_name', '')} {getattr(user, 'first_name', '')}".strip()
    return name or user.get_username()


@any_signed_in_user
def community_list(request: AccessRequest) -> HttpResponse:
    """The communities of the person's body and those opened to their consortium."""
    return render(
        request,
        "community/community_list.html",
        {
            "communities": selectors.community_list(request.access),
            "runnable": list(request.access.body_ids_with(Perm.MANAGE_TALENT)),
            "home": own_staff_record(request.access),
        },
    )


def _community_page(
    request: AccessRequest, body: Body, community: Community | None
) -> HttpResponse:
    form = CommunityForm(
        posted(request), initial=initial_of(CommunityForm, community) if community else None
    )
    made: list[Community] = []
    if request.method == "POST" and save_with_service(
        form,
        lambda data: made.append(
            services.community_save(actor=request.user, body=body, community=community, **data)
        ),
    ):
        messages.success(request, f"コミュニティ「{made[0].name}」を保存しました。")
        return redirect("community_detail", pk=made[0].pk)
    return form_page(
        request,
        form,
        title="コミュニティを作る" if community is None else f"コミュニティの修正：{community}",
        back=reverse("community_list"),
        body=body,
        history=record_history(community) if community else None,
    )


@requires(Perm.MANAGE_TALENT)
def community_create(request: AccessRequest, body: Body) -> HttpResponse:
    return _community_page(request, body, None)


@any_signed_in_user
def community_edit(request: AccessRequest, pk: int) -> HttpResponse:
    community = selectors.community_get(request.access, pk)
    selectors.check_runs(request.access, community)
    return _community_page(request, community.body, community)


@any_signed_in_user
def community_detail(request: AccessRequest, pk: int) -> HttpResponse:
    access = request.access
    community = selectors.community_get(access, pk)
    form = PostForm(posted(request))
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.post_save(
            actor=request.user,
            community=community,
            author_label=_author_label(request),
            **data,
        ),
    ):
        messages.success(request, "投稿しました。")
        return redirect("community_detail", pk=community.pk)
    now = clock.now()
    return render(
        request,
        "community/community_detail.html",
        {
            "community": community,
            "upcoming": selectors.upcoming(access, community, now),
            "events": selectors.event_list(access, community),
            "posts": selectors.post_list(access, community),
            "form": form,
            "can_run": selectors.can_run(access, community),
            "calendar_url": request.build_absolute_uri(
                reverse("community_calendar", args=[community.calendar_token])
            )
            if selectors.can_run(access, community) or access.staff_id
            else "",
        },
    )


# --- Events ------------------------------------------------------------------------------


def _event_page(request: AccessRequest, community: Community, event: Event | None) -> HttpResponse:
    selectors.check_runs(request.access, community)
    form = EventForm(
        posted(request),
        request.FILES if request.method == "POST" else None,
        initial=initial_of(EventForm, event) if event else None,
    )
    made: list[Event] = []
    if request.method == "POST" and save_with_service(
        form,
        lambda data: made.append(
            services.event_save(actor=request.user, community=community, event=event, **data)
        ),
    ):
        messages.success(request, f"イベント「{made[0].title}」を保存しました。")
        return redirect("event_detail", pk=made[0].pk)
    return form_page(
        request,
        form,
        title="イベントを作る" if event is None else f"イベントの修正：{event}",
        back=reverse("community_detail", args=[community.pk]),
        multipart=True,
        history=record_history(event) if event else None,
    )


@any_signed_in_user
def event_create(request: AccessRequest, pk: int) -> HttpResponse:
    return _event_page(request, selectors.community_get(request.access, pk), None)


@any_signed_in_user
def event_edit(request: AccessRequest, pk: int) -> HttpResponse:
    event = selectors.event_get(request.access, pk)
    return _event_page(request, event.community, event)


@any_signed_in_user
def event_detail(request: AccessRequest, pk: int) -> HttpResponseBase:
    access = request.access
    event = selectors.event_get(access, pk)
    can_run = selectors.can_run(access, event.community)
    context = {
        "event": event,
        "community": event.community,
        "can_run": can_run,
        "registered": selectors.registered_count(event),
        "mine": selectors.own_registration(access, event),
        "can_register": access.staff_id is not None,
        "now": clock.now(),
    }
    if not can_run:
        return render(request, "community/event_detail.html", context | {"page": None})
    return list_response(
        request,
        template="community/event_detail.html",
        rows=selectors.roster(access, event),
        columns=ROSTER_COLUMNS,
        export_basename=f"参加者_{event.title}",
        body=event.body,
        context=context,
    )


@require_POST
@any_signed_in_user
def event_register(request: AccessRequest, pk: int) -> HttpResponse:
    event = selectors.event_get(request.access, pk)
    own = own_staff_record(request.access)
    if own is None:
        raise PermissionDenied("職員として登録されたアカウントで参加登録できます。")
    act_and_report(
        request,
        lambda: services.event_register(
            actor=request.user, event=event, staff=own, now=clock.now()
        ),
        "参加を登録しました。カレンダーに追加するには .ics ファイルを使ってください。",
    )
    return redirect("event_detail", pk=event.pk)


@require_POST
@any_signed_in_user
def event_cancel(request: AccessRequest, pk: int) -> HttpResponse:
    event = selectors.event_get(request.access, pk)
    mine = selectors.own_registration(request.access, event)
    if mine is None:
        raise Http404("登録がありません。")
    act_and_report(
        request,
        lambda: services.event_cancel(actor=request.user, registration=mine, now=clock.now()),
        "参加の登録を取り消しました。",
    )
    return redirect("event_detail", pk=event.pk)


@require_POST
@any_signed_in_user
def event_attendance(request: AccessRequest, pk: int) -> HttpResponse:
    event = selectors.event_get(request.access, pk)
    selectors.check_runs(request.access, event.community)
    ids = {int(v) for v in request.POST.getlist("attended") if v.isdigit()}
    count = services.attendance_record(actor=request.user, event=event, attended_ids=ids)
    messages.success(request, f"出席を記録しました（{count}人）。")
    return redirect("event_detail", pk=event.pk)


@any_signed_in_user
def event_ics(request: AccessRequest, pk: int) -> HttpResponse:
    event = selectors.event_get(request.access, pk)
    response = HttpResponse(
        events_ics(event.title, [event], now=clock.now()),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


@any_signed_in_user
def event_material(request: AccessRequest, pk: int) -> FileResponse:
    event = selectors.event_get(request.access, pk)
    if not event.material:
        raise Http404("資料はありません。")
    return FileResponse(event.material.open("rb"), as_attachment=True, filename=event.material_name)


@login_not_required
def community_calendar(request: HttpRequest, token: str) -> HttpResponse:
    """The community's events for a calendar app: the secret in the address is the key."""
    found = selectors.calendar_events(token)
    if found is None:
        raise Http404("カレンダーが見つかりません。")
    community, events = found
    return HttpResponse(
        events_ics(community.name, events, now=clock.now()),
        content_type="text/calendar; charset=utf-8",
    )


# --- Posts and comments --------------------------------------------------------------------


@any_signed_in_user
def post_detail(request: AccessRequest, pk: int) -> HttpResponse:
    access = request.access
    post = selectors.post_get(access, pk)
    form = CommentForm(posted(request))
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.comment_add(
            actor=request.user, post=post, author_label=_author_label(request), **data
        ),
    ):
        messages.success(request, "コメントしました。")
        return redirect("post_detail", pk=post.pk)
    return render(
        request,
        "community/post_detail.html",
        {
            "post": post,
            "community": post.community,
            "comments": selectors.comments(access, post),
            "form": form,
            "can_correct": selectors.can_correct(access, post),
            "correctable": {
                c.pk for c in selectors.comments(access, post) if selectors.can_correct(access, c)
            },
        },
    )


@any_signed_in_user
def post_edit(request: AccessRequest, pk: int) -> HttpResponse:
    post = selectors.post_get(request.access, pk)
    if not selectors.can_correct(request.access, post):
        raise PermissionDenied("投稿を直せるのは、書いた人と運営する団体の担当者です。")
    form = PostForm(posted(request), initial=initial_of(PostForm, post))
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.post_save(
            actor=request.user,
            community=post.community,
            author_label=post.author_label,
            post=post,
            **data,
        ),
    ):
        messages.success(request, "投稿を修正しました。")
        return redirect("post_detail", pk=post.pk)
    return form_page(
        request,
        form,
        title=f"投稿の修正：{post.title}",
        back=reverse("post_detail", args=[post.pk]),
        history=record_history(post),
    )


@any_signed_in_user
def post_delete(request: AccessRequest, pk: int) -> HttpResponse:
    post = selectors.post_get(request.access, pk)
    if not selectors.can_correct(request.access, post):
        raise PermissionDenied("投稿を消せるのは、書いた人と運営する団体の担当者です。")
    return confirm_delete(
        request,
        body=None,
        what=f"投稿「{post.title}」",
        delete=lambda: services.post_delete(actor=request.user, post=post),
        back=reverse("post_detail", args=[post.pk]),
        done=reverse("community_detail", args=[post.community_id]),
    )


@require_POST
@any_signed_in_user
def comment_delete(request: AccessRequest, pk: int) -> HttpResponse:
    comment = selectors.comment_get(request.access, pk)
    if not selectors.can_correct(request.access, comment):
        raise PermissionDenied("コメントを消せるのは、書いた人と運営する団体の担当者です。")
    services.comment_delete(actor=request.user, comment=comment)
    messages.success(request, "コメントを削除しました。")
    return redirect("post_detail", pk=comment.post_id)
