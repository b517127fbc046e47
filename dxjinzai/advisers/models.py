"""外部アドバイザー (三宅町): side-job professionals taken on through a partner firm under a
comprehensive agreement (包括連携協定), each on a fixed term with a theme; their meetings, the
issues (課題) and ideas (解決アイデア) the meetings produce, the term's report, and the
conversion of an adviser to a contract (業務委託)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from dxjinzai.core.scoping import BodyOwnedModel


class Theme(models.TextChoices):
    DX = "dx", "DX"
    EFFICIENCY = "efficiency", "業務効率化"
    EBPM = "ebpm", "EBPM"
    HR_STRATEGY = "hr_strategy", "人事・採用戦略"
    PUBLIC_RELATIONS = "public_relations", "広報戦略"
    RECORDS = "records", "文書管理"
    OTHER = "other", "その他"


class Partnership(BodyOwnedModel):
    """包括連携協定: the agreement with the firm that refers the advisers."""

    body = models.ForeignKey("organizations.Body", on_delete=models.CASCADE, related_name="+")
    partner = models.CharField("連携先", max_length=100)
    concluded_on = models.DateField("締結日")
    scope = models.TextField("連携の範囲", blank=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "包括連携協定"
        verbose_name_plural = "包括連携協定"
        ordering = ["-concluded_on", "pk"]

    def __str__(self) -> str:
        return self.partner


class AdviserTerm(BodyOwnedModel):
    """One adviser's fixed term (任期) on one theme. A renewal is a new term pointing to the
    one it follows, so each term keeps its own meetings, board and report."""

    body = models.ForeignKey("organizations.Body", on_delete=models.CASCADE, related_name="+")
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="terms",
        verbose_name="包括連携協定",
    )
    adviser_name = models.CharField("アドバイザー氏名", max_length=100)
    # The adviser's sign-in (role 外部アドバイザー on the body); a term may have none.
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="アカウント",
    )
    theme = models.CharField("テーマ", max_length=20, choices=Theme.choices)
    title = models.CharField("名称", max_length=100, help_text="例：DXアドバイザー")
    starts_on = models.DateField("任期の開始日")
    ends_on = models.DateField("任期の終了日")
    fee = models.PositiveIntegerField("報酬（円・任期の総額）", default=0)
    previous = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewal",
        verbose_name="前の任期",
    )
    note = models.CharField("備考", max_length=300, blank=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "アドバイザーの任期"
        verbose_name_plural = "アドバイザーの任期"
        ordering = ["-starts_on", "pk"]

    def __str__(self) -> str:
        return f"{self.title}（{self.adviser_name}）"


class AdviserContract(BodyOwnedModel):
    """業務委託: what an adviser's term became; the term and its history stay."""

    body = models.ForeignKey("organizations.Body", on_delete=models.CASCADE, related_name="+")
    term = models.OneToOneField(
        AdviserTerm, on_delete=models.PROTECT, related_name="contract", verbose_name="任期"
    )
    subject = models.CharField("委託の内容", max_length=200)
    amount = models.PositiveIntegerField("委託金額（円）")
    starts_on = models.DateField("契約の開始日")
    ends_on = models.DateField("契約の終了日")

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "業務委託"
        verbose_name_plural = "業務委託"

    def __str__(self) -> str:
        return self.subject


class Meeting(BodyOwnedModel):
    body = models.ForeignKey("organizations.Body", on_delete=models.CASCADE, related_name="+")
    term = models.ForeignKey(
        AdviserTerm, on_delete=models.CASCADE, related_name="meetings", verbose_name="任期"
    )
    held_on = models.DateField("開催日")
    attendees = models.CharField("出席者", max_length=300)
    minutes = models.TextField("議事メモ", blank=True)
    attachment = models.FileField("資料", upload_to="advisers/meetings/%Y/", blank=True)
    attachment_name = models.CharField(max_length=200, blank=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "ミーティング"
        verbose_name_plural = "ミーティング"
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} のミーティング"


class Issue(BodyOwnedModel):
    """課題: a problem raised in a meeting (or between meetings)."""

    body = models.ForeignKey("organizations.Body", on_delete=models.CASCADE, related_name="+")
    term = models.ForeignKey(
        AdviserTerm, on_delete=models.CASCADE, related_name="issues", verbose_name="任期"
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="issues",
        verbose_name="出たミーティング",
    )
    title = models.CharField("課題", max_length=200)
    detail = models.TextField("詳しく", blank=True)
    created_at = models.DateTimeField("登録日時", auto_now_add=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "課題"
        verbose_name_plural = "課題"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class IdeaStatus(models.TextChoices):
    PROPOSED = "proposed", "提案"
    CONSIDERING = "considering", "検討中"
    ADOPTED = "adopted", "採用"
    DONE = "done", "実施済"
    DROPPED = "dropped", "見送り"


class Idea(BodyOwnedModel):
    """解決アイデア: answers one or more issues; the town decides its fate."""

    body = models.ForeignKey("organizations.Body", on_delete=models.CASCADE, related_name="+")
    term = models.ForeignKey(
        AdviserTerm, on_delete=models.CASCADE, related_name="ideas", verbose_name="任期"
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name="出たミーティング",
    )
    issues = models.ManyToManyField(Issue, related_name="ideas", verbose_name="解決する課題")
    title = models.CharField("解決アイデア", max_length=200)
    detail = models.TextField("詳しく", blank=True)
    status = models.CharField(
        "状態", max_length=12, choices=IdeaStatus.choices, default=IdeaStatus.PROPOSED
    )
    owner_department = models.ForeignKey(
        "organizations.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="担当所属",
    )
    created_at = models.DateTimeField("登録日時", auto_now_add=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "解決アイデア"
        verbose_name_plural = "解決アイデア"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class TermReport(BodyOwnedModel):
    """The term's report (各期報告): filed by the adviser, accepted by the town's officer."""

    body = models.ForeignKey("organizations.Body", on_delete=models.CASCADE, related_name="+")
    term = models.OneToOneField(
        AdviserTerm, on_delete=models.CASCADE, related_name="report", verbose_name="任期"
    )
    text = models.TextField("報告")
    attachment = models.FileField("添付資料", upload_to="advisers/reports/%Y/", blank=True)
    attachment_name = models.CharField(max_length=200, blank=True)
    filed_at = models.DateTimeField("提出日時")
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_on = models.DateField("受理日", null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "任期の報告"
        verbose_name_plural = "任期の報告"

    def __str__(self) -> str:
        return f"{self.term} の報告"
