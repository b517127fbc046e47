"""Forms of frameworks, holdings and the qualification register; rules live in services."""

from __future__ import annotations

from typing import Any

from django import forms

from dxjinzai.skills.models import HoldingSource, Level, Qualification, RoleClass, TalentType
from dxjinzai.skills.presets import PRESETS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PresetLoadForm(forms.Form):
    key = forms.ChoiceField(
        label="既定のフレームワーク",
        choices=[
            (p.key, p.name + ("（国の参考標準）" if p.is_reference else ""))
            for p in PRESETS.values()
        ],
    )
    shared_with_consortium = forms.BooleanField(label="連携協議会の団体と共有する", required=False)


class TalentHoldingForm(forms.Form):
    talent_type = forms.ModelChoiceField(
        label="人材像", queryset=TalentType.objects.none(), required=False
    )
    level = forms.ModelChoiceField(label="レベル", queryset=Level.objects.none(), required=False)
    role_class = forms.ModelChoiceField(
        label="役割区分", queryset=RoleClass.objects.none(), required=False
    )
    since = forms.DateField(label="取得日", widget=DATE)
    source = forms.ChoiceField(label="根拠", choices=HoldingSource.choices)
    source_note = forms.CharField(label="根拠の詳細", max_length=200, required=False)

    def __init__(self, *args: Any, choices: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, key in (
            ("talent_type", "talent_types"),
            ("level", "levels"),
            ("role_class", "role_classes"),
        ):
            field = self.fields[name]
            field.queryset = choices[key]  # type: ignore[attr-defined]
            field.label_from_instance = lambda item: f"{item.framework.name}：{item.name}"  # type: ignore[attr-defined]


class QualificationForm(forms.ModelForm):
    class Meta:
        model = Qualification
        fields = [
            "name",
            "category",
            "issuer",
            "has_sitting",
            "number_pattern",
            "number_example",
            "validity_years",
        ]


class QualificationHoldingForm(forms.Form):
    qualification = forms.ModelChoiceField(label="資格", queryset=Qualification.objects.none())
    acquired_on = forms.DateField(label="取得日", widget=DATE)
    sitting = forms.CharField(
        label="回次", max_length=20, required=False, help_text="E資格・G検定など：2024#1"
    )
    number = forms.CharField(label="登録・合格番号", max_length=50, required=False)
    expires_on = forms.DateField(
        label="有効期限", widget=DATE, required=False, help_text="空欄なら有効年数から計算します"
    )
    evidence = forms.FileField(label="証明書の写し（PDF・画像）", required=False)

    def __init__(self, *args: Any, qualifications: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["qualification"].queryset = qualifications  # type: ignore[attr-defined]
