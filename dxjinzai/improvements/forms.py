"""Forms of improvement activities."""

from __future__ import annotations

from typing import Any

from django import forms

from dxjinzai.core.forms import limit_choices, set_choices
from dxjinzai.improvements.models import InHouseSystem
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
        limit_choices(self, "department", departments)
        set_choices(self, "fiscal_year", [(y, fiscal_year_label(y)) for y in fiscal_years])


class RecommendForm(forms.Form):
    note = forms.CharField(label="推薦の理由", max_length=300, required=False)


class SystemForm(forms.ModelForm):
    class Meta:
        model = InHouseSystem
        fields = [
            "name",
            "kind",
            "department",
            "builders",
            "supporting_expert",
            "went_live_on",
            "users",
            "hours_saved_per_year",
            "status",
            "note",
        ]
        widgets = {"went_live_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "department", departments, natural=True)
