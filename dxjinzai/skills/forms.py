"""Forms of frameworks, holdings and the qualification register; rules live in services."""

from __future__ import annotations

from typing import Any

from django import forms

from dxjinzai.core.forms import limit_choices
from dxjinzai.skills.models import HoldingSource, Level, Qualification, RoleClass, TalentType
from dxjinzai.skills.presets import PRESETS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _in_framework(item: Any) -> str:
    return f"{item.framework.name}：{item.name}"


def skill_item_label(item: Any) -> str:
    return f"{item.category.framework.name}：{item.category.name}／{item.name}"


class PresetLoadForm(forms.Form):
    key = forms.ChoiceField(
        label="既定のフレームワーク",
        choices=[
            (p.key, p.name + ("（国の参考標準）" if p.is_reference else ""))
            for p in PRESETS.values()
        ],
    )
    shared_with_consortium = forms.BooleanField(label="連携協議会の団体と共有する", required=False)


class FrameworkForm(forms.Form):
    """A framework's name, description, sharing, and each talent type's target head-count."""

    name = forms.CharField(label="名称", max_length=100)
    description = forms.CharField(label="説明", widget=forms.Textarea, required=False)
    shared_with_consortium = forms.BooleanField(label="連携協議会の団体と共有する", required=False)

    def __init__(self, *args: Any, types: list[TalentType], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for talent_type in types:
            self.fields[f"headcount_{talent_type.pk}"] = forms.IntegerField(
                label=f"目標人数：{talent_type.name}", min_value=0, required=False
            )

    def headcounts(self) -> dict[int, int | None]:
        return {
            int(name.removeprefix("headcount_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("headcount_")
        }


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
            limit_choices(self, name, choices[key], label=_in_framework)


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
        limit_choices(self, "qualification", qualifications)


class TalentProfileForm(forms.Form):
    experience = forms.CharField(
        label="経験・得意分野",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text="人材の検索で見つかるよう、前職や業務で身につけたことを書いてください。",
    )
    goal_type = forms.ModelChoiceField(
        label="目指す人材像", queryset=TalentType.objects.none(), required=False
    )
    goal_level = forms.ModelChoiceField(
        label="目指すレベル", queryset=Level.objects.none(), required=False
    )

    def __init__(self, *args: Any, choices: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "goal_type", choices["talent_types"], label=_in_framework)
        limit_choices(self, "goal_level", choices["levels"], label=_in_framework)


_PROFICIENCY = [("", "—"), *[(str(n), f"{n}") for n in range(1, 5)]]


class ProficiencyGridForm(forms.Form):
    """One 1–4 choice per skill item (blank: not assessed / not expected)."""

    def __init__(
        self, *args: Any, items: Any, initial_levels: dict[int, int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[f"item_{item.pk}"] = forms.TypedChoiceField(
                label=item.name,
                choices=_PROFICIENCY,
                coerce=int,
                empty_value=None,
                required=False,
                initial=initial_levels.get(item.pk),
            )

    def proficiencies(self) -> dict[Any, int | None]:
        return {item: self.cleaned_data.get(f"item_{item.pk}") for item in self.items}

    def grouped(self) -> list[tuple[str, list[Any]]]:
        """Bound fields by category, for the page."""
        groups: dict[str, list[Any]] = {}
        for item in self.items:
            groups.setdefault(item.category.name, []).append(self[f"item_{item.pk}"])
        return list(groups.items())


class TalentSearchForm(forms.Form):
    text = forms.CharField(
        label="キーワード（経験・資格・研修・人材像）",
        required=False,
        help_text="例：統計、RPA、基本情報。空白で区切るとすべてを含む人を探します。",
    )

    def __init__(self, *args: Any, choices: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = {
            "qualification": "保有資格",
            "course": "修了した研修",
            "talent_type": "人材像",
            "skill_item": "スキル項目",
        }
        for name, label in labels.items():
            self.fields[name] = forms.ModelChoiceField(
                label=label, queryset=choices[name], required=False
            )
        limit_choices(self, "talent_type", choices["talent_type"], label=_in_framework)
        limit_choices(self, "skill_item", choices["skill_item"], label=skill_item_label)
        self.fields["min_proficiency"] = forms.TypedChoiceField(
            label="スキル項目の習熟度（以上）",
            choices=_PROFICIENCY,
            coerce=int,
            empty_value=None,
            required=False,
        )


class ExamDateForm(forms.Form):
    qualification = forms.ModelChoiceField(label="資格", queryset=Qualification.objects.none())
    exam_on = forms.DateField(label="試験日", widget=DATE)
    application_until = forms.DateField(label="申込締切日", widget=DATE, required=False)
    note = forms.CharField(label="備考", max_length=200, required=False)

    def __init__(self, *args: Any, qualifications: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "qualification", qualifications)
