"""The audit log: who did what to which personal data, and who exported it."""

from django.conf import settings
from django.db import models

from dxjinzai.core.scoping import BodyOwnedModel


class AuditAction(models.TextChoices):
    CREATE = "create", "登録"
    UPDATE = "update", "更新"
    DELETE = "delete", "削除"
    EXPORT = "export", "出力"
    IMPORT = "import", "取込"


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


class AccessRecord(BodyOwnedModel):
    """閲覧記録: an official opened a person's record or a list of personal data, or
    downloaded one. Kept for ACCESS_RECORD_RETENTION, then deleted by cleanup_jobs; a
    person reading their own record is not recorded (core.access_records)."""

    at = models.DateTimeField("日時", auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="閲覧者",
    )
    actor_label = models.CharField("閲覧者名", max_length=150)
    body = models.ForeignKey(
        "organizations.Body", on_delete=models.CASCADE, related_name="+", verbose_name="団体"
    )
    kind = models.CharField("画面", max_length=50)
    target = models.CharField("対象", max_length=200, blank=True)
    path = models.CharField("URL", max_length=500)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "閲覧記録"
        verbose_name_plural = "閲覧記録"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["body", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.kind}"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "待機中"
    RUNNING = "running", "処理中"
    DONE = "done", "完了"
    FAILED = "failed", "失敗"


class ImportRun(BodyOwnedModel):
    """One upload of a spreadsheet into a body: its options, progress and full report.

    The report lists every row's outcome (created, updated with before → after, retired,
    rejected with reasons), so it is also the detailed audit record of the import.
    """

    kind = models.CharField("種類", max_length=30)
    body = models.ForeignKey("organizations.Body", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("受付日時", auto_now_add=True)
    filename = models.CharField("ファイル名", max_length=255)
    stored_file = models.CharField(max_length=255, blank=True)
    options = models.JSONField(default=dict)
    status = models.CharField(
        "状態", max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    phase = models.CharField("処理段階", max_length=50, blank=True)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict)
    problems = models.JSONField(default=list)
    report = models.JSONField(default=dict)
    message = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The last sign of life of the process working on the run (core.import_runs).
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    # The background task that runs it, when it runs in the worker.
    task_id = models.CharField(max_length=64, blank=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "取込"
        verbose_name_plural = "取込"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename}（{self.created_at:%Y-%m-%d %H:%M}）"

    @property
    def percent(self) -> int:
        if self.status == ImportStatus.DONE:
            return 100
        if not self.total_rows:
            return 0
        return min(99, self.processed_rows * 100 // self.total_rows)

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)

    @property
    def kind_label(self) -> str:
        return IMPORT_KIND_LABELS.get(self.kind, self.kind)


# What each kind of import reads; the apps that run them use these keys.
IMPORT_KIND_LABELS = {
    "staff": "職員",
    "completions": "研修の修了記録",
    "qualifications": "保有資格",
}
# The page (URL name) where each kind of import is started, to start one again.
IMPORT_KIND_PAGES = {
    "staff": "staff_import",
    "completions": "records_import",
    "qualifications": "records_import",
}


class TokenScope(models.TextChoices):
    READ = "read", "参照のみ"
    WRITE = "write", "参照・更新"


class ApiToken(BodyOwnedModel):
    """A body's key for the REST API (personnel-system sync). Only its hash is stored."""

    body = models.ForeignKey("organizations.Body", on_delete=models.CASCADE, related_name="+")
    name = models.CharField("用途", max_length=100)
    scope = models.CharField("範囲", max_length=10, choices=TokenScope.choices)
    prefix = models.CharField("先頭8文字", max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="発行者"
    )
    created_at = models.DateTimeField("発行日時", auto_now_add=True)
    last_used_at = models.DateTimeField("最終利用", null=True, blank=True)
    revoked_at = models.DateTimeField("失効日時", null=True, blank=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "APIトークン"
        verbose_name_plural = "APIトークン"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"


class SignedInSession(models.Model):
    """A place where a person is signed in (a browser on a PC): listed on their own page so
    they can end the ones they do not recognise or left open. Not a body's record: each
    person sees only their own."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name="本人"
    )
    session_key = models.CharField(max_length=40, unique=True)
    started_at = models.DateTimeField("ログインした日時")
    last_seen_at = models.DateTimeField("最後の操作")
    ip_address = models.GenericIPAddressField("接続元", null=True, blank=True)
    user_agent = models.CharField("ブラウザ", max_length=300, blank=True)

    class Meta:
        verbose_name = "ログイン中のセッション"
        verbose_name_plural = "ログイン中のセッション"
        ordering = ["-last_seen_at"]

    def __str__(self) -> str:
        return f"{self.user} {self.started_at:%Y-%m-%d %H:%M}"


class PasswordResetRequest(models.Model):
    """A request for a password link, kept a day to limit how many mails one address, or
    one client, can make the platform send (the address itself is kept only as a hash)."""

    at = models.DateTimeField(db_index=True)
    address_hash = models.CharField(max_length=64, db_index=True)
    remote_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = "パスワード再設定の申込み"
        verbose_name_plural = "パスワード再設定の申込み"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.remote_address or ''}"
