"""Every write of recruitment, audited: postings and their score sheets' criteria, public
applications and their confirmation, stage moves (one or many, all or none), interviews,
score sheets, messages to applicants, hiring (through the organizations app's services),
and the erasure of unsuccessful applicants' data after the retention period."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction

from dxjinzai.core.actor import Actor, acting_user
from dxjinzai.core.audit import audit_record, diff, snapshot
from dxjinzai.core.mail import mail_after_commit
from dxjinzai.core.models import AuditAction
from dxjinzai.lib.files import cv_problem, document_kind
from dxjinzai.organizations import services as organizations
from dxjinzai.organizations.models import Body, Department, Grade, StaffMember
from dxjinzai.organizations.rules import AppointmentKind
from dxjinzai.recruitment.models import (
    Applicant,
    Criterion,
    Interview,
    Message,
    PipelineSetting,
    Posting,
    PostingPhoto,
    PostingStatus,
    ScoreSheet,
    Stage,
    StageMove,
)
from dxjinzai.recruitment.rules import (
    OPTIONAL_STAGES,
    fills_head_count,
    is_open,
    move_problem,
    pipeline,
    window_problem,
)
from dxjinzai.recruitment.selectors import pipeline_of

POSTING_FIELDS = [
    "title",
    "grade",
    "appointment_kind",
    "category",
    "fixed_term_basis",
    "specially_needed",
    "head_count",
    "duties",
    "requirements",
    "pay_range",
    "channels",
    "questions",
    "message",
    "staff_voice",
    "opens_at",
    "closes_at",
    "retention_days",
]
# One address or one connection may send this many applications an hour, then waits.
APPLICATIONS_PER_HOUR = 10
CLOSED_MESSAGE = "この求人の受付は終了しました（または、まだ始まっていません）。ご関心をお寄せいただきありがとうございます。"


# --- Postings --------------------------------------------------------------------------


def _posting_errors(posting: Posting) -> dict[str, str]:
    errors = {}
    if problem := window_problem(posting.opens_at, posting.closes_at):
        errors["closes_at"] = problem
    if posting.appointment_kind == AppointmentKind.FIXED_TERM and not posting.fixed_term_basis:
        errors["fixed_term_basis"] = "任期付の募集は根拠条文を選んでください。"
    if posting.appointment_kind != AppointmentKind.REGULAR and posting.category:
        errors["category"] = "採用区分（デジタル区分など）は正規職員の募集で選びます。"
    if not posting.channels:
        errors["channels"] = "掲載先を1つ以上入力してください。"
    return errors


@transaction.atomic
def posting_save(
    *,
    actor: Actor,
    body: Body,
    posting: Posting | None = None,
    joint_bodies: Sequence[Body] = (),
    **fields: Any,
) -> Posting:
    """Create a posting (a draft) or correct one; its window is checked either way. A
    joint posting (広島県) names member bodies of a consortium the body runs."""
    created = posting is None
    posting = posting or Posting(body=body)
    before = {} if created else _posting_snapshot(posting)
    for name, value in fields.items():
        setattr(posting, name, value)
    errors = _posting_errors(posting)
    if problem := _joint_problem(body, joint_bodies):
        errors["joint_bodies"] = problem
    if errors:
        raise ValidationError(errors)
    posting.full_clean()
    posting.save()
    posting.joint_bodies.set(joint_bodies)
    audit_record(
        actor=actor,
        body=body,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        target=posting,
        changes=None if created else diff(before, _posting_snapshot(posting)),
    )
    return posting


def _posting_snapshot(posting: Posting) -> dict[str, str]:
    joint = "、".join(b.name for b in posting.joint_bodies.order_by("code")) if posting.pk else ""
    return snapshot(posting, POSTING_FIELDS) | {"joint_bodies": joint}


def _joint_problem(body: Body, joint_bodies: Sequence[Body]) -> str | None:
    members = set(Body.objects.filter(consortia__operator=body).values_list("pk", flat=True))
    if any(joint.pk not in members for joint in joint_bodies):
        return "合同で募集できるのは、この団体が運営する連携協議会の参加団体です。"
    return None


PHOTO_MAX_BYTES = 5 * 1024 * 1024


@transaction.atomic
def posting_photo_add(*, actor: Actor, posting: Posting, image: Any, caption: str) -> PostingPhoto:
    """A photo for the public page: a PNG or JPEG by its content, 5 MB at most, described."""
    if image.size > PHOTO_MAX_BYTES:
        raise ValidationError({"image": "写真が大きすぎます（5MBまで）。"})
    image.seek(0)
    kind = document_kind(image.read(16))
    image.seek(0)
    if kind not in ("PNG", "JPEG"):
        raise ValidationError(
            {"image": "PNGかJPEGの写真を選んでください（ファイルの中身で判断しています）。"}
        )
    photo = PostingPhoto(
        body=posting.body,
        posting=posting,
        image=image,
        caption=caption,
        order=PostingPhoto.unscoped.filter(posting=posting).count(),
    )
    photo.full_clean()
    photo.save()
    audit_record(actor=actor, body=posting.body, action=AuditAction.CREATE, target=photo)
    return photo


@transaction.atomic
def posting_photo_delete(*, actor: Actor, photo: PostingPhoto) -> None:
    audit_record(actor=actor, body=photo.body, action=AuditAction.DELETE, target=photo)
    photo.image.delete(save=False)
    photo.delete()


@transaction.atomic
def posting_publish(*, actor: Actor, posting: Posting, published: bool) -> Posting:
    """Put a posting on the public page, or take it off (its applicants stay)."""
    status = PostingStatus.PUBLISHED if published else PostingStatus.DRAFT
    if posting.status != status:
        before = posting.get_status_display()
        posting.status = status
        posting.save(update_fields=["status"])
        audit_record(
            actor=actor,
            body=posting.body,
            action=AuditAction.UPDATE,
            target=posting,
            changes={"status": [before, posting.get_status_display()]},
        )
    return posting


@transaction.atomic
def criteria_save(
    *, actor: Actor, posting: Posting, lines: Sequence[tuple[str, int]]
) -> list[Criterion]:
    """The posting's score sheet: its criteria and weights, replaced as a whole while no
    panel member has scored against them."""
    if ScoreSheet.unscoped.filter(interview__applicant__posting=posting).exists():
        raise ValidationError("評価票の記入が始まっているため、評価項目は変更できません。")
    if not lines:
        raise ValidationError("評価項目を1つ以上入力してください。")
    Criterion.unscoped.filter(posting=posting).delete()
    criteria = [
        Criterion(body=posting.body, posting=posting, name=name, weight=weight, order=i)
        for i, (name, weight) in enumerate(lines)
    ]
    for criterion in criteria:
        criterion.full_clean()
    Criterion.unscoped.bulk_create(criteria)
    audit_record(
        actor=actor,
        body=posting.body,
        action=AuditAction.UPDATE,
        target=posting,
        changes={"criteria": ["", "、".join(f"{n}×{w}" for n, w in lines)]},
    )
    return criteria


# --- Applying (public) -----------------------------------------------------------------


@transaction.atomic
def applicant_apply(
    *, posting: Posting, now: datetime, remote_address: str | None, cv: Any = None, **fields: Any
) -> Applicant:
    """An application from the public page: only inside the window, with consent, a CV
    checked by content, and not twice (same e-mail, or same name and birth date)."""
    posting = Posting.unscoped.select_for_update().get(pk=posting.pk)
    if posting.status != PostingStatus.PUBLISHED or not is_open(
        posting.opens_at, posting.closes_at, now
    ):
        raise ValidationError(CLOSED_MESSAGE)
    errors: dict[str, str] = {}
    if fields.get("channel") not in posting.channels:
        errors["channel"] = "応募経路を一覧から選んでください。"
    if cv is not None and (problem := cv_problem(cv)):
        errors["cv"] = problem
    if errors:
        raise ValidationError(errors)
    _refuse_duplicates(posting, fields)
    _refuse_floods(posting, remote_address, now)
    applicant = Applicant(
        body=posting.body,
        posting=posting,
        token=secrets.token_urlsafe(32),
        consented_at=now,
        remote_address=remote_address,
        cv=cv or "",
        **fields,
    )
    applicant.full_clean()
    applicant.save()
    StageMove.unscoped.create(body=posting.body, applicant=applicant, to_stage=Stage.APPLIED)
    audit_record(actor=None, body=posting.body, action=AuditAction.CREATE, target=applicant)
    return applicant


def _refuse_duplicates(posting: Posting, fields: dict[str, Any]) -> None:
    applied = Applicant.unscoped.filter(posting=posting, erased_at__isnull=True)
    same_person = applied.filter(
        family_name=fields.get("family_name"),
        given_name=fields.get("given_name"),
        birth_date=fields.get("birth_date"),
    )
    if applied.filter(email__iexact=fields.get("email", "")).exists() or same_person.exists():
        raise ValidationError(
            "この求人には、すでに同じ方からの応募があります。確認メールをご確認ください。"
        )


def _refuse_floods(posting: Posting, remote_address: str | None, now: datetime) -> None:
    recent = Applicant.unscoped.filter(
        remote_address=remote_address, created_at__gte=now - timedelta(hours=1)
    )
    if remote_address and recent.count() >= APPLICATIONS_PER_HOUR:
        raise ValidationError(
            "短い時間に送信が続いたため受け付けられませんでした。時間をおいてお試しください。"
        )


def applicant_mail_confirmation(applicant: Applicant, *, confirm_url: str, erase_url: str) -> None:
    """The mail that confirms the address, and the link to ask for the data's deletion."""
    posting = applicant.posting
    mail_after_commit(
        subject=f"【{posting.body.name}】応募の確認：{posting.title}",
        message=(
            f"{applicant.full_name} 様\n\n{posting.body.name}の求人「{posting.title}」への"
            f"ご応募ありがとうございます。次のURLを開いて、メールアドレスを確認してください。\n"
            f"{confirm_url}\n\n"
            f"ご応募の情報は、選考に使い、受付終了から{posting.retention_days}日後に削除します"
            f"（採用となった場合を除きます）。それより前に削除を希望される場合は、次のURLから"
            f"お手続きください。\n{erase_url}\n\n"
            "お心当たりのない場合は、このメールを破棄してください。"
        ),
        recipients=[applicant.email],
    )


@transaction.atomic
def applicant_confirm(*, token: str, now: datetime) -> Applicant | None:
    """The applicant opened the link of their confirmation mail."""
    applicant = Applicant.unscoped.filter(token=token, erased_at__isnull=True).first()
    if applicant is not None and applicant.confirmed_at is None:
        applicant.confirmed_at = now
        applicant.save(update_fields=["confirmed_at"])
    return applicant


# --- The pipeline ----------------------------------------------------------------------


@transaction.atomic
def applicants_move(
    *, actor: Actor, applicants: Iterable[Applicant], to_stage: str
) -> list[Applicant]:
    """Move one or many applicants to a stage: every move is allowed, or none is made."""
    chosen = list(Applicant.unscoped.select_for_update().filter(pk__in=[a.pk for a in applicants]))
    if not chosen:
        raise ValidationError("応募者を選んでください。")
    names = dict(pipeline_of(chosen[0].body))
    problems = [
        f"{a.full_name}：{problem}" for a in chosen if (problem := move_problem(a.stage, to_stage))
    ]
    if to_stage not in names:
        problems.append(f"この団体の選考では「{Stage(to_stage).label}」の段階を使っていません。")
    if problems:
        raise ValidationError(problems)
    user = acting_user(actor)
    for applicant in chosen:
        _move(applicant, to_stage, user, actor)
    return chosen


@transaction.atomic
def pipeline_save(
    *, actor: Actor, body: Body, labels: dict[str, str], unused: list[str]
) -> PipelineSetting:
    """The body's names for the stages and the optional stages it does without. A stage
    someone stands at now cannot be dropped."""
    unused = [s for s in unused if s in OPTIONAL_STAGES]
    occupied = set(
        Applicant.unscoped.filter(body=body, stage__in=unused).values_list("stage", flat=True)
    )
    if occupied:
        names = "、".join(Stage(s).label for s in sorted(occupied))
        raise ValidationError(
            f"いま「{names}」の段階にいる応募者がいるため、使わない段階にできません。"
        )
    labels = {stage: name.strip() for stage, name in labels.items() if name.strip()}
    if any(len(name) > 20 for name in labels.values()):
        raise ValidationError("段階の名前は20文字までにしてください。")
    setting, created = PipelineSetting.unscoped.update_or_create(
        body=body, defaults={"labels": labels, "unused": unused}
    )
    audit_record(
        actor=actor,
        body=body,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        target=setting,
        changes={"pipeline": ["", " → ".join(name for _, name in pipeline(labels, unused))]},
    )
    return setting


def _move(applicant: Applicant, to_stage: str, user: Any, actor: Actor) -> None:
    before = applicant.get_stage_display()
    StageMove.unscoped.create(
        body=applicant.body,
        applicant=applicant,
        from_stage=applicant.stage,
        to_stage=to_stage,
        moved_by=user,
    )
    applicant.stage = to_stage
    applicant.save(update_fields=["stage"])
    audit_record(
        actor=actor,
        body=applicant.body,
        action=AuditAction.UPDATE,
        target=applicant,
        changes={"stage": [before, applicant.get_stage_display()]},
    )


def _panel_problem(body: Body, panel: Sequence[Any]) -> str | None:
    members = set(
        StaffMember.unscoped.filter(body=body, user__in=panel).values_list("user_id", flat=True)
    )
    if not panel:
        return "面接官を1人以上選んでください。"
    if any(user.pk not in members for user in panel):
        return "面接官はこの団体の職員から選んでください。"
    return None


@transaction.atomic
def interview_schedule(
    *,
    actor: Actor,
    applicant: Applicant,
    stage: str,
    starts_at: datetime,
    panel: Sequence[Any],
    place: str = "",
    online: bool = False,
    interview: Interview | None = None,
) -> Interview:
    """Schedule an interview (or correct one) with its panel, who then see this applicant."""
    if problem := _panel_problem(applicant.body, panel):
        raise ValidationError({"panel": problem})
    if applicant.stage in (Stage.HIRED, Stage.REJECTED, Stage.DECLINED):
        raise ValidationError("選考を終えた応募者の面接は設定できません。")
    created = interview is None
    interview = interview or Interview(body=applicant.body, applicant=applicant)
    interview.stage, interview.starts_at = stage, starts_at
    interview.place, interview.online = place, online
    interview.full_clean()
    interview.save()
    interview.panel.set(panel)
    audit_record(
        actor=actor,
        body=applicant.body,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        target=interview,
    )
    return interview


@transaction.atomic
def interview_cancel(*, actor: Actor, interview: Interview) -> None:
    """Cancel an interview that was not held: once a panel member has scored it, it stays
    (the scores are the record of the selection)."""
    if ScoreSheet.unscoped.filter(interview=interview).exists():
        raise ValidationError("評価票の記入がある面接は取り消せません。")
    audit_record(actor=actor, body=interview.body, action=AuditAction.DELETE, target=interview)
    interview.delete()


@transaction.atomic
def score_sheet_save(
    *, member: Any, interview: Interview, scores: dict[int, int], note: str
) -> ScoreSheet:
    """A panel member's scores (1–5 for every criterion of the posting) and note."""
    if not interview.panel.filter(pk=member.pk).exists():
        raise ValidationError("この面接の面接官だけが評価を記入できます。")
    criteria = set(
        Criterion.unscoped.filter(posting=interview.applicant.posting).values_list("pk", flat=True)
    )
    if set(scores) != criteria:
        raise ValidationError("すべての評価項目に1〜5で記入してください。")
    if any(not 1 <= value <= 5 for value in scores.values()):
        raise ValidationError("評価は1〜5で記入してください。")
    sheet, created = ScoreSheet.unscoped.update_or_create(
        interview=interview,
        member=member,
        defaults={
            "body": interview.body,
            "scores": {str(k): v for k, v in scores.items()},
            "note": note,
        },
    )
    audit_record(
        actor=member,
        body=interview.body,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        target=sheet,
    )
    return sheet


# --- Hiring ----------------------------------------------------------------------------


@transaction.atomic
def applicant_hire(
    *,
    actor: Actor,
    applicant: Applicant,
    number: str,
    hire_date: date,
    department: Department | None = None,
    grade: Grade | None = None,
    end_date: date | None = None,
) -> StaffMember:
    """採用: the staff record and its appointment on the posting's footing (the term caps
    of organizations.rules apply), linked to the application. A second click finds the
    application hired already and creates nothing."""
    applicant = Applicant.unscoped.select_for_update().get(pk=applicant.pk)
    posting = Posting.unscoped.select_for_update().get(pk=applicant.posting_id)
    if applicant.staff_id is not None or applicant.stage == Stage.HIRED:
        raise ValidationError(f"{applicant.full_name}さんはすでに採用済みです。")
    if applicant.stage != Stage.OFFERED:
        raise ValidationError("採用できるのは「内定」の応募者です。")
    hired = Applicant.unscoped.filter(posting=posting, stage=Stage.HIRED).count()
    if problem := fills_head_count(hired, posting.head_count):
        raise ValidationError(problem)
    staff = organizations.staff_create(
        actor=actor,
        body=applicant.body,
        number=number,
        family_name=applicant.family_name,
        given_name=applicant.given_name,
        family_name_kana=applicant.family_name_kana,
        given_name_kana=applicant.given_name_kana,
        department=department,
        grade=grade or posting.grade,
        hire_date=hire_date,
        employment_kind=posting.appointment_kind,
    )
    organizations.appointment_create(
        actor=actor,
        staff=staff,
        department=department,
        kind=posting.appointment_kind,
        fixed_term_basis=posting.fixed_term_basis,
        specially_needed=posting.specially_needed,
        title=posting.title,
        start_date=hire_date,
        end_date=end_date,
    )
    applicant.staff = staff
    applicant.save(update_fields=["staff"])
    _move(applicant, Stage.HIRED, acting_user(actor), actor)
    return staff


# --- Messages --------------------------------------------------------------------------

PLACEHOLDERS = {
    "{氏名}": "氏名",
    "{求人}": "求人の名称",
    "{面接日時}": "次の面接の日時（未定なら「調整中」）",
}


def message_text(template: str, applicant: Applicant, next_interview: str) -> str:
    return (
        template.replace("{氏名}", applicant.full_name)
        .replace("{求人}", applicant.posting.title)
        .replace("{面接日時}", next_interview or "調整中")
    )


@transaction.atomic
def messages_send(
    *,
    actor: Actor,
    applicants: Iterable[Applicant],
    subject: str,
    text: str,
    interview_times: dict[int, str],
) -> list[Message]:
    """A mail to each chosen applicant from one template, logged, sent by the worker once
    the transaction commits."""
    from dxjinzai.recruitment.tasks import send_messages

    chosen = [a for a in applicants if a.erased_at is None and a.email]
    if not chosen:
        raise ValidationError("メールを送る応募者を選んでください。")
    if not subject.strip() or not text.strip():
        raise ValidationError("件名と本文を入力してください。")
    user = acting_user(actor)
    messages = Message.unscoped.bulk_create(
        [
            Message(
                body=a.body,
                applicant=a,
                subject=message_text(subject, a, interview_times.get(a.pk, "")),
                text=message_text(text, a, interview_times.get(a.pk, "")),
                sent_by=user,
            )
            for a in chosen
        ]
    )
    audit_record(
        actor=actor,
        body=chosen[0].body,
        action=AuditAction.CREATE,
        target_type="応募者へのメール",
        target_label=f"{subject}（{len(messages)}通）",
    )
    ids = [m.pk for m in messages]
    transaction.on_commit(lambda: send_messages.enqueue(ids))
    return messages


def messages_deliver(*, message_ids: list[int], now: Callable[[], datetime]) -> int:
    """Send the logged messages not yet sent, each marked when it went (the worker's job).
    A worker that dies half-way leaves the rest unsent and unmarked; running the job again
    sends only those. Returns how many were sent."""
    sent = 0
    waiting = Message.unscoped.filter(pk__in=message_ids, sent_at__isnull=True)
    for message in waiting.select_related("applicant"):
        send_mail(message.subject, message.text, None, [message.applicant.email])
        Message.unscoped.filter(pk=message.pk).update(sent_at=now())
        sent += 1
    return sent


# --- Personal data ---------------------------------------------------------------------


def _erase(applicant: Applicant, now: datetime) -> None:
    """What identifies the person goes; the row stays (stage, channel, dates) so the funnel
    and the year's statistics keep their numbers."""
    if applicant.cv:
        applicant.cv.delete(save=False)
    applicant.family_name = applicant.given_name = "（削除済み）"
    applicant.family_name_kana = applicant.given_name_kana = ""
    applicant.birth_date = None
    applicant.email = applicant.phone = ""
    applicant.answers = []
    applicant.remote_address = None
    applicant.erased_at = now
    applicant.save()
    Message.unscoped.filter(applicant=applicant).update(text="（削除済み）")
    ScoreSheet.unscoped.filter(interview__applicant=applicant).update(note="")


@transaction.atomic
def applicants_erase_expired(*, now: datetime) -> int:
    """Erase the data of applicants not hired whose posting closed longer ago than its
    retention period (default a year). Returns how many were erased."""
    due = [
        applicant
        for applicant in Applicant.unscoped.select_related("posting", "body")
        .filter(erased_at__isnull=True)
        .exclude(stage=Stage.HIRED)
        .filter(posting__closes_at__lt=now)
        if applicant.posting.closes_at + timedelta(days=applicant.posting.retention_days) < now
    ]
    by_body: dict[Body, int] = {}
    for applicant in due:
        _erase(applicant, now)
        by_body[applicant.body] = by_body.get(applicant.body, 0) + 1
    for body, erased in by_body.items():
        audit_record(
            actor=None,
            body=body,
            action=AuditAction.DELETE,
            target_type="応募者の個人情報",
            target_label=f"保存期間を過ぎた{erased}人",
        )
    return len(due)


@transaction.atomic
def applicant_erase_on_request(*, token: str, now: datetime) -> bool:
    """The applicant asked, by the link of their confirmation mail, for their data to be
    deleted. A hired applicant is a staff member now: their record is not erased here."""
    applicant = Applicant.unscoped.filter(token=token, erased_at__isnull=True).first()
    if applicant is None or applicant.stage == Stage.HIRED:
        return False
    _erase(applicant, now)
    audit_record(
        actor=None,
        body=applicant.body,
        action=AuditAction.DELETE,
        target_type="応募者の個人情報",
        target_label="本人の求めによる削除",
    )
    return True
