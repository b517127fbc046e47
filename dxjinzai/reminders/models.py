"""A person's reminders (the daily digest and a private calendar feed), what the digest has
already announced to whom, and each body's feed of joint sessions."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from dxjinzai.core.scoping import BodyOwnedModel


class ReminderSettings(models.Model):
    """Whether the person receives the daily digest, and the secret of their calendar feed
    (empty: no feed). Created with the defaults the first time it is read."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_settings"
    )
    digest = models.BooleanField("毎朝、新しい対応待ちをメールで受け取る", default=True)
    calendar_token = models.CharField(max_length=64, unique=True, null=True, blank=True)

    class Meta:
        verbose_name = "お知らせの設定"
        verbose_name_plural = "お知らせの設定"

    def __str__(self) -> str:
        return str(self.user)


class DigestSent(models.Model):
    """One item the digest announced to one person: it is never announced to them again."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=150)
    sent_on = models.DateField("送信日")

    class Meta:
        verbose_name = "お知らせ済みの項目"
        verbose_name_plural = "お知らせ済みの項目"
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="digest_item_sent_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.key}"


class DigestRunStatus(models.TextChoices):
    RUNNING = "running", "送信中"
    DONE = "done", "完了"
    FAILED = "failed", "中断"


class DigestRun(models.Model):
    """One morning's sending of digests: when, how many mails, and how it ended. A run its
    worker abandoned is marked 中断 by the next one (reminders.services)."""

    day = models.DateField("対象日")
    started_at = models.DateTimeField("開始日時", auto_now_add=True)
    finished_at = models.DateTimeField("終了日時", null=True, blank=True)
    status = models.CharField(
        "状態", max_length=10, choices=DigestRunStatus.choices, default=DigestRunStatus.RUNNING
    )
    people = models.PositiveIntegerField("確認した人数", default=0)
    mails = models.PositiveIntegerField("送信したメール", default=0)

    class Meta:
        verbose_name = "お知らせメールの送信"
        verbose_name_plural = "お知らせメールの送信"
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.day} {self.get_status_display()}"


class BodyCalendar(BodyOwnedModel):
    """The secret of a body's feed of joint sessions (連携協議会の合同研修), which its HR
    hands to whoever keeps the body's shared calendar."""

    body = models.OneToOneField(
        "organizations.Body", on_delete=models.CASCADE, related_name="calendar"
    )
    token = models.CharField(max_length=64, unique=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "団体の研修カレンダー"
        verbose_name_plural = "団体の研修カレンダー"

    def __str__(self) -> str:
        return str(self.body)
