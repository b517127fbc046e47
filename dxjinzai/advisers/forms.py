"""Forms of adviser terms, meetings, the issue → idea board and reports."""

from __future__ import annotations

from typing import Any

from django import forms

from dxjinzai.advisers.models import (
    AdviserContract,
    AdviserTerm,
    Idea,
    IdeaStatus,
    Issue,
    Meeting,
    Partnership,
)
from dxjinzai.core.forms import limit_choices, set_choices

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PartnershipForm(forms.ModelForm):
    class Meta:
        model = Partnership
        fields = ["partner", "concluded_on", "scope"]
        widgets = {"concluded_on": DATE, "scope": forms.Textarea(attrs={"rows": 3})}


class TermForm(forms.ModelForm):
    new_username = forms.CharField(
        label="新しいアカウントのユーザー名",
        max_length=150,
        required=False,
        help_text="アドバイザーがログインして記録するときに作ります（半角英数字）。",
    )
    new_password = forms.CharField(
        label="その初期パスワード",
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text="12文字以上。本人に伝え、最初のログイン後に変更してもらってください。",
    )

    class Meta:
        model = AdviserTerm
        fields = [
            "title",
            "theme",
            "adviser_name",
            "partnership",
            "starts_on",
            "ends_on",
            "fee",
            "adviser",
            "note",
        ]
        widgets = {"starts_on": DATE, "ends_on": DATE}
        help_texts = {"ends_on": "空欄なら開始日から4か月（三宅町の任期）。"}

    def __init__(self, *args: Any, partnerships: Any, accounts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ends_on"].required = False
        limit_choices(self, "partnership", partnerships)
        limit_choices(self, "adviser", accounts, label=lambda u: u.get_full_name() or u.username)
        adviser = self.fields["adviser"]
        assert isinstance(adviser, forms.ModelChoiceField)
        adviser.empty_label = "なし（または下で新しく作る）"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("new_username") and data.get("adviser"):
            self.add_error("new_username", "既存のアカウントを選んだときは空欄にしてください。")
        if data.get("new_username") and not data.get("new_password"):
            self.add_error("new_password", "初期パスワードを入力してください。")
        return data


class RenewForm(forms.Form):
    starts_on = forms.DateField(label="次の任期の開始日", widget=DATE)
    ends_on = forms.DateField(label="次の任期の終了日", widget=DATE)
    fee = forms.IntegerField(label="報酬（円・任期の総額）", min_value=0)


class ContractForm(forms.ModelForm):
    class Meta:
        model = AdviserContract
        fields = ["subject", "amount", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE}


class MeetingForm(forms.ModelForm):
    issue_lines = forms.CharField(
        label="この回で出た課題（1行に1件）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="課題ボードに1件ずつ登録されます。あとから1件ずつ修正できます。",
    )

    class Meta:
        model = Meeting
        fields = ["held_on", "attendees", "minutes", "attachment"]
        widgets = {"held_on": DATE, "minutes": forms.Textarea(attrs={"rows": 6})}
        labels = {"attachment": "資料（PDF・画像・Word・Excel・PowerPoint、10MBまで）"}

    def clean_issue_lines(self) -> list[str]:
        return [line for line in self.cleaned_data["issue_lines"].splitlines() if line.strip()]


class IssueForm(forms.ModelForm):
    class Meta:
        model = Issue
        fields = ["title", "detail", "meeting"]
        widgets = {"detail": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "meeting", meetings, label=_meeting_label)


class IdeaForm(forms.ModelForm):
    class Meta:
        model = Idea
        fields = ["title", "detail", "issues", "meeting", "owner_department"]
        widgets = {
            "detail": forms.Textarea(attrs={"rows": 3}),
            "issues": forms.CheckboxSelectMultiple,
        }

    def __init__(
        self, *args: Any, issues: Any, meetings: Any, departments: Any | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(
            self, "issues", issues, label=lambda issue: f"No.{issue.number} {issue.title}"
        )
        limit_choices(self, "meeting", meetings, label=_meeting_label)
        # The owner division is the town's decision: its officers set it, the adviser does not.
        if departments is None:
            del self.fields["owner_department"]
        else:
            limit_choices(self, "owner_department", departments, natural=True)


def _meeting_label(meeting: Meeting) -> str:
    return f"{meeting.held_on:%Y年%-m月%-d日}（{meeting.attendees[:20]}）"


class IdeaMoveForm(forms.Form):
    status = forms.ChoiceField(label="状態")

    def __init__(self, *args: Any, moves: tuple[str, ...] = tuple(IdeaStatus), **kwargs: Any):
        super().__init__(*args, **kwargs)
        set_choices(self, "status", [(s, IdeaStatus(s).label) for s in moves])


class ReportForm(forms.Form):
    text = forms.CharField(label="報告", widget=forms.Textarea(attrs={"rows": 10}))
    attachment = forms.FileField(
        label="添付資料（PDF・画像・Word・Excel・PowerPoint、10MBまで）", required=False
    )
