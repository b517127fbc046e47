"""Expert dispatch (CASES.md case 4): schemes, experts, requests and activities."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from dxjinzai.core.scoping import BodyOwnedModel
from dxjinzai.dispatch.rules import MINUTES_IN_A_DAY


class DispatchScheme(BodyOwnedModel):
    """A prefecture's expert scheme (静岡県 ICTエキスパート派遣) and its honorarium rule."""

    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    name = models.CharField("制度名", max_length=100)
    fields_catalogue = models.JSONField("専門分野の一覧", default=list)
    threshold_minutes = models.PositiveIntegerField("定額になる活動時間（分）", default=240)
    amount_at_threshold = models.PositiveIntegerField("定額の謝金（円）", default=20_000)
    hourly_amount = models.PositiveIntegerField("時間単価（円）", default=5_000)
    unit_minutes = models.PositiveIntegerField("時間の単位（分）", default=30)
    rounding = models.CharField(
        "端数の扱い",
        max_length=10,
        default="down",
        choices=[
            ("down", "切り捨て（始めた単位は支払わない）"),
            ("up", "切り上げ"),
            ("half_up", "半分以上で切り上げ"),
        ],
    )
    travel_rule = models.CharField(
        "旅費の決め方",
        max_length=20,
        default="actual",
        choices=[("actual", "実費"), ("fixed", "定額"), ("distance_band", "距離区分")],
    )
    travel_fixed_amount = models.PositiveIntegerField("定額の旅費（円）", default=0)
    travel_bands = models.JSONField("距離区分（[上限km, 円] の並び）", default=list, blank=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "派遣制度"
        verbose_name_plural = "派遣制度"

    def __str__(self) -> str:
        return self.name

    def honorarium_rule(self):  # type: ignore[no-untyped-def]
        from dxjinzai.dispatch.rules import HonorariumRule, Rounding

        return HonorariumRule(
            threshold_minutes=self.threshold_minutes,
            amount_at_threshold=self.amount_at_threshold,
            hourly_amount=self.hourly_amount,
            unit_minutes=self.unit_minutes,
            rounding=Rounding(self.rounding),
        )

    def travel_scheme(self):  # type: ignore[no-untyped-def]
        from dxjinzai.dispatch.rules import TravelRule, TravelScheme

        return TravelScheme(
            rule=TravelRule(self.travel_rule),
            fixed_amount=self.travel_fixed_amount,
            bands=tuple((int(km), int(yen)) for km, yen in self.travel_bands),
        )


class Expert(BodyOwnedModel):
    """An expert of the registry. `body` is the scheme's body, which keeps the record."""

    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    scheme = models.ForeignKey(DispatchScheme, on_delete=models.PROTECT, related_name="experts")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expert_record",
        verbose_name="ログインアカウント",
    )
    name = models.CharField("氏名", max_length=100)
    kana = models.CharField("フリガナ", max_length=100, blank=True)
    affiliation = models.CharField("所属", max_length=200, blank=True)
    fields = models.JSONField("専門分野", default=list)
    # The same skill items and qualification catalogue as the talent framework (issue 4).
    skill_items = models.ManyToManyField(
        "skills.SkillItem", blank=True, related_name="+", verbose_name="スキル"
    )
    qualifications = models.ManyToManyField(
        "skills.Qualification", blank=True, related_name="+", verbose_name="保有資格"
    )
    areas = models.CharField("対応地域", max_length=200, blank=True)
    online = models.BooleanField("オンライン可", default=True)
    onsite = models.BooleanField("訪問可", default=True)
    monthly_cap = models.PositiveSmallIntegerField("月の上限件数", default=4)
    yearly_cap = models.PositiveSmallIntegerField("年度の上限件数", default=20)
    # A public servant paid by their own body may not take an honorarium.
    honorarium_eligible = models.BooleanField("謝金の支払対象", default=True)
    # Payee details: shown only to the scheme's paying officers (body admins of the scheme).
    payee_name = models.CharField("口座名義", max_length=100, blank=True)
    bank_account = models.CharField("振込先口座", max_length=200, blank=True)
    is_active = models.BooleanField("登録中", default=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "専門家"
        verbose_name_plural = "専門家"
        ordering = ["kana", "name"]

    def __str__(self) -> str:
        return self.name


class ExpertUnavailableDay(models.Model):
    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="unavailable_days")
    day = models.DateField("対応できない日")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["expert", "day"], name="unique_unavailable_day")
        ]

    def __str__(self) -> str:
        return f"{self.expert} {self.day}"


class RequestStatus(models.TextChoices):
    RECEIVED = "received", "受付"
    ARRANGING = "arranging", "調整中"
    DECIDED = "decided", "派遣決定"
    DONE = "done", "実施済"
    REPORTED = "reported", "報告済"
    WITHDRAWN = "withdrawn", "取下げ"
    FAILED = "failed", "不成立"


class DispatchRequest(BodyOwnedModel):
    """派遣依頼. `body` is the scheme's body (it owns the record); `requester` asked."""

    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    scheme = models.ForeignKey(DispatchScheme, on_delete=models.PROTECT, related_name="requests")
    requester = models.ForeignKey(
        "organizations.Body",
        on_delete=models.PROTECT,
        related_name="dispatch_requests",
        verbose_name="依頼団体",
    )
    contact_name = models.CharField("担当者", max_length=100)
    contact_email = models.EmailField("連絡先メールアドレス")
    theme = models.CharField("テーマ", max_length=200)
    fields = models.JSONField("必要な専門分野", default=list)
    desired_date = models.DateField("希望日")
    # The second and third choices, as ISO dates; the expert's date is the first they can.
    alternative_dates = models.JSONField("第2・第3希望日", default=list, blank=True)
    decided_date = models.DateField("実施予定日", null=True, blank=True)
    place = models.CharField("場所", max_length=200, blank=True)
    online = models.BooleanField("オンライン", default=False)
    expected_minutes = models.PositiveIntegerField("想定時間（分）", default=120)
    participants = models.PositiveIntegerField("参加予定人数", default=0)
    status = models.CharField(
        "状態", max_length=10, choices=RequestStatus.choices, default=RequestStatus.RECEIVED
    )
    expert = models.ForeignKey(
        Expert,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name="派遣する専門家",
    )
    expert_confirmed_at = models.DateTimeField("専門家の日程承諾", null=True, blank=True)
    # The day the request was received (an e-mail keyed in later keeps its own day); the
    # record's own creation time is created_at.
    received_on = models.DateField("受付日", null=True, blank=True)
    created_at = models.DateTimeField("受付日時", auto_now_add=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "派遣依頼"
        verbose_name_plural = "派遣依頼"
        ordering = ["-received_on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.requester} {self.theme}"

    def clean(self) -> None:
        if not self.fields:
            raise ValidationError({"fields": "必要な専門分野を1つ以上選んでください。"})

    @property
    def awaits_expert_acceptance(self) -> bool:
        """An expert with an account has not yet accepted the decided date (日程の承諾);
        until they do, no activity is recorded (rules.activity_date_problem)."""
        expert = self.expert
        return (
            expert is not None and expert.user_id is not None and self.expert_confirmed_at is None
        )

    @property
    def desired_dates(self) -> list[date]:
        """The requester's choices in order: 第1希望, then the alternatives."""
        return [self.desired_date, *(date.fromisoformat(d) for d in self.alternative_dates)]

    @property
    def scheduled_date(self) -> date:
        """The day it takes place: the decided one, else the first choice."""
        return self.decided_date or self.desired_date


class Activity(BodyOwnedModel):
    """派遣実績: one activity of an expert for a request (several per request possible)."""

    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    request = models.ForeignKey(
        DispatchRequest, on_delete=models.PROTECT, related_name="activities"
    )
    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="activities")
    day = models.DateField("実施日")
    minutes = models.PositiveIntegerField(
        "活動時間（分）", blank=True, help_text="開始・終了時刻を入れると、そこから計算します。"
    )
    place = models.CharField("場所", max_length=200, blank=True)
    participants = models.PositiveIntegerField("参加人数", default=0)
    summary = models.TextField("実施内容", blank=True)
    start_time = models.TimeField("開始時刻", null=True, blank=True)
    end_time = models.TimeField("終了時刻", null=True, blank=True)
    distance_km = models.PositiveIntegerField("移動距離（km）", null=True, blank=True)
    travel_amount = models.PositiveIntegerField("旅費（円・実費のとき）", default=0)
    travel_paid_to_carrier = models.BooleanField(
        "旅費は交通機関・宿泊先へ直接支払",
        default=False,
        help_text="直接支払の旅費は源泉徴収の対象外です。",
    )
    feedback_score = models.PositiveSmallIntegerField("依頼者の評価（1〜5）", null=True, blank=True)
    feedback = models.TextField("依頼者の感想", blank=True)
    report = models.TextField("専門家の報告", blank=True)
    reported = models.BooleanField("専門家の報告済み", default=False)
    paid_on = models.DateField("謝金の支払日", null=True, blank=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "派遣実績"
        verbose_name_plural = "派遣実績"
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{self.day} {self.expert}"

    def clean(self) -> None:
        if self.start_time and self.end_time:
            if self.end_time <= self.start_time:
                raise ValidationError({"end_time": "終了時刻は開始時刻より後にしてください。"})
            # Times, when given, decide the length: the record then cannot contradict itself.
            self.minutes = (self.end_time.hour * 60 + self.end_time.minute) - (
                self.start_time.hour * 60 + self.start_time.minute
            )
        if self.minutes is None:
            raise ValidationError({"minutes": "活動時間、または開始・終了時刻を入力してください。"})
        if not 0 < self.minutes <= MINUTES_IN_A_DAY:
            raise ValidationError(
                {"minutes": "活動時間は0分より長く24時間以内で入力してください。"}
            )
        if self.feedback_score is not None and not 1 <= self.feedback_score <= 5:
            raise ValidationError({"feedback_score": "評価は1から5で入力してください。"})


class SubmissionStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", "メール確認待ち"
    REVIEW = "review", "審査待ち"
    ACCEPTED = "accepted", "受付済"
    REJECTED = "rejected", "不受理"


class PublicSubmission(BodyOwnedModel):
    """A request from the public form (schools, boards, universities, NPOs without an
    account). It becomes a DispatchRequest only after the e-mail is confirmed and the
    operator has reviewed the new requester."""

    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    scheme = models.ForeignKey(DispatchScheme, on_delete=models.PROTECT, related_name="submissions")
    organisation = models.CharField("団体・学校名", max_length=200)
    organisation_kind = models.CharField("種別", max_length=20)
    contact_name = models.CharField("担当者", max_length=100)
    contact_email = models.EmailField("メールアドレス")
    theme = models.CharField("テーマ", max_length=200)
    fields = models.JSONField("必要な専門分野", default=list)
    desired_date = models.DateField("希望日")
    alternative_dates = models.JSONField("第2・第3希望日", default=list, blank=True)
    online = models.BooleanField("オンライン", default=False)
    place = models.CharField("場所", max_length=200, blank=True)
    expected_minutes = models.PositiveIntegerField("想定時間（分）", default=120)
    participants = models.PositiveIntegerField("参加予定人数", default=0)
    token = models.CharField(max_length=64, unique=True)
    remote_address = models.GenericIPAddressField(null=True, blank=True)
    status = models.CharField(
        "状態",
        max_length=12,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.UNCONFIRMED,
    )
    created_at = models.DateTimeField("受付日時", auto_now_add=True)
    request = models.OneToOneField(
        DispatchRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="submission"
    )

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "公開フォームの依頼"
        verbose_name_plural = "公開フォームの依頼"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.organisation} {self.theme}"
