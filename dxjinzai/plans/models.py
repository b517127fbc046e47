"""目標（KPI）: a count the platform knows (or the body enters), with a target per 年度."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from dxjinzai.core.scoping import BodyOwnedModel


class Metric(models.TextChoices):
    TYPE_HOLDERS = "type_holders", "人材像の人数（年度末）"
    LEVEL_HOLDERS = "level_holders", "レベルの人数（年度末）"
    COURSE_COMPLETERS = "course_completers", "研修の修了者数"
    IMPROVEMENTS = "improvements", "業務改善の件数"
    CERTIFIED = "certified", "認定された人数（年度末に有効）"
    IN_HOUSE_SYSTEMS = "in_house_systems", "内製システムの本数（台帳の稼働開始日で）"
    CHALLENGERS = "challengers", "DX推進チャレンジャー（コミュニティの勉強会に出席した職員）"
    PROJECT_MEMBERS = "project_members", "改善プロジェクトに参加した職員（初めて参加した年度に1人）"
    MANUAL = "manual", "実績を手入力"


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
    certification_rule = models.ForeignKey(
        "plans.CertificationRule",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="認定",
    )
    cumulative = models.BooleanField(
        "累計で数える", default=False, help_text="例：R2〜R5で96人（毎年度24人の積み上げ）"
    )
    final_fiscal_year = models.PositiveSmallIntegerField("最終目標年度", null=True, blank=True)
    final_value = models.PositiveIntegerField("最終目標値", null=True, blank=True)
    unit = models.CharField("単位", max_length=10, default="人")
    # The operator prefecture's target counted over every body of its consortium.
    consortium_wide = models.BooleanField("連携協議会全体で数える", default=False)

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


class RecognitionKind(models.TextChoices):
    CERTIFICATION = "certification", "認定"
    AWARD = "award", "表彰"


class CertificationRule(BodyOwnedModel):
    """DX人材認定 (or an award) and its conditions; a person meeting every condition is a
    candidate, and an authorised officer approves (after judging their activity where the
    rule asks for it, 真岡市)."""

    body = models.ForeignKey("organizations.Body", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(
        "種類",
        max_length=15,
        choices=RecognitionKind.choices,
        default=RecognitionKind.CERTIFICATION,
    )
    name = models.CharField("名称", max_length=100, help_text="例：DX人材認定（BPR実践）")
    grants_talent_type = models.ForeignKey(
        "skills.TalentType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="認定する人材像",
    )
    grants_level = models.ForeignKey(
        "skills.Level",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="認定するレベル",
    )
    required_courses = models.ManyToManyField(
        "training.Course", blank=True, related_name="+", verbose_name="修了が必要な研修"
    )
    min_hours = models.DecimalField(
        "研修の累計時間（以上）", max_digits=6, decimal_places=1, null=True, blank=True
    )
    required_qualifications = models.ManyToManyField(
        "skills.Qualification", blank=True, related_name="+", verbose_name="必要な資格"
    )
    skill_item = models.ForeignKey(
        "skills.SkillItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="評価が必要なスキル項目",
    )
    min_proficiency = models.PositiveSmallIntegerField("その習熟度（以上）", null=True, blank=True)
    # 真岡市: those who did BPR in the improvement project (improvements.Project).
    requires_project = models.BooleanField("改善プロジェクトへの参加が必要", default=False)
    requires_adopted_proposal = models.BooleanField(
        "参加したプロジェクトの提案の採択が必要",
        default=False,
        help_text="参加したプロジェクトから採択（条件付を含む）された提案があること",
    )
    needs_evaluation = models.BooleanField(
        "活動内容の評価が必要",
        default=False,
        help_text="承認する人が活動を評価した内容を記録します",
    )
    validity_years = models.PositiveSmallIntegerField("有効年数", null=True, blank=True)
    number_prefix = models.CharField("番号の頭文字", max_length=20, default="DX認定")

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "認定・表彰の基準"
        verbose_name_plural = "認定・表彰の基準"
        ordering = ["body", "kind", "name"]

    def __str__(self) -> str:
        return self.name


class Certification(BodyOwnedModel):
    """認定 (or 表彰) of one person, with its number and validity."""

    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    staff = models.ForeignKey(
        "organizations.StaffMember", on_delete=models.CASCADE, related_name="certifications"
    )
    rule = models.ForeignKey(
        CertificationRule, on_delete=models.PROTECT, related_name="certifications"
    )
    number = models.CharField("番号", max_length=40)
    certified_on = models.DateField("認定日")
    valid_until = models.DateField("有効期限", null=True, blank=True)
    evaluation = models.TextField("活動内容の評価", blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    renewal_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A revoked certification keeps its row and number (numbers are never reused); it no
    # longer counts as valid from the day it was revoked.
    revoked_on = models.DateField("取消日", null=True, blank=True)
    revocation_reason = models.CharField("取消の理由", max_length=300, blank=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "認定・表彰"
        verbose_name_plural = "認定・表彰"
        ordering = ["-certified_on", "number"]
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="unique_certification_number")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.staff}"
