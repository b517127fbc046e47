"""Recruitment (中野区, 北九州市, 広島県): a body's job postings with their application window,
the applicants who apply on the public page, their moves through the stages, interviews
with a panel and its scores, the messages sent to them, and their hiring."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from dxjinzai.core.scoping import BodyOwnedModel
from dxjinzai.organizations.rules import AppointmentKind, FixedTermBasis

# The footings a posting may offer: the appointment the hire receives.
POSTING_KINDS = [
    (AppointmentKind.REGULAR, "正規職員"),
    (AppointmentKind.FIXED_TERM, "任期付職員"),
    (AppointmentKind.FISCAL_YEAR, "会計年度任用職員"),
]


class RegularCategory(models.TextChoices):
    """The recruitment category of a regular post (北九州市's デジタル区分)."""

    NONE = "", "—"
    DIGITAL = "digital", "デジタル区分"
    EXPERIENCED = "experienced", "民間企業等経験者"


class PostingStatus(models.TextChoices):
    DRAFT = "draft", "下書き"
    PUBLISHED = "published", "公開"


class Posting(BodyOwnedModel):
    """求人 (募集): what the body hires for, on which footing, and when people may apply."""

    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(
        "職名・募集の名称", max_length=150, help_text="例：DX推進マネージャー（係長級）"
    )
    grade = models.ForeignKey(
        "organizations.Grade", on_delete=models.PROTECT, null=True, blank=True, verbose_name="職層"
    )
    appointment_kind = models.CharField("任用の形態", max_length=30, choices=POSTING_KINDS)
    category = models.CharField(
        "採用区分", max_length=20, choices=RegularCategory.choices, blank=True
    )
    fixed_term_basis = models.CharField(
        "任期付の根拠", max_length=10, choices=FixedTermBasis.choices, blank=True
    )
    specially_needed = models.BooleanField("特に必要な場合（任期5年まで）", default=False)
    head_count = models.PositiveSmallIntegerField("採用予定人数", validators=[MinValueValidator(1)])
    duties = models.TextField("職務の内容")
    requirements = models.TextField("応募資格")
    pay_range = models.CharField("給与", max_length=200, help_text="例：月額 320,000円〜410,000円")
    channels = models.JSONField("掲載先", default=list)
    questions = models.JSONField("応募者への質問", default=list, blank=True)
    message = models.TextField("首長・所属からのメッセージ", blank=True)
    staff_voice = models.TextField("職員インタビュー", blank=True)
    opens_at = models.DateTimeField("受付開始")
    closes_at = models.DateTimeField("受付終了")
    retention_days = models.PositiveSmallIntegerField(
        "不採用者の情報の保存日数（受付終了から）", default=365
    )
    status = models.CharField(
        "状態", max_length=10, choices=PostingStatus.choices, default=PostingStatus.DRAFT
    )
    # 広島県: the operator hires for the consortium, the hire moving across these bodies.
    joint_bodies = models.ManyToManyField(
        "organizations.Body",
        blank=True,
        related_name="+",
        verbose_name="合同で募集する団体（採用後に勤務する団体）",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "求人"
        verbose_name_plural = "求人"
        ordering = ["-opens_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="posting_closes_after_opening"
            )
        ]

    def __str__(self) -> str:
        return self.title


class PostingPhoto(BodyOwnedModel):
    """A photo HR uploads for the public page (the workplace, the team), served by the
    platform itself; its description is the image's text for those who cannot see it."""

    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField("写真（PNG・JPEG、5MBまで）", upload_to="recruitment/photos/%Y/")
    caption = models.CharField("写真の説明", max_length=150, help_text="例：デジタル推進課の執務室")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "求人の写真"
        verbose_name_plural = "求人の写真"
        ordering = ["posting", "order", "pk"]

    def __str__(self) -> str:
        return self.caption


class Criterion(BodyOwnedModel):
    """One line of a posting's interview score sheet, with its weight (中野区 weighs
    communication skills)."""

    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField("評価項目", max_length=60)
    weight = models.PositiveSmallIntegerField(
        "重み", validators=[MinValueValidator(1), MaxValueValidator(10)], default=1
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "評価項目"
        verbose_name_plural = "評価項目"
        ordering = ["posting", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.name}（×{self.weight}）"


class Stage(models.TextChoices):
    """The default pipeline; the last four end it."""

    APPLIED = "applied", "応募"
    SCREENING = "screening", "書類選考"
    FIRST_INTERVIEW = "interview_1", "一次面接"
    FINAL_INTERVIEW = "interview_2", "最終面接"
    OFFERED = "offered", "内定"
    HIRED = "hired", "採用"
    REJECTED = "rejected", "不採用"
    DECLINED = "declined", "辞退"


class PipelineSetting(BodyOwnedModel):
    """A body's own pipeline: the names it gives the stages, and the optional stages it
    does without (a town that interviews once skips 最終面接). Without a row: the default."""

    body = models.OneToOneField(
        "organizations.Body", on_delete=models.CASCADE, related_name="pipeline_setting"
    )
    labels = models.JSONField("段階の名前", default=dict)
    unused = models.JSONField("使わない段階", default=list)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "選考の段階の設定"
        verbose_name_plural = "選考の段階の設定"

    def __str__(self) -> str:
        return str(self.body)


class Applicant(BodyOwnedModel):
    """One application to a posting: who, by which channel, their answers and CV, where they
    stand. Personal data of someone outside the body: its HR and the panel only."""

    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    posting = models.ForeignKey(Posting, on_delete=models.PROTECT, related_name="applicants")
    family_name = models.CharField("氏", max_length=50)
    given_name = models.CharField("名", max_length=50)
    family_name_kana = models.CharField("氏（フリガナ）", max_length=50)
    given_name_kana = models.CharField("名（フリガナ）", max_length=50)
    # Nullable and blank: an unsuccessful applicant's data is erased after the retention
    # period, the row kept (stage, channel, dates) so the statistics stay right.
    birth_date = models.DateField("生年月日", null=True)
    email = models.EmailField("メールアドレス", blank=True)
    phone = models.CharField("電話番号", max_length=20, blank=True)
    channel = models.CharField("応募経路", max_length=50)
    answers = models.JSONField("質問への回答", default=list, blank=True)
    cv = models.FileField("履歴書・職務経歴書", upload_to="recruitment/cv/%Y/", blank=True)
    stage = models.CharField("段階", max_length=12, choices=Stage.choices, default=Stage.APPLIED)
    token = models.CharField(max_length=64, unique=True)
    confirmed_at = models.DateTimeField("メール確認", null=True, blank=True)
    consented_at = models.DateTimeField("個人情報の取扱いへの同意")
    remote_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField("応募日時", auto_now_add=True)
    erased_at = models.DateTimeField("個人情報の削除", null=True, blank=True)
    staff = models.ForeignKey(
        "organizations.StaffMember",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="採用後の職員",
    )

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "応募者"
        verbose_name_plural = "応募者"
        ordering = ["posting", "pk"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.family_name} {self.given_name}"


class StageMove(BodyOwnedModel):
    """One move of an applicant between stages: who moved them, and when."""

    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    applicant = models.ForeignKey(Applicant, on_delete=models.CASCADE, related_name="moves")
    from_stage = models.CharField("前の段階", max_length=12, choices=Stage.choices, blank=True)
    to_stage = models.CharField("段階", max_length=12, choices=Stage.choices)
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField("日時", auto_now_add=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "段階の移動"
        verbose_name_plural = "段階の移動"
        ordering = ["at", "pk"]


class Interview(BodyOwnedModel):
    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    applicant = models.ForeignKey(Applicant, on_delete=models.CASCADE, related_name="interviews")
    stage = models.CharField(
        "面接",
        max_length=12,
        choices=[
            (Stage.FIRST_INTERVIEW, Stage.FIRST_INTERVIEW.label),
            (Stage.FINAL_INTERVIEW, Stage.FINAL_INTERVIEW.label),
        ],
    )
    starts_at = models.DateTimeField("日時")
    place = models.CharField("場所", max_length=150, blank=True)
    online = models.BooleanField("オンライン", default=False)
    panel = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", verbose_name="面接官"
    )

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "面接"
        verbose_name_plural = "面接"
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return f"{self.applicant} {self.get_stage_display()}"


class ScoreSheet(BodyOwnedModel):
    """One panel member's scores (1–5 per criterion) and note for one interview."""

    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="sheets")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    scores = models.JSONField("評価（項目ごと1〜5）", default=dict)
    note = models.TextField("所見", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "評価票"
        verbose_name_plural = "評価票"
        constraints = [
            models.UniqueConstraint(fields=["interview", "member"], name="one_sheet_per_member")
        ]


class Message(BodyOwnedModel):
    """A mail sent to an applicant, as sent: the log HR reads (replies are out of scope)."""

    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    applicant = models.ForeignKey(Applicant, on_delete=models.CASCADE, related_name="messages")
    subject = models.CharField("件名", max_length=150)
    text = models.TextField("本文")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    queued_at = models.DateTimeField("送信の指示", auto_now_add=True)
    sent_at = models.DateTimeField("送信", null=True, blank=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "応募者へのメール"
        verbose_name_plural = "応募者へのメール"
        ordering = ["-queued_at", "pk"]
