"""コミュニティ (滋賀県's DX推進コミュニティ, 広島県's CDOフォーラム, 北海道's intranet page):
communities open to one body or to the whole consortium, their events (勉強会, フォーラム,
報告会) with registration and attendance across bodies, and posts (good practices,
recommended content, exam dates) with comments."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

from dxjinzai.core.scoping import BodyOwnedModel


class Reach(models.TextChoices):
    BODY = "body", "この団体の職員"
    CONSORTIUM = "consortium", "連携協議会の全団体の職員"


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class Community(BodyOwnedModel):
    body = models.ForeignKey("organizations.Body", on_delete=models.CASCADE, related_name="+")
    name = models.CharField("名称", max_length=100)
    description = models.TextField("目的・活動", blank=True)
    reach = models.CharField("参加できる人", max_length=12, choices=Reach.choices)
    # The secret of the community's calendar feed (a calendar app cannot sign in).
    calendar_token = models.CharField(max_length=64, default=_new_token, unique=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "コミュニティ"
        verbose_name_plural = "コミュニティ"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class EventKind(models.TextChoices):
    STUDY = "study", "勉強会"
    FORUM = "forum", "フォーラム"
    REPORT = "report", "報告会"


class Event(BodyOwnedModel):
    body = models.ForeignKey("organizations.Body", on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="events", verbose_name="コミュニティ"
    )
    kind = models.CharField("種類", max_length=10, choices=EventKind.choices)
    title = models.CharField("名称", max_length=150)
    starts_at = models.DateTimeField("開始")
    ends_at = models.DateTimeField("終了")
    place = models.CharField("場所", max_length=200, help_text="会場、またはオンライン")
    agenda = models.TextField("次第", blank=True)
    capacity = models.PositiveIntegerField("定員", null=True, blank=True)
    material = models.FileField("資料", upload_to="community/materials/%Y/", blank=True)
    material_name = models.CharField(max_length=200, blank=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "イベント"
        verbose_name_plural = "イベント"
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return self.title


class Registration(BodyOwnedModel):
    """A person's registration to an event (from any body the community is open to). The
    organising body owns the roster, as it does a joint training's."""

    body = models.ForeignKey("organizations.Body", on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    staff = models.ForeignKey(
        "organizations.StaffMember", on_delete=models.CASCADE, related_name="+"
    )
    registered_at = models.DateTimeField("登録日時", auto_now_add=True)
    attended = models.BooleanField("出席", default=False)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "参加登録"
        verbose_name_plural = "参加登録"
        ordering = ["registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "staff"], name="one_registration_a_person")
        ]


class PostKind(models.TextChoices):
    PRACTICE = "practice", "取組の紹介"
    CONTENT = "content", "おすすめの教材"
    EXAM = "exam", "試験の案内"
    OTHER = "other", "その他"


class Post(BodyOwnedModel):
    body = models.ForeignKey("organizations.Body", on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Who wrote it, as the readers of other bodies read it: 「浜松市 山田 太郎」.
    author_label = models.CharField(max_length=150)
    kind = models.CharField("種類", max_length=10, choices=PostKind.choices)
    title = models.CharField("題名", max_length=150)
    text = models.TextField("本文", max_length=4000)
    url = models.URLField("リンク", blank=True)
    created_at = models.DateTimeField("投稿日時", auto_now_add=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "投稿"
        verbose_name_plural = "投稿"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class Comment(BodyOwnedModel):
    body = models.ForeignKey("organizations.Body", on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_label = models.CharField(max_length=150)
    text = models.TextField("コメント", max_length=2000)
    created_at = models.DateTimeField("投稿日時", auto_now_add=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "コメント"
        verbose_name_plural = "コメント"
        ordering = ["created_at", "pk"]
