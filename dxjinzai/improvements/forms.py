"""Forms of improvement activities."""

from __future__ import annotations

from typing import Any

from django import forms

from dxjinzai.lib.fiscal import fiscal_year_label
from dxjinzai.organizations.models import Department


class ImprovementForm(forms.Form):
    department = forms.ModelChoiceField(label="所属", queryset=Department.unscoped.none())
    fiscal_year = forms.TypedChoiceField(label="年度", coerce=int)
    title = forms.CharField(label="取組名", max_length=150)
    summary = forms.CharField(label="概要", widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(
        self, *args: Any, departments: Any, fiscal_years: list[int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]
        self.fields["fiscal_year"].choices = [(y, fiscal_year_label(y)) for y in fiscal_years]  # type: ignore[attr-defined]


class RecommendForm(forms.Form):
    note = forms.CharField(label="推薦の理由", max_length=300, required=False)
