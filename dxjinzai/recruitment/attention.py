"""What waits in recruitment (registered in ready()): for HR, confirmed applications not yet
screened; for a panel member, interviews held that still lack their score sheet."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.db.models import Exists, OuterRef
from django.urls import reverse

from dxjinzai.core import clock
from dxjinzai.core.access import Access, Perm
from dxjinzai.organizations.attention import Item, Waiting, waiting_kind
from dxjinzai.recruitment.models import Applicant, Interview, ScoreSheet, Stage


def waiting_in_recruitment(access: Access, today: date, limit: int | None) -> Iterator[Waiting]:
    bodies = access.body_ids_with(Perm.MANAGE_RECRUITMENT)
    if bodies:
        new = Applicant.objects.visible_to(access).filter(
            body_id__in=bodies, stage=Stage.APPLIED, confirmed_at__isnull=False
        )
        yield waiting_kind(
            "採用：書類選考を待っている応募",
            new.select_related("posting", "body").order_by("created_at", "pk"),
            limit,
            list_url=lambda a: (
                reverse("posting_detail", args=[a.body.url_key, a.posting_id]) + "?stage=applied"
            ),
            item=lambda a: Item(
                key=f"recruitment.applied:{a.pk}",
                title=f"{a.full_name}：{a.posting.title}",
                url=reverse("applicant_detail", args=[a.body.url_key, a.pk]),
            ),
        )
    if access.user_id is not None:
        mine = ScoreSheet.unscoped.filter(interview=OuterRef("pk"), member_id=access.user_id)
        to_score = (
            Interview.objects.visible_to(access)
            .filter(panel=access.user_id, starts_at__lte=clock.now())
            .exclude(Exists(mine))
            .exclude(applicant__stage__in=(Stage.REJECTED, Stage.DECLINED))
        )
        yield waiting_kind(
            "採用：評価票の記入を待っている面接",
            to_score.select_related("applicant__posting").order_by("starts_at", "pk"),
            limit,
            list_url=lambda i: reverse("my_interviews"),
            item=lambda i: Item(
                key=f"recruitment.score:{i.pk}",
                title=f"{i.applicant.full_name}：{i.applicant.posting.title}（{i.get_stage_display()}）",
                url=reverse("interview_score", args=[i.pk]),
            ),
        )
