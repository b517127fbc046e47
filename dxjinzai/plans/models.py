"""目標（KPI）: a count the platform knows (or the body enters), with a target per 年度."""

from __future__ import annotations

from django.db import models

from dxjinzai.core.scoping import BodyOwnedModel


class Metric(models.TextChoices):
    TYPE_HOLDERS = "type_holders", "人材像の人数（年度末）"
    LEVEL_HOLDERS = "level_holders", "レベルの人数（年度末）"
    COURSE_COMPLETERS = "course_completers", "研修の修了者数"
    IMPROVEMENTS = "improvements", "業務改善の件数"
    MANUAL = "manual", "実績を手入力（内製システム数など）"


class Target(BodyOwnedModel):
    body = models.ForeignKey("organizations.Body", on_delete=models.CASCADE, related_name="+")
    name = models.CharField("目標名", max_length=150)
    metric = models.CharField("数えるもの", max_length=20, choices=Metric.choices)
    talent_type = models.ForeignKey(
        "skills.TalentType", on_delete=models.PROTECT, null=True, blank=True, verbose_name="人材像"
    )
    level = models.ForeignKey(
        "skills.Level", on_delete=models.PROTECT, null=True, blank=True, verbose_name="レベル"
    )
    course = models.ForeignKey(
        "training.Course", on_delete=models.PROTECT, null=True, blank=True, verbose_name="研修"
    )
    cumulative = models.BooleanField(
        "累計で数える", default=False, help_text="例：R2〜R5で96人（毎年度24人の積み上げ）"
    )
    final_fiscal_year = models.PositiveSmallIntegerField("最終目標年度", null=True, blank=True)
    final_value = models.PositiveIntegerField("最終目標値", null=True, blank=True)
    unit = models.CharField("単位", max_length=10, default="人")

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "目標"
        verbose_name_plural = "目標"
        ordering = ["body", "name"]

    def __str__(self) -> str:
        return self.name


class TargetYear(models.Model):
    """The target of one 年度, and its actual where the body enters it (MANUAL)."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="years")
    fiscal_year = models.PositiveSmallIntegerField("年度")
    target_value = models.PositiveIntegerField("目標値", null=True, blank=True)
    manual_actual = models.PositiveIntegerField("実績（手入力）", null=True, blank=True)

    class Meta:
        ordering = ["fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["target", "fiscal_year"], name="unique_target_year")
        ]

    def __str__(self) -> str:
        return f"{self.target} {self.fiscal_year}"
