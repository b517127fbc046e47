"""Forms of the training cycle; rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms

from dxjinzai.core.forms import limit_choices
from dxjinzai.lib.fiscal import fiscal_year_label
from dxjinzai.training.models import Course, Requirement, Session

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_SCORES = [(n, str(n)) for n in range(5, 0, -1)]


class CourseForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = [
            "title",
            "mode",
            "provider_kind",
            "provider",
            "hours",
            "required_hours",
            "description",
            "level",
            "skill_items",
            "grants_level",
            "grants_talent_type",
            "grants_qualification",
            "issues_certificate",
            "shared_with_consortium",
        ]
        widgets = {"skill_items": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, choices: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "skill_items", choices["skill_items"])
        limit_choices(self, "level", choices["levels"])
        limit_choices(self, "grants_level", choices["levels"])
        limit_choices(self, "grants_talent_type", choices["talent_types"])
        limit_choices(self, "grants_qualification", choices["qualifications"])

    def _post_clean(self) -> None:
        # The service validates the course with its body; the form only reads the fields.
        pass


class SessionForm(forms.ModelForm):
    url = forms.URLField(label="オンライン会場のURL", required=False, assume_scheme="https")

    class Meta:
        model = Session
        fields = [
            "name",
            "starts_on",
            "ends_on",
            "application_deadline",
            "capacity",
            "place",
            "url",
            "open_to_consortium",
        ]
        widgets = {"starts_on": DATE, "ends_on": DATE, "application_deadline": DATE}

    def _post_clean(self) -> None:
        pass


class NominateForm(forms.Form):
    number = forms.CharField(label="推薦する職員の職員番号", max_length=20)


class AttendanceImportForm(forms.Form):
    file = forms.FileField(
        label="出欠ファイル（CSV・Excel）",
        help_text="列：団体コード（他団体の受講者がいる場合）、職員番号、受講日、時間",
    )


class CompletionForm(forms.Form):
    completed_on = forms.DateField(label="修了日", widget=DATE)
    hours = forms.DecimalField(
        label="受講時間",
        max_digits=6,
        decimal_places=1,
        required=False,
        help_text="空欄なら研修の時間数",
    )


class SurveyForm(forms.Form):
    comprehension = forms.TypedChoiceField(
        label="研修の内容をどの程度理解できましたか（5：よく理解できた〜1：理解できなかった）",
        choices=_SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    usefulness = forms.TypedChoiceField(
        label="業務に活かせると思いますか（5：大いに活かせる〜1：活かせない）",
        choices=_SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label="感想・意見", widget=forms.Textarea, required=False)


class RequirementForm(forms.ModelForm):
    class Meta:
        model = Requirement
        fields = [
            "course",
            "kind",
            "grade",
            "role_class",
            "talent_type",
            "department",
            "from_fiscal_year",
            "recurrence",
            "due_month",
        ]

    def __init__(
        self, *args: Any, choices: dict[str, Any], fiscal_years: list[int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for name in ("course", "grade", "role_class", "talent_type", "department"):
            limit_choices(self, name, choices[name])
        self.fields["from_fiscal_year"] = forms.TypedChoiceField(
            label="適用開始年度",
            choices=[(year, fiscal_year_label(year)) for year in fiscal_years],
            coerce=int,
        )
        self.fields["grade"].help_text = "空欄の条件は問いません（すべて空欄なら全職員）"

    def _post_clean(self) -> None:
        pass


class RecordsImportForm(forms.Form):
    kind = forms.ChoiceField(
        label="取り込む記録",
        choices=[("completions", "研修の修了記録"), ("qualifications", "保有資格")],
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label="ファイル", help_text="CSV（UTF-8 または Shift_JIS）かExcel（.xlsx）。30MBまで。"
    )
    dry_run = forms.BooleanField(label="確認だけ行う（書き込まない）", required=False, initial=True)
    only_valid = forms.BooleanField(
        label="エラーのある行を除いて、正しい行だけ取り込む", required=False
    )
