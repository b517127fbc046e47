"""The only writers of communities, events, registrations, posts and comments."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dxjinzai.community import rules
from dxjinzai.community.models import Comment, Community, Event, Post, Registration
from dxjinzai.core.actor import Actor, acting_user
from dxjinzai.core.audit import audit_record, diff, snapshot
from dxjinzai.core.models import AuditAction
from dxjinzai.lib.files import material_problem
from dxjinzai.organizations.models import Body, StaffMember

COMMUNITY_FIELDS = ["name", "description", "reach"]


def _audited_save(instance: Any, *, actor: Actor, fields: list[str], before: Any) -> None:
    instance.full_clean()
    instance.save()
    audit_record(
        actor=actor,
        body=instance.body,
        action=AuditAction.CREATE if before is None else AuditAction.UPDATE,
        target=instance,
        changes=None if before is None else diff(before, snapshot(instance, fields)),
    )


@transaction.atomic
def community_save(
    *, actor: Actor, body: Body, community: Community | None = None, **fields: Any
) -> Community:
    before = None if community is None else snapshot(community, COMMUNITY_FIELDS)
    community = community or Community(body=body)
    for name, value in fields.items():
        setattr(community, name, value)
    _audited_save(community, actor=actor, fields=COMMUNITY_FIELDS, before=before)
    return community


EVENT_FIELDS = ["kind", "title", "starts_at", "ends_at", "place", "agenda", "capacity"]


@transaction.atomic
def event_save(
    *,
    actor: Actor,
    community: Community,
    event: Event | None = None,
    material: Any = None,
    **fields: Any,
) -> Event:
    if material and (problem := material_problem(material)):
        raise ValidationError({"material": problem})
    if problem := rules.event_times_problem(fields["starts_at"], fields["ends_at"]):
        raise ValidationError({"ends_at": problem})
    before = None if event is None else snapshot(event, EVENT_FIELDS)
    event = event or Event(body=community.body, community=community)
    for name, value in fields.items():
        setattr(event, name, value)
    if material:
        event.material, event.material_name = material, material.name[:200]
    _audited_save(event, actor=actor, fields=EVENT_FIELDS, before=before)
    return event


@transaction.atomic
def event_register(
    *, actor: Actor, event: Event, staff: StaffMember, now: datetime
) -> Registration:
    """A member of any body the community is open to registers (the caller checked that
    they can read it). The count is taken under the event's row lock: two people cannot
    take the last seat."""
    Event.unscoped.select_for_update().filter(pk=event.pk).first()
    registered = Registration.unscoped.filter(event=event).count()
    problem = rules.registration_problem(
        now=now, starts_at=event.starts_at, capacity=event.capacity, registered=registered
    )
    if problem:
        raise ValidationError(problem)
    registration = Registration(body=event.body, event=event, staff=staff)
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        raise ValidationError("すでに登録しています。") from None
    audit_record(actor=actor, body=event.body, action=AuditAction.CREATE, target=registration)
    return registration


@transaction.atomic
def event_cancel(*, actor: Actor, registration: Registration, now: datetime) -> None:
    if now >= registration.event.starts_at:
        raise ValidationError("開始したイベントの登録は取り消せません。")
    audit_record(
        actor=actor, body=registration.body, action=AuditAction.DELETE, target=registration
    )
    registration.delete()


@transaction.atomic
def attendance_record(*, actor: Actor, event: Event, attended_ids: set[int]) -> int:
    """The organiser marks who came (the rest did not); returns how many attended."""
    rows = list(Registration.unscoped.filter(event=event))
    for row in rows:
        row.attended = row.pk in attended_ids
    Registration.unscoped.bulk_update(rows, ["attended"])
    count = sum(row.attended for row in rows)
    audit_record(
        actor=actor,
        body=event.body,
        action=AuditAction.UPDATE,
        target=event,
        changes={"attended": ["", f"{count}人"]},
    )
    return count


POST_FIELDS = ["kind", "title", "text", "url"]


@transaction.atomic
def post_save(
    *,
    actor: Actor,
    community: Community,
    author_label: str,
    post: Post | None = None,
    **fields: Any,
) -> Post:
    before = None if post is None else snapshot(post, POST_FIELDS)
    if post is None:
        post = Post(
            body=community.body,
            community=community,
            author=acting_user(actor),
            author_label=author_label,
        )
    for name, value in fields.items():
        setattr(post, name, value)
    _audited_save(post, actor=actor, fields=POST_FIELDS, before=before)
    return post


@transaction.atomic
def post_delete(*, actor: Actor, post: Post) -> None:
    audit_record(actor=actor, body=post.body, action=AuditAction.DELETE, target=post)
    post.delete()


@transaction.atomic
def comment_add(*, actor: Actor, post: Post, author_label: str, text: str) -> Comment:
    if not text.strip():
        raise ValidationError({"text": "コメントを入力してください。"})
    comment = Comment(
        body=post.body,
        post=post,
        author=acting_user(actor),
        author_label=author_label,
        text=text.strip(),
    )
    _audited_save(comment, actor=actor, fields=[], before=None)
    return comment


@transaction.atomic
def comment_delete(*, actor: Actor, comment: Comment) -> None:
    audit_record(actor=actor, body=comment.body, action=AuditAction.DELETE, target=comment)
    comment.delete()
