"""Forms of targets: the yearly targets are typed as one line, as officials write them."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from dxjinzai.core.forms import limit_choices
from dxjinzai.lib.text import nfkc
from dxjinzai.plans.models import CertificationRule, Metric
from dxjinzai.skills.models import Level, TalentType
from dxjinzai.training.models import Course

_PAIR = re.compile(r"(20\d\d)\s*[:：]\s*(\d+)")


def parse_yearly_targets(text: str) -> dict[int, int]:
    """ "2022:510, 2023:630" → {2022: 510, 2023: 630}; any other piece is an error."""
    targets: dict[int, int] = {}
    for piece in re.split(r"[,、\n]+", nfkc(text)):
        piece = piece.strip()
        if not piece:
            continue
        match = _PAIR.fullmatch(piece)
        if match is None:
            raise forms.ValidationError(
                f"「{piece}」を読めません。「2023:630」のように年度（西暦）と目標値をコロンでつないでください。"
            )
        year = int(match[1])
        if year in targets:
            raise forms.ValidationError(f"{year}年度の目標が2回あります。")
        targets[year] = int(match[2])
    if not targets:
        raise forms.ValidationError("年度ごとの目標を1つ以上入れてください。")
    return targets


def yearly_targets_text(targets: dict[int, int]) -> str:
    """{2022: 510, 2023: 630} → "2022:510, 2023:630" (what parse_yearly_targets reads)."""
    return ", ".join(f"{year}:{value}" for year, value in sorted(targets.items()))


class TargetForm(forms.Form):
    name = forms.CharField(label="目標名", max_length=150)
    metric = forms.ChoiceField(label="数えるもの", choices=Metric.choices)
    talent_type = forms.ModelChoiceField(
        label="人材像", queryset=TalentType.objects.none(), required=False
    )
    level = forms.ModelChoiceField(label="レベル", queryset=Level.objects.none(), required=False)
    course = forms.ModelChoiceField(label="研修", queryset=Course.unscoped.none(), required=False)
    certification_rule = forms.ModelChoiceField(
        label="認定", queryset=CertificationRule.unscoped.none(), required=False
    )
    cumulative = forms.BooleanField(
        label="累計で数える", required=False, help_text="例：R2〜R5で96人（毎年度24人の積み上げ）"
    )
    unit = forms.CharField(label="単位", max_length=10, initial="人")
    consortium_wide = forms.BooleanField(
        label="連携協議会全体で数える", required=False, help_text="協議会を運営する団体のみ"
    )
    yearly_targets = forms.CharField(
        label="年度ごとの目標",
        help_text="西暦の年度と目標値をコロンでつなぎ、読点かカンマで区切ります。例：2022:510, 2023:630, 2024:750",
    )
    final_fiscal_year = forms.IntegerField(
        label="最終目標年度（西暦）", required=False, min_value=2000
    )
    final_value = forms.IntegerField(label="最終目標値", required=False, min_value=0)

    def __init__(self, *args: Any, choices: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("talent_type", "level", "course", "certification_rule"):
            limit_choices(self, name, choices[name])

    def clean_yearly_targets(self) -> dict[int, int]:
        return parse_yearly_targets(self.cleaned_data["yearly_targets"])


class ActualForm(forms.Form):
    fiscal_year = forms.IntegerField(label="年度（西暦）", min_value=2000)
    value = forms.IntegerField(label="実績", min_value=0)


class CertificationRuleForm(forms.ModelForm):
    class Meta:
        model = CertificationRule
        fields = [
            "kind",
            "name",
            "grants_talent_type",
            "grants_level",
            "required_courses",
            "min_hours",
            "required_qualifications",
            "skill_item",
            "min_proficiency",
            "requires_project",
            "requires_adopted_proposal",
            "needs_evaluation",
            "validity_years",
            "number_prefix",
        ]
        widgets = {
            "required_courses": forms.CheckboxSelectMultiple,
            "required_qualifications": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, choices: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in (
            "grants_talent_type",
            "grants_level",
            "required_courses",
            "required_qualifications",
            "skill_item",
        ):
            limit_choices(self, name, choices[name])

    def _post_clean(self) -> None:
        # The service checks the rule with its body; the form only reads the fields.
        pass


class ApproveForm(forms.Form):
    number = forms.CharField(label="職員番号", max_length=20, widget=forms.HiddenInput)
    evaluation = forms.CharField(
        label="活動内容の評価", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label="取消の理由", max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )
