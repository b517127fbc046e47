"""極めたい分野挑戦制度 (愛知県, CASES.md case 13): each fiscal year HR calls staff who have
finished their job rotation to choose the field they want to master (ICT・DX分野 among
others); a person applies with a statement, HR decides, and the count per year and field
is the programme's record."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from dxjinzai.core.scoping import BodyOwnedModel


class ChallengeCall(BodyOwnedModel):
    """The year's call (公募): the fields offered and when applications are taken."""

    body = models.ForeignKey("organizations.Body", on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField("年度")
    offered_fields = models.JSONField("公募する分野", default=list)
    opens_on = models.DateField("受付開始日")
    closes_on = models.DateField("受付終了日")
    min_years_of_service = models.PositiveSmallIntegerField(
        "応募できる勤続年数",
        default=0,
        help_text="ジョブローテーションを終えた職員に限るときの、採用からの年数（0なら制限なし）。",
    )
    description = models.TextField("公募の内容", blank=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "挑戦制度の公募"
        verbose_name_plural = "挑戦制度の公募"
        ordering = ["-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "fiscal_year"], name="one_challenge_call_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year}年度の公募"


class Decision(models.TextChoices):
    PENDING = "pending", "審査中"
    ACCEPTED = "accepted", "決定"
    DECLINED = "declined", "見送り"
    WITHDRAWN = "withdrawn", "取下げ"


class ChallengeApplication(BodyOwnedModel):
    """One person's application to the year's call: the field and why."""

    body = models.ForeignKey("organizations.Body", on_delete=models.CASCADE, related_name="+")
    call = models.ForeignKey(
        ChallengeCall, on_delete=models.PROTECT, related_name="applications", verbose_name="公募"
    )
    staff = models.ForeignKey(
        "organizations.StaffMember",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="職員",
    )
    field = models.CharField("希望する分野", max_length=50)
    statement = models.TextField("志望の理由とキャリアの計画")
    submitted_on = models.DateField("応募日")
    decision = models.CharField(
        "結果", max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    decided_on = models.DateField("決定日", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.CharField("理由・条件", max_length=300, blank=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "挑戦制度への応募"
        verbose_name_plural = "挑戦制度への応募"
        ordering = ["call", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "staff"], name="one_challenge_application")
        ]

    def __str__(self) -> str:
        return f"{self.field}への応募"
