"""業務改善: a division's improvement activity, the ④ of 福井県's dashboard (content, not a
count), which the DX division may recommend for an award (クレドアワード)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from dxjinzai.core.scoping import BodyOwnedModel


class Improvement(BodyOwnedModel):
    body = models.ForeignKey("organizations.Body", on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(
        "organizations.Department",
        on_delete=models.PROTECT,
        related_name="improvements",
        verbose_name="所属",
    )
    fiscal_year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("取組名", max_length=150)
    summary = models.TextField("概要")
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("登録日時", auto_now_add=True)
    award_recommended_on = models.DateField("表彰への推薦日", null=True, blank=True)
    award_note = models.CharField("推薦の理由", max_length=300, blank=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "業務改善"
        verbose_name_plural = "業務改善"
        ordering = ["-fiscal_year", "department__code", "-created_at"]

    def __str__(self) -> str:
        return self.title


class SystemKind(models.TextChoices):
    NO_CODE = "no_code", "ノーコード・ローコード"
    RPA = "rpa", "RPA"
    GENERATIVE_AI = "generative_ai", "生成AI活用"
    SCRIPT = "script", "スクリプト・マクロ"


class SystemStatus(models.TextChoices):
    RUNNING = "running", "稼働中"
    STOPPED = "stopped", "停止"


class InHouseSystem(BodyOwnedModel):
    """内製システム (滋賀県): a tool staff built themselves. The register feeds the KPI
    「内製システム数」: a system counts in the fiscal year it went live, and stays counted
    once stopped (it was built)."""

    body = models.ForeignKey("organizations.Body", on_delete=models.CASCADE, related_name="+")
    name = models.CharField("システム名", max_length=150)
    kind = models.CharField("種類", max_length=20, choices=SystemKind.choices)
    department = models.ForeignKey(
        "organizations.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="所属",
    )
    builders = models.CharField("作った職員", max_length=200, help_text="例：山田 太郎、佐藤 花子")
    supporting_expert = models.CharField("支援した専門人材", max_length=100, blank=True)
    went_live_on = models.DateField("稼働開始日")
    users = models.PositiveIntegerField("利用者数", default=0)
    hours_saved_per_year = models.PositiveIntegerField(
        "削減時間（時間／年）", default=0, help_text="見込みでなく、稼働後の実績または測定値。"
    )
    status = models.CharField(
        "状態", max_length=10, choices=SystemStatus.choices, default=SystemStatus.RUNNING
    )
    note = models.CharField("備考", max_length=300, blank=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "内製システム"
        verbose_name_plural = "内製システム"
        ordering = ["-went_live_on", "pk"]

    def __str__(self) -> str:
        return self.name


# --- Improvement projects and proposals (真岡市, 袋井市) -------------------------------------


class ProjectTheme(models.TextChoices):
    INTERNAL = "internal", "内部事務変革"
    EXTERNAL = "external", "外部連携"
    COUNTER = "counter", "窓口改善"


class Project(BodyOwnedModel):
    """改善プロジェクト: a team from several divisions (and partners such as a start-up)
    studying BPR and bringing proposals (真岡市's DX変革プロジェクト, 袋井市's workshop)."""

    body = models.ForeignKey("organizations.Body", on_delete=models.CASCADE, related_name="+")
    name = models.CharField("プロジェクト名", max_length=150)
    theme = models.CharField("テーマ", max_length=10, choices=ProjectTheme.choices)
    fiscal_year = models.PositiveSmallIntegerField("年度")
    description = models.TextField("目的・進め方", blank=True)
    members = models.ManyToManyField(
        "organizations.StaffMember", related_name="+", blank=True, verbose_name="チームの職員"
    )
    partners = models.CharField(
        "外部の参加者", max_length=200, blank=True, help_text="例：スタートアップ企業、大学"
    )

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "改善プロジェクト"
        verbose_name_plural = "改善プロジェクト"
        ordering = ["-fiscal_year", "name"]

    def __str__(self) -> str:
        return self.name


class Milestone(BodyOwnedModel):
    body = models.ForeignKey("organizations.Body", on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField("節目", max_length=150)
    due_on = models.DateField("予定日")
    done_on = models.DateField("完了日", null=True, blank=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "節目"
        verbose_name_plural = "節目"
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class ProjectIssue(BodyOwnedModel):
    """課題: a problem the project's team found (in a workshop, a BPR study, a talk with the
    counter staff). The project's proposals say which issues they answer, so the project has
    the same issue → idea board as an adviser's term, its ideas being its proposals."""

    body = models.ForeignKey("organizations.Body", on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="issues", verbose_name="プロジェクト"
    )
    title = models.CharField("課題", max_length=200)
    detail = models.TextField("詳しく", blank=True)
    created_at = models.DateTimeField("登録日時", auto_now_add=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "プロジェクトの課題"
        verbose_name_plural = "プロジェクトの課題"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class ProposalStage(models.TextChoices):
    """Where a proposal stands on its project's board, in the words of the idea board
    (提案 → 検討中 → 採用 → 実施済 / 見送り): see `rules.proposal_stage`."""

    PROPOSED = "proposed", "提案"
    CONSIDERING = "considering", "検討中"
    ADOPTED = "adopted", "採用"
    DONE = "done", "実施済"
    DROPPED = "dropped", "見送り"


class ProposalDecision(models.TextChoices):
    PENDING = "pending", "審査前"
    ADOPTED = "adopted", "採択"
    CONDITIONAL = "conditional", "条件付採択"
    REJECTED = "rejected", "不採択"


class Implementation(models.TextChoices):
    NOT_STARTED = "not_started", "未着手"
    IN_PROGRESS = "in_progress", "実施中"
    DONE = "done", "実施済"
    STOPPED = "stopped", "中止"


class Proposal(BodyOwnedModel):
    """改善提案: a team's or division's current flow and new flow, the effect it expects,
    the executives' decision, what was carried out and the effect measured after a year,
    and the divisions that adopted it too (横展開). An adopted proposal makes its
    division's improvement (④ of 福井県's dashboard): see `improvement`."""

    body = models.ForeignKey("organizations.Body", on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey(
        Project,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name="プロジェクト",
    )
    department = models.ForeignKey(
        "organizations.Department",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="提案した所属",
    )
    team = models.CharField("提案したチーム", max_length=100, blank=True)
    issues = models.ManyToManyField(
        ProjectIssue, related_name="proposals", blank=True, verbose_name="解決する課題"
    )
    title = models.CharField("提案名", max_length=150)
    summary = models.TextField("概要")
    current_flow = models.TextField("今の業務の流れ")
    current_flow_file = models.FileField(
        "今の流れの図（ファイル）", upload_to="improvements/flows/%Y/", blank=True
    )
    new_flow = models.TextField("新しい業務の流れ")
    new_flow_file = models.FileField(
        "新しい流れの図（ファイル）", upload_to="improvements/flows/%Y/", blank=True
    )
    expected_hours_per_year = models.PositiveIntegerField("見込みの削減時間（時間／年）")
    expected_basis = models.CharField(
        "見込みの根拠", max_length=300, help_text="例：年1,200件 × 1件あたり30分の短縮"
    )
    presented_on = models.DateField("発表日", null=True, blank=True)
    audience = models.CharField(
        "発表の相手", max_length=150, blank=True, help_text="例：市長・幹部職員"
    )
    decision = models.CharField(
        "審査の結果",
        max_length=12,
        choices=ProposalDecision.choices,
        default=ProposalDecision.PENDING,
    )
    decided_on = models.DateField("審査日", null=True, blank=True)
    reviewer = models.CharField("審査した人", max_length=100, blank=True)
    decision_reason = models.CharField("理由・条件", max_length=300, blank=True)
    implementation = models.CharField(
        "実施の状況",
        max_length=12,
        choices=Implementation.choices,
        default=Implementation.NOT_STARTED,
    )
    measured_hours_per_year = models.PositiveIntegerField(
        "実績の削減時間（時間／年）", null=True, blank=True
    )
    measured_on = models.DateField("効果を測った日", null=True, blank=True)
    measured_basis = models.CharField("実績の測り方", max_length=300, blank=True)
    spread_to = models.ManyToManyField(
        "organizations.Department",
        related_name="+",
        blank=True,
        verbose_name="横展開した所属",
    )
    spread_note = models.CharField("他団体への横展開", max_length=300, blank=True)
    improvement = models.OneToOneField(
        Improvement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal",
        verbose_name="業務改善（④）",
    )
    created_at = models.DateTimeField("登録日時", auto_now_add=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "改善提案"
        verbose_name_plural = "改善提案"
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return self.title
