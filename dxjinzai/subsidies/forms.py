"""Forms of the exam-fee subsidy; the rules live in services."""

from __future__ import annotations

from typing import Any

from django import forms

from dxjinzai.core.forms import limit_choices
from dxjinzai.skills.models import Qualification
from dxjinzai.subsidies.models import SubsidyScheme

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SchemeForm(forms.ModelForm):
    class Meta:
        model = SubsidyScheme
        fields = [
            "qualifications",
            "rate",
            "rounding",
            "cap_per_person",
            "attempts",
            "budget",
            "pays_on_fail",
        ]
        widgets = {"qualifications": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, qualifications: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "qualifications", qualifications)


class ApplyForm(forms.Form):
    qualification = forms.ModelChoiceField(
        label="受験する資格", queryset=Qualification.objects.none()
    )
    exam_on = forms.DateField(label="受験日", widget=DATE)
    fee = forms.IntegerField(label="受験料（円）", min_value=1)
    receipt = forms.FileField(label="領収書（PDF・画像、10MBまで）", required=False)

    def __init__(self, *args: Any, qualifications: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "qualification", qualifications)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="判断", choices=[("approve", "承認する"), ("refuse", "不承認にする")]
    )
    note = forms.CharField(label="不承認の理由", max_length=200, required=False)


class ResultForm(forms.Form):
    result = forms.ChoiceField(
        label="結果", choices=[("passed", "合格"), ("failed", "不合格")], widget=forms.RadioSelect
    )
    certificate_number = forms.CharField(label="合格証書の番号（合格のとき）", required=False)
    sitting = forms.CharField(label="回次（例：2024#1、あれば）", required=False, max_length=20)


class PaymentForm(forms.Form):
    paid_on = forms.DateField(label="支払日", widget=DATE)
