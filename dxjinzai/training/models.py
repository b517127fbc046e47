"""Courses, sessions, applications, attendance, completions, surveys and requirements."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from dxjinzai.core.scoping import BodyOwnedModel


class CourseMode(models.TextChoices):
    CLASSROOM = "classroom", "集合"
    ONLINE = "online", "オンライン"
    ELEARNING = "elearning", "eラーニング"
    VIDEO = "video", "動画"
    OJT = "ojt", "OJT"


class ProviderKind(models.TextChoices):
    IN_HOUSE = "in_house", "庁内"
    JLIS = "jlis", "J-LIS"
    VENDOR = "vendor", "民間事業者"
    OTHER = "other", "その他"


class Course(BodyOwnedModel):
    """研修: what is taught. Completing it may grant a level, a type or a qualification."""

    body = models.ForeignKey("organizations.Body", on_delete=models.CASCADE, related_name="+")
    title = models.CharField("研修名", max_length=150)
    mode = models.CharField("形式", max_length=10, choices=CourseMode.choices)
    provider_kind = models.CharField("実施主体", max_length=10, choices=ProviderKind.choices)
    provider = models.CharField("実施機関名", max_length=100, blank=True)
    hours = models.DecimalField("時間数", max_digits=6, decimal_places=1)
    # A multi-session programme (金沢市: about 200 hours, May to November) completes when a
    # participant's attended hours reach this; empty: attending the session completes it.
    required_hours = models.DecimalField(
        "修了に必要な累計時間", max_digits=6, decimal_places=1, null=True, blank=True
    )
    description = models.TextField("内容", blank=True)
    level = models.ForeignKey(
        "skills.Level",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="対象レベル",
    )
    skill_items = models.ManyToManyField(
        "skills.SkillItem", blank=True, related_name="courses", verbose_name="身につくスキル"
    )
    grants_level = models.ForeignKey(
        "skills.Level",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name="修了で付与するレベル",
    )
    grants_talent_type = models.ForeignKey(
        "skills.TalentType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name="修了で付与する人材像",
    )
    grants_qualification = models.ForeignKey(
        "skills.Qualification",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name="修了で付与する資格",
    )
    issues_certificate = models.BooleanField("修了証を発行する", default=False)
    shared_with_consortium = models.BooleanField("連携協議会の団体にも公開する", default=False)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "研修"
        verbose_name_plural = "研修"
        ordering = ["body", "title"]
        constraints = [
            models.UniqueConstraint(fields=["body", "title"], name="unique_course_title")
        ]

    def __str__(self) -> str:
        return self.title


class Session(BodyOwnedModel):
    """研修回: one scheduled run of a course, organised by the course's body."""

    body = models.ForeignKey("organizations.Body", on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    name = models.CharField("回の名称", max_length=100, help_text="例：第1回、Aグループ")
    starts_on = models.DateField("開始日")
    ends_on = models.DateField("終了日")
    place = models.CharField("会場", max_length=150, blank=True)
    url = models.URLField("オンライン会場のURL", blank=True)
    capacity = models.PositiveIntegerField("定員")
    application_deadline = models.DateField("申込締切日")
    # 愛知県's DX特別研修 mixes prefectural and municipal staff: a joint session.
    open_to_consortium = models.BooleanField("連携協議会の団体の職員も申し込める", default=False)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "研修回"
        verbose_name_plural = "研修回"
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="session_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.course.title} {self.name}"


class ApplicationStatus(models.TextChoices):
    APPLIED = "applied", "承認待ち"
    APPROVED = "approved", "受講決定"
    REJECTED = "rejected", "不承認"
    CANCELLED = "cancelled", "取消"


class Application(BodyOwnedModel):
    """受講申込 by the person or nominated by a manager; the person's body's HR approves.

    Owned by the participant's body: their HR sees it; the organiser sees its roster.
    """

    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="applications")
    staff = models.ForeignKey(
        "organizations.StaffMember", on_delete=models.CASCADE, related_name="applications"
    )
    status = models.CharField(
        "状態", max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.APPLIED
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="推薦者",
    )
    applied_on = models.DateField("申込日")
    decided_on = models.DateField("決定日", null=True, blank=True)
    note = models.CharField("備考", max_length=200, blank=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "受講申込"
        verbose_name_plural = "受講申込"
        ordering = ["session", "staff__number"]
        constraints = [
            models.UniqueConstraint(fields=["session", "staff"], name="unique_application")
        ]

    def __str__(self) -> str:
        return f"{self.staff} {self.session}"


class Attendance(BodyOwnedModel):
    """受講: one day's attendance of an enrolled person, with the hours attended."""

    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attendances"
    )
    attended_on = models.DateField("受講日")
    hours = models.DecimalField("時間", max_digits=5, decimal_places=1)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "受講記録"
        verbose_name_plural = "受講記録"
        ordering = ["attended_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "attended_on"], name="unique_attendance_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} {self.attended_on}"


class CompletionSource(models.TextChoices):
    SESSION = "session", "研修回の受講"
    IMPORT = "import", "取込"
    REGISTERED = "registered", "登録"


class Completion(BodyOwnedModel):
    """修了: a person completed a course on a date (from a session, an import or by hand)."""

    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    staff = models.ForeignKey(
        "organizations.StaffMember", on_delete=models.CASCADE, related_name="completions"
    )
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="completions")
    application = models.OneToOneField(
        Application, on_delete=models.SET_NULL, null=True, blank=True, related_name="completion"
    )
    completed_on = models.DateField("修了日")
    hours = models.DecimalField("受講時間", max_digits=6, decimal_places=1)
    source = models.CharField("根拠", max_length=10, choices=CompletionSource.choices)
    note = models.CharField("備考", max_length=200, blank=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "修了"
        verbose_name_plural = "修了"
        ordering = ["-completed_on"]
        indexes = [models.Index(fields=["body", "course", "completed_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "course", "completed_on"], name="unique_completion_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.staff} {self.course}（{self.completed_on}）"


class SurveyResponse(BodyOwnedModel):
    """理解度アンケート (袋井市): one answer per participant and session."""

    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="survey")
    comprehension = models.PositiveSmallIntegerField(
        "理解度（1〜5）", validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    usefulness = models.PositiveSmallIntegerField(
        "業務への活用度（1〜5）", validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField("感想・意見", blank=True)
    answered_on = models.DateField("回答日")

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "理解度アンケート"
        verbose_name_plural = "理解度アンケート"

    def __str__(self) -> str:
        return str(self.application)


class RequirementKind(models.TextChoices):
    MANDATORY = "mandatory", "必須"
    ELECTIVE = "elective", "選択"


class Recurrence(models.TextChoices):
    ONCE = "once", "一度修了すればよい"
    YEARLY = "yearly", "毎年度"


class Requirement(BodyOwnedModel):
    """必須研修 / 選択研修: a course required of (or offered to) the people who match every
    criterion given; a rule with no criterion applies to every staff member."""

    body = models.ForeignKey("organizations.Body", on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="requirements", verbose_name="研修"
    )
    kind = models.CharField("区分", max_length=10, choices=RequirementKind.choices)
    role_class = models.ForeignKey(
        "skills.RoleClass", on_delete=models.PROTECT, null=True, blank=True, verbose_name="役割区分"
    )
    grade = models.ForeignKey(
        "organizations.Grade", on_delete=models.PROTECT, null=True, blank=True, verbose_name="職層"
    )
    talent_type = models.ForeignKey(
        "skills.TalentType", on_delete=models.PROTECT, null=True, blank=True, verbose_name="人材像"
    )
    department = models.ForeignKey(
        "organizations.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name="所属",
    )
    from_fiscal_year = models.PositiveSmallIntegerField("適用開始年度")
    recurrence = models.CharField(
        "修了の要件", max_length=10, choices=Recurrence.choices, default=Recurrence.ONCE
    )
    due_month = models.PositiveSmallIntegerField(
        "期限（月末）",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="年度内のこの月の末日までに修了（3なら年度末）",
    )

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "受講要件"
        verbose_name_plural = "受講要件"
        ordering = ["body", "kind", "course__title"]

    def __str__(self) -> str:
        return f"{self.course.title}（{self.get_kind_display()}）"
