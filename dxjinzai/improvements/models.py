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
