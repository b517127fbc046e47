"""Forms of 挑戦制度: the call (HR), an application (the person), a decision (HR)."""

from __future__ import annotations

from typing import Any

from django import forms

from dxjinzai.careers.models import Decision
from dxjinzai.careers.rules import fields_from_lines
from dxjinzai.core.forms import set_choices

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CallForm(forms.Form):
    fiscal_year = forms.IntegerField(label="年度（西暦）", min_value=2000, max_value=2100)
    offered_fields = forms.CharField(
        label="公募する分野（1行に1つ）",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="例：ICT・DX分野",
    )
    opens_on = forms.DateField(label="受付開始日", widget=DATE)
    closes_on = forms.DateField(label="受付終了日", widget=DATE)
    min_years_of_service = forms.IntegerField(
        label="応募できる勤続年数",
        min_value=0,
        max_value=40,
        initial=0,
        help_text="ジョブローテーションを終えた職員に限るときの、採用からの年数（0なら制限なし）。",
    )
    description = forms.CharField(
        label="公募の内容", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean_offered_fields(self) -> list[str]:
        return fields_from_lines(self.cleaned_data["offered_fields"])


class ApplyForm(forms.Form):
    field = forms.ChoiceField(label="希望する分野")
    statement = forms.CharField(
        label="志望の理由とキャリアの計画",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args: Any, fields: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "field", [(f, f) for f in fields])


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label="結果",
        choices=[
            (Decision.ACCEPTED, Decision.ACCEPTED.label),
            (Decision.DECLINED, Decision.DECLINED.label),
        ],
    )
    reason = forms.CharField(label="理由・条件", max_length=300, required=False)
