"""The exam-fee subsidy (受験料補助, CASES.md case 18: 豊田市): a body's scheme per fiscal
year, the applications of its staff, and the payments HR records in batches."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from dxjinzai.core.scoping import BodyOwnedModel
from dxjinzai.subsidies.rules import Rounding


class SubsidyScheme(BodyOwnedModel):
    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField("年度")
    qualifications = models.ManyToManyField(
        "skills.Qualification", related_name="+", verbose_name="対象の資格"
    )
    rate = models.DecimalField(
        "補助率",
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.5"),
        validators=[MinValueValidator(Decimal("0.001")), MaxValueValidator(Decimal(1))],
        help_text="受験料に掛ける割合（2分の1なら0.5）。",
    )
    rounding = models.CharField(
        "円未満の処理", max_length=10, choices=Rounding.choices, default=Rounding.FLOOR
    )
    cap_per_person = models.PositiveIntegerField(
        "1人あたりの年度上限（円）", null=True, blank=True, help_text="空欄なら上限なし。"
    )
    attempts = models.PositiveSmallIntegerField(
        "同じ資格への補助の回数（年度内）", default=1, validators=[MinValueValidator(1)]
    )
    budget = models.PositiveIntegerField("年度の予算（円）")
    pays_on_fail = models.BooleanField(
        "不合格でも補助する",
        default=True,
        help_text="受験そのものを支援する（豊田市の例）ときはオン。オフなら不合格は補助なしで終わります。",
    )

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "受験料補助の制度"
        verbose_name_plural = "受験料補助の制度"
        ordering = ["body", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["body", "fiscal_year"], name="one_scheme_a_year")
        ]

    def __str__(self) -> str:
        return f"受験料補助（{self.fiscal_year}年度）"


class ApplicationStatus(models.TextChoices):
    APPLIED = "applied", "申請中"
    APPROVED = "approved", "承認（受験待ち）"
    REFUSED = "refused", "不承認"
    WITHDRAWN = "withdrawn", "取下げ"
    PASSED = "passed", "合格（支払待ち）"
    FAILED = "failed", "不合格（支払待ち）"
    CLOSED = "closed", "不合格（補助なし）"
    PAID = "paid", "支払済"


# What the budget has promised: approved and not yet refused, closed or withdrawn.
COMMITTED = (
    ApplicationStatus.APPROVED,
    ApplicationStatus.PASSED,
    ApplicationStatus.FAILED,
    ApplicationStatus.PAID,
)
PAYABLE = (ApplicationStatus.PASSED, ApplicationStatus.FAILED)


class SubsidyPayment(BodyOwnedModel):
    """One batch of payments HR records (what the accounting system pays at once)."""

    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    paid_on = models.DateField("支払日")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "受験料補助の支払"
        verbose_name_plural = "受験料補助の支払"
        ordering = ["-paid_on", "-pk"]


class SubsidyApplication(BodyOwnedModel):
    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    scheme = models.ForeignKey(SubsidyScheme, on_delete=models.PROTECT, related_name="applications")
    staff = models.ForeignKey(
        "organizations.StaffMember", on_delete=models.PROTECT, related_name="+", verbose_name="職員"
    )
    qualification = models.ForeignKey(
        "skills.Qualification", on_delete=models.PROTECT, related_name="+", verbose_name="資格"
    )
    exam_on = models.DateField("受験日")
    fee = models.PositiveIntegerField("受験料（円）")
    amount = models.PositiveIntegerField("補助額（円）")
    receipt = models.FileField("領収書", upload_to="subsidy_receipts/%Y/", blank=True)
    status = models.CharField(
        "状態", max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.APPLIED
    )
    applied_on = models.DateField("申請日")
    decided_on = models.DateField("承認・不承認の日", null=True, blank=True)
    decision_note = models.CharField("不承認の理由", max_length=200, blank=True)
    result_reported_on = models.DateField("結果の報告日", null=True, blank=True)
    # The result, kept once the application is paid (its status then says only 支払済).
    passed = models.BooleanField("合格", null=True, blank=True)
    certificate_number = models.CharField("合格証書の番号", max_length=50, blank=True)
    payment = models.ForeignKey(
        SubsidyPayment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
    )

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "受験料補助の申請"
        verbose_name_plural = "受験料補助の申請"
        ordering = ["-applied_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.qualification}（{self.exam_on:%Y年%-m月%-d日}）"
