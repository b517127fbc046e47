"""Talent frameworks (人材像, レベル, 役割区分, スキルマップ), qualifications and who holds them."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from dxjinzai.core.scoping import BodyOwnedModel


class Framework(BodyOwnedModel):
    """A talent framework kept as data: its types, levels, role classes and skill map.

    Owned by one body; with `shared_with_consortium` the operator prefecture's framework is
    used by every member (愛知県's five types for its towns too).
    """

    body = models.ForeignKey(
        "organizations.Body", on_delete=models.CASCADE, related_name="frameworks"
    )
    name = models.CharField("名称", max_length=100)
    description = models.TextField("説明", blank=True)
    preset_key = models.CharField("元にした既定", max_length=40, blank=True)
    is_reference = models.BooleanField("国の参考標準", default=False)
    shared_with_consortium = models.BooleanField("連携協議会で共有する", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "人材フレームワーク"
        verbose_name_plural = "人材フレームワーク"
        ordering = ["body", "name"]
        constraints = [
            models.UniqueConstraint(fields=["body", "name"], name="unique_framework_name")
        ]

    def __str__(self) -> str:
        return self.name


class TalentType(models.Model):
    """人材像, e.g. DX推進リーダー; a target head-count where the plan sets one (金沢市)."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="types")
    name = models.CharField("人材像", max_length=100)
    description = models.TextField("説明", blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    target_headcount = models.PositiveIntegerField("目標人数", null=True, blank=True)

    class Meta:
        verbose_name = "人材像"
        verbose_name_plural = "人材像"
        ordering = ["framework", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class Level(models.Model):
    """レベル, e.g. デジタルをつくる (東京都), mapped to a track (プロフェッショナル)."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="levels")
    name = models.CharField("レベル", max_length=100)
    track = models.CharField("育成区分", max_length=100, blank=True)
    rank = models.PositiveSmallIntegerField("順位", default=0, help_text="大きいほど上位")
    description = models.TextField("説明", blank=True)

    class Meta:
        verbose_name = "レベル"
        verbose_name_plural = "レベル"
        ordering = ["framework", "-rank", "pk"]

    def __str__(self) -> str:
        return self.name


class RoleClass(models.Model):
    """役割区分 (福井県: 推進マネジメント層 …) with the skill areas required of it."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="role_classes")
    name = models.CharField("役割区分", max_length=100)
    required_areas = models.JSONField("求められるスキル領域", default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "役割区分"
        verbose_name_plural = "役割区分"
        ordering = ["framework", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class SkillKind(models.TextChoices):
    SOFT = "soft", "ソフトスキル"
    TECHNICAL = "technical", "テクニカルスキル"


class SkillCategory(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField("分類", max_length=100)
    kind = models.CharField("種類", max_length=10, choices=SkillKind.choices)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "スキル分類"
        verbose_name_plural = "スキル分類"
        ordering = ["framework", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class SkillItem(models.Model):
    """スキル項目 with a 1–4 proficiency scale (one description per step)."""

    category = models.ForeignKey(SkillCategory, on_delete=models.CASCADE, related_name="items")
    name = models.CharField("スキル項目", max_length=100)
    scale = models.JSONField("習熟度1〜4の説明", default=list, blank=True)
    # Item names the seed does not give are ours; the page says so.
    our_wording = models.BooleanField("本プロジェクトによる表記", default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "スキル項目"
        verbose_name_plural = "スキル項目"
        ordering = ["category", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class HoldingSource(models.TextChoices):
    ASSESSMENT = "assessment", "評価"
    CERTIFICATION = "certification", "認定"
    APPOINTMENT = "appointment", "任命・配置"
    COURSE = "course", "研修修了"
    REGISTERED = "registered", "登録"
    IMPORT = "import", "取込"
    SUBSIDY = "subsidy", "受験料補助の合格報告"


class TalentHolding(BodyOwnedModel):
    """A person holds a talent type, a level or a role class since a date, for a reason."""

    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    staff = models.ForeignKey(
        "organizations.StaffMember", on_delete=models.CASCADE, related_name="talent_holdings"
    )
    talent_type = models.ForeignKey(
        TalentType, on_delete=models.PROTECT, null=True, blank=True, verbose_name="人材像"
    )
    level = models.ForeignKey(
        Level, on_delete=models.PROTECT, null=True, blank=True, verbose_name="レベル"
    )
    role_class = models.ForeignKey(
        RoleClass, on_delete=models.PROTECT, null=True, blank=True, verbose_name="役割区分"
    )
    since = models.DateField("取得日")
    source = models.CharField("根拠", max_length=15, choices=HoldingSource.choices)
    source_note = models.CharField("根拠の詳細", max_length=200, blank=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "人材像・レベルの保有"
        verbose_name_plural = "人材像・レベルの保有"
        ordering = ["staff", "-since"]
        # "Does this person hold that type / role class?" is asked for every person by the
        # division dashboard; the single-column indexes led the planner to scan all holders.
        indexes = [
            models.Index(fields=["staff", "talent_type"]),
            models.Index(fields=["staff", "role_class"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(talent_type__isnull=False, level__isnull=True, role_class__isnull=True)
                    | Q(talent_type__isnull=True, level__isnull=False, role_class__isnull=True)
                    | Q(talent_type__isnull=True, level__isnull=True, role_class__isnull=False)
                ),
                name="holding_names_exactly_one",
            )
        ]

    def __str__(self) -> str:
        return f"{self.staff} {self.held}"

    @property
    def held(self) -> TalentType | Level | RoleClass:
        return self.talent_type or self.level or self.role_class  # type: ignore[return-value]


class QualificationCategory(models.TextChoices):
    IPA = "ipa", "情報処理技術者試験等（国家試験）"
    PRIVATE = "private", "民間資格"
    VENDOR = "vendor", "ベンダー資格"
    OTHER = "other", "その他"


class Qualification(models.Model):
    """資格: the catalogue. Rows without a body are the shared national catalogue; a body
    adds its own (a vendor certification its staff hold)."""

    body = models.ForeignKey(
        "organizations.Body", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    name = models.CharField("資格名", max_length=100)
    category = models.CharField("区分", max_length=10, choices=QualificationCategory.choices)
    issuer = models.CharField("実施団体", max_length=100, blank=True)
    has_sitting = models.BooleanField("回次がある", default=False, help_text="例：E資格 2024#1")
    number_pattern = models.CharField(
        "番号の形式（正規表現）", max_length=100, blank=True, help_text="空欄なら英数字とハイフン"
    )
    number_example = models.CharField("番号の例", max_length=50, blank=True)
    validity_years = models.PositiveSmallIntegerField("有効年数", null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "資格"
        verbose_name_plural = "資格"
        ordering = ["category", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["body", "name"], name="unique_qualification_name"),
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(body__isnull=True),
                name="unique_national_qualification_name",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class QualificationHolding(BodyOwnedModel):
    """保有資格: one person holds one qualification (a renewal updates the same record)."""

    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    staff = models.ForeignKey(
        "organizations.StaffMember",
        on_delete=models.CASCADE,
        related_name="qualification_holdings",
    )
    qualification = models.ForeignKey(
        Qualification, on_delete=models.PROTECT, related_name="holdings", verbose_name="資格"
    )
    acquired_on = models.DateField("取得日")
    sitting = models.CharField("回次", max_length=20, blank=True, help_text="例：2024#1")
    number = models.CharField("登録・合格番号", max_length=50, blank=True)
    expires_on = models.DateField("有効期限", null=True, blank=True)
    evidence = models.FileField("証明書の写し", upload_to="evidence/%Y/", blank=True)
    source = models.CharField(
        "根拠", max_length=15, choices=HoldingSource.choices, default=HoldingSource.REGISTERED
    )
    source_note = models.CharField("根拠の詳細", max_length=200, blank=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "保有資格"
        verbose_name_plural = "保有資格"
        ordering = ["staff", "-acquired_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "qualification"], name="unique_qualification_holding"
            )
        ]

    def __str__(self) -> str:
        return f"{self.staff} {self.qualification}"


class TalentProfile(BodyOwnedModel):
    """What a person aims at and has done beyond the records: the goal type or level their
    skills are measured against, and experience in their own words (searchable)."""

    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    staff = models.OneToOneField(
        "organizations.StaffMember", on_delete=models.CASCADE, related_name="talent_profile"
    )
    goal_type = models.ForeignKey(
        TalentType,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="目指す人材像",
    )
    goal_level = models.ForeignKey(
        Level,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="目指すレベル",
    )
    experience = models.TextField(
        "経験・得意分野",
        blank=True,
        help_text="例：前職でWebサイト制作、Excelマクロで業務を自動化、統計調査の担当",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "人材プロフィール"
        verbose_name_plural = "人材プロフィール"

    def __str__(self) -> str:
        return str(self.staff)


class SkillTarget(models.Model):
    """The proficiency a talent type (or level) expects on one skill item."""

    talent_type = models.ForeignKey(
        TalentType, on_delete=models.CASCADE, null=True, blank=True, related_name="targets"
    )
    level = models.ForeignKey(
        Level, on_delete=models.CASCADE, null=True, blank=True, related_name="targets"
    )
    skill_item = models.ForeignKey(SkillItem, on_delete=models.CASCADE, related_name="+")
    proficiency = models.PositiveSmallIntegerField(
        "求める習熟度", validators=[MinValueValidator(1), MaxValueValidator(4)]
    )

    class Meta:
        verbose_name = "求める習熟度"
        verbose_name_plural = "求める習熟度"
        constraints = [
            models.CheckConstraint(
                condition=Q(talent_type__isnull=False, level__isnull=True)
                | Q(talent_type__isnull=True, level__isnull=False),
                name="target_of_type_or_level",
            ),
            models.UniqueConstraint(
                fields=["talent_type", "skill_item"], name="unique_type_target"
            ),
            models.UniqueConstraint(fields=["level", "skill_item"], name="unique_level_target"),
        ]

    def __str__(self) -> str:
        return f"{self.talent_type or self.level} {self.skill_item} {self.proficiency}"


class AssessorKind(models.TextChoices):
    SELF = "self", "本人"
    SUPERIOR = "superior", "上司"


class SkillAssessment(BodyOwnedModel):
    """One proficiency (1–4) on one skill item in one fiscal year, by the person or a superior."""

    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    staff = models.ForeignKey(
        "organizations.StaffMember", on_delete=models.CASCADE, related_name="skill_assessments"
    )
    fiscal_year = models.PositiveSmallIntegerField("年度")
    skill_item = models.ForeignKey(SkillItem, on_delete=models.PROTECT, related_name="+")
    assessor_kind = models.CharField("評価者", max_length=10, choices=AssessorKind.choices)
    proficiency = models.PositiveSmallIntegerField(
        "習熟度", validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assessed_on = models.DateField("評価日")

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "スキル評価"
        verbose_name_plural = "スキル評価"
        ordering = ["staff", "-fiscal_year", "skill_item"]
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "fiscal_year", "skill_item", "assessor_kind"],
                name="unique_assessment",
            )
        ]

    def __str__(self) -> str:
        return f"{self.staff} {self.fiscal_year} {self.skill_item} {self.proficiency}"


class TalentSearchDocument(BodyOwnedModel):
    """The words a latent-talent search (北海道) looks through for one person: experience,
    qualifications, completed courses, types and levels. Indexed for Japanese substring
    search: an FTS5 trigram table on SQLite, a pg_trgm index on PostgreSQL (migration 0004).
    """

    body = models.ForeignKey("organizations.Body", on_delete=models.CASCADE, related_name="+")
    staff = models.OneToOneField(
        "organizations.StaffMember", on_delete=models.CASCADE, related_name="+"
    )
    content = models.TextField(blank=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "人材検索の索引"
        verbose_name_plural = "人材検索の索引"

    def __str__(self) -> str:
        return str(self.staff)


class ExamDate(BodyOwnedModel):
    """試験日程: the HR officer's calendar of exam dates for staff (北海道 publishes these)."""

    body = models.ForeignKey("organizations.Body", on_delete=models.CASCADE, related_name="+")
    qualification = models.ForeignKey(
        Qualification, on_delete=models.CASCADE, related_name="+", verbose_name="資格"
    )
    exam_on = models.DateField("試験日")
    application_until = models.DateField("申込締切日", null=True, blank=True)
    note = models.CharField(
        "備考", max_length=200, blank=True, help_text="例：受験料補助あり、CBT方式で随時"
    )

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "試験日程"
        verbose_name_plural = "試験日程"
        ordering = ["exam_on"]

    def __str__(self) -> str:
        return f"{self.qualification} {self.exam_on}"
