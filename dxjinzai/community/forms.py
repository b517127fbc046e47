"""Forms of communities, events, posts and comments."""

from __future__ import annotations

from django import forms

from dxjinzai.community.models import Community, Event, Post

_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CommunityForm(forms.ModelForm):
    class Meta:
        model = Community
        fields = ["name", "description", "reach"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "starts_at",
            "ends_at",
            "place",
            "agenda",
            "capacity",
            "material",
        ]
        widgets = {
            "starts_at": _DATETIME,
            "ends_at": _DATETIME,
            "agenda": forms.Textarea(attrs={"rows": 5}),
        }
        labels = {"material": "資料（PDF・画像・Word・Excel・PowerPoint、10MBまで）"}


class PostForm(forms.ModelForm):
    url = forms.URLField(label="リンク", required=False, assume_scheme="https")

    class Meta:
        model = Post
        fields = ["kind", "title", "text", "url"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}


class CommentForm(forms.Form):
    text = forms.CharField(
        label="コメント", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
