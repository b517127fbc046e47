"""Forms of improvement activities."""

from __future__ import annotations

from typing import Any

from django import forms

from dxjinzai.core.forms import limit_choices, set_choices
from dxjinzai.improvements.models import InHouseSystem, Project, ProjectIssue, Proposal
from dxjinzai.lib.fiscal import fiscal_year_label
from dxjinzai.organizations.models import Department

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


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


class ProjectForm(forms.ModelForm):
    member_numbers = forms.CharField(
        label="チームの職員番号（1行に1人）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="表計算ソフトの職員番号の列をそのまま貼り付けられます。",
    )

    class Meta:
        model = Project
        fields = ["name", "theme", "fiscal_year", "description", "partners"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def clean_member_numbers(self) -> list[str]:
        lines = self.cleaned_data["member_numbers"].splitlines()
        return list(dict.fromkeys(line.strip() for line in lines if line.strip()))


class MilestoneForm(forms.Form):
    title = forms.CharField(label="節目", max_length=150)
    due_on = forms.DateField(label="予定日", widget=_DATE)


class ProjectIssuesForm(forms.Form):
    titles = forms.CharField(
        label="課題（1行に1つ）",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        help_text="ワークショップで出た課題を、1行に1つずつ入力します。",
    )

    def clean_titles(self) -> list[str]:
        titles = [line.strip() for line in self.cleaned_data["titles"].splitlines()]
        titles = [title for title in titles if title]
        if too_long := [t for t in titles if len(t) > 200]:
            raise forms.ValidationError(f"課題は1行200文字までです：{too_long[0][:20]}…")
        return titles


class ProjectIssueForm(forms.ModelForm):
    class Meta:
        model = ProjectIssue
        fields = ["title", "detail"]
        widgets = {"detail": forms.Textarea(attrs={"rows": 4})}


class ProposalForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = [
            "title",
            "department",
            "team",
            "project",
            "issues",
            "summary",
            "current_flow",
            "current_flow_file",
            "new_flow",
            "new_flow_file",
            "expected_hours_per_year",
            "expected_basis",
            "presented_on",
            "audience",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "current_flow": forms.Textarea(attrs={"rows": 4}),
            "new_flow": forms.Textarea(attrs={"rows": 4}),
            "presented_on": _DATE,
            "issues": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "issues": "選べるのは、このプロジェクトの課題です（プロジェクトのページから登録すると選べます）。"
        }
        labels = {
            "current_flow_file": "今の流れの図（PDF・画像・Word・Excel・PowerPoint、10MBまで）",
            "new_flow_file": "新しい流れの図（PDF・画像・Word・Excel・PowerPoint、10MBまで）",
        }

    def __init__(
        self, *args: Any, departments: Any, projects: Any, issues: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "department", departments, natural=True)
        limit_choices(self, "project", projects)
        limit_choices(self, "issues", issues)


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["decision", "decided_on", "reviewer", "decision_reason"]
        widgets = {"decided_on": _DATE}
        help_texts = {"reviewer": "例：市長（幹部会議）"}


class EffectForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = [
            "implementation",
            "measured_hours_per_year",
            "measured_on",
            "measured_basis",
            "spread_to",
            "spread_note",
        ]
        widgets = {"measured_on": _DATE, "spread_to": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "spread_to", departments, natural=True)
