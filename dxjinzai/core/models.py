"""The audit log: who did what to which personal data, and who exported it."""

from django.conf import settings
from django.db import models

from dxjinzai.core.scoping import BodyOwnedModel


class AuditAction(models.TextChoices):
    CREATE = "create", "登録"
    UPDATE = "update", "更新"
    DELETE = "delete", "削除"
    EXPORT = "export", "出力"


class AuditEntry(BodyOwnedModel):
    """監査ログ: one write to, or export of, personal data. Never updated, never deleted."""

    at = models.DateTimeField("日時", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="操作者",
    )
    # Kept as text too, so the entry still says who it was after the account is deleted.
    actor_label = models.CharField("操作者名", max_length=150, blank=True)
    body = models.ForeignKey(
        "organizations.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="団体",
    )
    action = models.CharField("操作", max_length=10, choices=AuditAction.choices)
    target_type = models.CharField("対象の種類", max_length=50)
    target_id = models.CharField("対象ID", max_length=50, blank=True)
    target_label = models.CharField("対象", max_length=200, blank=True)
    changes = models.JSONField("変更内容", default=dict, blank=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "監査ログ"
        verbose_name_plural = "監査ログ"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["body", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.get_action_display()}"
