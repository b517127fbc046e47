"""The shared talent pool: jointly hired specialists, their assignments to host bodies with
an FTE share, and the monthly personnel cost the burden charges are computed from."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from dxjinzai.core.scoping import BodyOwnedModel
from dxjinzai.sharing.rules import DEFAULT_AGREED_ITEMS, YenRounding

# 愛媛県's fields of the support centre's specialists; a pool may use others.
POOL_FIELDS = [
    "デザイン思考・UI/UX",
    "システム・セキュリティ",
    "データ利活用",
    "官民共創",
    "広報・マーケティング",
]
COST_ITEMS = ["給料", "手当", "共済費等", "旅費", "退職手当"]


class PoolMember(BodyOwnedModel):
    """共通人材: a specialist hired by `body` (usually the prefecture) to serve across bodies.
    Partners see the working profile; the staff record stays with the employer."""

    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    staff = models.OneToOneField(
        "organizations.StaffMember", on_delete=models.PROTECT, related_name="pool_member"
    )
    display_name = models.CharField("表示名", max_length=100)
    fields = models.JSONField("分野", default=list)
    profile = models.TextField("紹介（連携先に公開）", blank=True)
    joined_on = models.DateField("登録日")
    is_active = models.BooleanField("登録中", default=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "共通人材"
        verbose_name_plural = "共通人材"
        ordering = ["body", "display_name"]

    def __str__(self) -> str:
        return self.display_name


class LegalBasis(models.TextChoices):
    DISPATCH = "dispatch", "職員の派遣（地方自治法252条の17）"
    CONCURRENT = "concurrent", "兼務"
    CONTRACT = "contract", "業務委託"


class Assignment(BodyOwnedModel):
    """配属（シェア）: one term of a pooled person serving a host with one share of working
    time. A change of share is a new term (the burden rule needs terms with one share)."""

    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(PoolMember, on_delete=models.PROTECT, related_name="assignments")
    host = models.ForeignKey(
        "organizations.Body", on_delete=models.PROTECT, related_name="+", verbose_name="配属先"
    )
    start = models.DateField("開始日")
    end = models.DateField("終了日", null=True, blank=True)
    share = models.DecimalField("勤務割合（FTE）", max_digits=3, decimal_places=2)
    legal_basis = models.CharField("根拠", max_length=12, choices=LegalBasis.choices)
    agreement_number = models.CharField("協定等の番号", max_length=50, blank=True)
    agreement_date = models.DateField("協定等の日付", null=True, blank=True)
    agreement_until = models.DateField("協定等の期間の終わり", null=True, blank=True)
    cost_items = models.JSONField("負担する費目", default=list)
    rounding = models.CharField(
        "円未満の端数",
        max_length=10,
        choices=[
            (YenRounding.FLOOR, "切り捨て"),
            (YenRounding.HALF_UP, "四捨五入"),
            (YenRounding.CEIL, "切り上げ"),
        ],
        default=YenRounding.FLOOR,
    )

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "配属"
        verbose_name_plural = "配属"
        ordering = ["member", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="assignment_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} → {self.host}"


def default_cost_items() -> list[str]:
    return sorted(DEFAULT_AGREED_ITEMS, key=COST_ITEMS.index)


class MonthlyCost(BodyOwnedModel):
    """One month of a pooled person's personnel cost by item: the employer's data."""

    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(PoolMember, on_delete=models.CASCADE, related_name="costs")
    year = models.PositiveSmallIntegerField("年")
    month = models.PositiveSmallIntegerField("月")
    items = models.JSONField("費目別の額（円）", default=dict)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "月別人件費"
        verbose_name_plural = "月別人件費"
        ordering = ["member", "year", "month"]
        constraints = [
            models.UniqueConstraint(fields=["member", "year", "month"], name="unique_monthly_cost")
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.year}-{self.month:02d}"


class JointContract(BodyOwnedModel):
    """共同契約 (大阪府: an adviser firm contracted once, its cost shared by 13 municipalities).
    `body` made the contract; the participants bear the cost by the split rule."""

    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    name = models.CharField("契約名", max_length=150)
    fiscal_year = models.PositiveSmallIntegerField("年度")
    total_cost = models.PositiveIntegerField("総額（円）")
    split_rule = models.CharField(
        "按分の方法",
        max_length=20,
        choices=[
            ("equal", "均等割"),
            ("population", "人口割"),
            ("usage", "利用割（支援を受けた時間）"),
            ("base_plus_usage", "均等割＋利用割"),
        ],
    )
    base_percent = models.PositiveSmallIntegerField(
        "均等割の割合（%）", default=0, help_text="均等割＋利用割のとき"
    )

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "共同契約"
        verbose_name_plural = "共同契約"
        ordering = ["-fiscal_year", "name"]

    def __str__(self) -> str:
        return self.name


class ContractParticipant(models.Model):
    contract = models.ForeignKey(
        JointContract, on_delete=models.CASCADE, related_name="participants"
    )
    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    usage_hours = models.DecimalField("支援を受けた時間", max_digits=7, decimal_places=1, default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contract", "body"], name="unique_contract_participant")
        ]

    def __str__(self) -> str:
        return f"{self.contract} {self.body}"


class ActivityKind(models.TextChoices):
    TRAINING = "training", "職員向けDX研修"
    STANDARDISATION = "standardisation", "標準化・共通化の対応支援"
    HANDS_ON = "hands_on", "ハンズオン（AI議事録・遠隔窓口・窓口支援など）"
    CONSULTATION = "consultation", "日常業務の相談"
    OTHER = "other", "その他"


class AdviserActivity(BodyOwnedModel):
    """An adviser's or specialist's activity for a host body (大阪府's examples). Under a
    joint contract, the hours are the usage its cost is split by."""

    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    contract = models.ForeignKey(
        JointContract, on_delete=models.PROTECT, related_name="activities", verbose_name="共同契約"
    )
    host = models.ForeignKey(
        "organizations.Body", on_delete=models.PROTECT, related_name="+", verbose_name="支援先"
    )
    kind = models.CharField("種類", max_length=20, choices=ActivityKind.choices)
    day = models.DateField("実施日")
    hours = models.DecimalField("時間", max_digits=5, decimal_places=1)
    participants = models.PositiveIntegerField("参加人数", default=0)
    outcome = models.TextField("内容・成果", blank=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "支援活動"
        verbose_name_plural = "支援活動"
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{self.day} {self.host} {self.get_kind_display()}"


class ChargeSettlement(BodyOwnedModel):
    """請求・支払: the employer's record that it invoiced a host the fiscal year's burden
    charge (the amount as computed that day) and when the host paid."""

    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    host = models.ForeignKey(
        "organizations.Body",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="負担する団体",
    )
    fiscal_year = models.PositiveSmallIntegerField("年度")
    invoiced_on = models.DateField("請求日")
    invoiced_amount = models.PositiveBigIntegerField("請求額（円）")
    paid_on = models.DateField("入金日", null=True, blank=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "負担金の請求"
        verbose_name_plural = "負担金の請求"
        ordering = ["fiscal_year", "host"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "host", "fiscal_year"], name="unique_charge_settlement"
            )
        ]

    def __str__(self) -> str:
        return f"{self.host} {self.fiscal_year}年度"


class Urgency(models.TextChoices):
    HIGH = "high", "至急"
    NORMAL = "normal", "通常"
    LOW = "low", "急がない"


class SupportStatus(models.TextChoices):
    FILED = "filed", "受付待ち"
    ASSIGNED = "assigned", "対応中"
    CLOSED = "closed", "完了"


class SupportRequest(BodyOwnedModel):
    """支援依頼 (愛媛県's チーム愛媛DX推進支援センター): a member body asks the support centre
    (its consortium's operator) for help; the centre assigns a pooled specialist and the
    three talk in the request's thread until it is closed."""

    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    centre = models.ForeignKey(
        "organizations.Body",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="支援センター",
    )
    theme = models.CharField("相談のテーマ", max_length=150)
    field = models.CharField("分野", max_length=30)
    urgency = models.CharField(
        "緊急度", max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    desired_from = models.DateField("希望する期間（から）")
    desired_until = models.DateField("希望する期間（まで）")
    detail = models.TextField("相談の内容")
    desired_member = models.ForeignKey(
        PoolMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="希望する専門人材",
    )
    status = models.CharField(
        "状況", max_length=10, choices=SupportStatus.choices, default=SupportStatus.FILED
    )
    member = models.ForeignKey(
        PoolMember,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="support_requests",
        verbose_name="担当の専門人材",
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    filed_on = models.DateField("依頼日")
    closed_on = models.DateField("完了日", null=True, blank=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "支援依頼"
        verbose_name_plural = "支援依頼"
        ordering = ["-filed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(desired_until__gte=models.F("desired_from")),
                name="support_period_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.theme


class SupportMessage(models.Model):
    """One message of a request's thread, with an optional file; kept with its request."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_label = models.CharField("差出人", max_length=150)
    text = models.TextField("本文")
    attachment = models.FileField("添付ファイル", upload_to="support/%Y/", blank=True)
    attachment_name = models.CharField("添付ファイル名", max_length=200, blank=True)
    created_at = models.DateTimeField("送信日時", auto_now_add=True)

    class Meta:
        verbose_name = "支援依頼のやりとり"
        verbose_name_plural = "支援依頼のやりとり"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.request} {self.author_label}"
