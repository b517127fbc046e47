"""業務改善: a division's improvement activity, the ④ of 福井県's dashboard (content, not a
count), which the DX division may recommend for an award (クレドアワード)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from dxjinzai.core.scoping import BodyOwnedModel


class Improvement(BodyOwnedModel):
    body = models.ForeignKey("organizations.Body", on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(
        "organizations.Department",
        on_delete=models.PROTECT,
        related_name="improvements",
        verbose_name="所属",
    )
    fiscal_year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("取組名", max_length=150)
    summary = models.TextField("概要")
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("登録日時", auto_now_add=True)
    award_recommended_on = models.DateField("表彰への推薦日", null=True, blank=True)
    award_note = models.CharField("推薦の理由", max_length=300, blank=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "業務改善"
        verbose_name_plural = "業務改善"
        ordering = ["-fiscal_year", "department__code", "-created_at"]

    def __str__(self) -> str:
        return self.title


class SystemKind(models.TextChoices):
    NO_CODE = "no_code", "ノーコード・ローコード"
    RPA = "rpa", "RPA"
    GENERATIVE_AI = "generative_ai", "生成AI活用"
    SCRIPT = "script", "スクリプト・マクロ"


class SystemStatus(models.TextChoices):
    RUNNING = "running", "稼働中"
    STOPPED = "stopped", "停止"


class InHouseSystem(BodyOwnedModel):
    """内製システム (滋賀県): a tool staff built themselves. The register feeds the KPI
    「内製システム数」: a system counts in the fiscal year it went live, and stays counted
    once stopped (it was built)."""

    body = models.ForeignKey("organizations.Body", on_delete=models.CASCADE, related_name="+")
    name = models.CharField("システム名", max_length=150)
    kind = models.CharField("種類", max_length=20, choices=SystemKind.choices)
    department = models.ForeignKey(
        "organizations.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="所属",
    )
    builders = models.CharField("作った職員", max_length=200, help_text="例：山田 太郎、佐藤 花子")
    supporting_expert = models.CharField("支援した専門人材", max_length=100, blank=True)
    went_live_on = models.DateField("稼働開始日")
    users = models.PositiveIntegerField("利用者数", default=0)
    hours_saved_per_year = models.PositiveIntegerField(
        "削減時間（時間／年）", default=0, help_text="見込みでなく、稼働後の実績または測定値。"
    )
    status = models.CharField(
        "状態", max_length=10, choices=SystemStatus.choices, default=SystemStatus.RUNNING
    )
    note = models.CharField("備考", max_length=300, blank=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "内製システム"
        verbose_name_plural = "内製システム"
        ordering = ["-went_live_on", "pk"]

    def __str__(self) -> str:
        return self.name
