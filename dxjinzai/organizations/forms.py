"""Forms of the organisation pages. Field rules live on the models; these only present them."""

from __future__ import annotations

from typing import Any

from django import forms

from dxjinzai.core.access import Access
from dxjinzai.organizations.models import (
    Appointment,
    Body,
    Department,
    Grade,
    StaffMember,
    StaffStatus,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BodyForm(forms.ModelForm):
    class Meta:
        model = Body
        fields = ["code", "name", "kana", "kind", "population"]
        help_texts = {"code": "6桁。5桁で入力すると検査数字を補います。"}


class DepartmentForm(forms.ModelForm):
    class Meta:
        model = Department
        fields = ["code", "name", "parent", "valid_from", "valid_to"]
        widgets = {"valid_from": DATE_WIDGET, "valid_to": DATE_WIDGET}

    def __init__(self, *args: Any, access: Access, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.body = body
        parents = Department.objects.visible_to(access).filter(body=body)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]


class StaffForm(forms.ModelForm):
    class Meta:
        model = StaffMember
        fields = [
            "number",
            "family_name",
            "given_name",
            "family_name_kana",
            "given_name_kana",
            "email",
            "grade",
            "department",
            "status",
            "hire_date",
        ]
        widgets = {"hire_date": DATE_WIDGET}

    def __init__(self, *args: Any, access: Access, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.body = body
        self.fields["grade"].queryset = Grade.objects.visible_to(access).filter(body=body)  # type: ignore[attr-defined]
        self.fields["department"].queryset = (  # type: ignore[attr-defined]
            Department.objects.visible_to(access).filter(body=body, valid_to__isnull=True)
        )


class AppointmentForm(forms.ModelForm):
    class Meta:
        model = Appointment
        fields = [
            "kind",
            "body",
            "department",
            "title",
            "is_concurrent",
            "fixed_term_basis",
            "specially_needed",
            "source_body",
            "adviser_contract",
            "days_per_month",
            "start_date",
            "end_date",
        ]
        widgets = {"start_date": DATE_WIDGET, "end_date": DATE_WIDGET}

    def __init__(
        self, *args: Any, access: Access, staff: StaffMember, bodies: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.instance.staff = staff
        if not self.instance.pk:
            self.initial.setdefault("body", staff.body_id)
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]
        self.fields["source_body"].queryset = Body.objects.all()  # type: ignore[attr-defined]
        self.fields["department"].queryset = (  # type: ignore[attr-defined]
            Department.objects.visible_to(access)
            .filter(body__in=bodies, valid_to__isnull=True)
            .select_related("body")
        )
        self.fields["department"].label_from_instance = (  # type: ignore[attr-defined]
            lambda d: f"{d.body.name} {d.name}（{d.code}）"
        )


class StaffFilterForm(forms.Form):
    q = forms.CharField(label="氏名・フリガナ・職員番号", required=False)
    department = forms.ModelChoiceField(
        label="所属", queryset=Department.unscoped.none(), required=False, empty_label="すべて"
    )
    grade = forms.ModelChoiceField(
        label="職層", queryset=Grade.unscoped.none(), required=False, empty_label="すべて"
    )
    status = forms.ChoiceField(
        label="在職状況",
        choices=[("", "すべて"), *StaffStatus.choices],
        required=False,
        initial=StaffStatus.ACTIVE,
    )

    def __init__(self, *args: Any, access: Access, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.visible_to(access).filter(  # type: ignore[attr-defined]
            body=body, valid_to__isnull=True
        )
        self.fields["grade"].queryset = Grade.objects.visible_to(access).filter(body=body)  # type: ignore[attr-defined]


class DepartmentFilterForm(forms.Form):
    q = forms.CharField(label="所属コード・所属名", required=False)
    as_of = forms.DateField(label="基準日", required=False, widget=DATE_WIDGET)
    include_closed = forms.BooleanField(label="廃止済みも含める", required=False)
