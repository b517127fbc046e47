"""Forms of expert dispatch; rules live in the models and services."""

from __future__ import annotations

from typing import Any

from django import forms

from dxjinzai.dispatch.models import (
    Activity,
    DispatchRequest,
    DispatchScheme,
    Expert,
    PublicSubmission,
    RequestStatus,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _fields_choice(scheme: DispatchScheme, label: str) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=[(name, name) for name in scheme.fields_catalogue],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class RequestForm(forms.ModelForm):
    class Meta:
        model = DispatchRequest
        fields = [
            "requester",
            "contact_name",
            "contact_email",
            "theme",
            "fields",
            "desired_date",
            "place",
            "online",
            "expected_minutes",
            "participants",
        ]
        widgets = {"desired_date": DATE}

    def __init__(self, *args: Any, scheme: DispatchScheme, requesters: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fields"] = _fields_choice(scheme, "必要な専門分野")
        self.fields["requester"].queryset = requesters  # type: ignore[attr-defined]
        if len(requesters) == 1:
            # The usual case: an official requests for their own body.
            self.initial.setdefault("requester", requesters[0].pk)
        self.instance.scheme = scheme
        self.instance.body = scheme.body


class ExpertForm(forms.ModelForm):
    class Meta:
        model = Expert
        fields = [
            "name",
            "kana",
            "affiliation",
            "fields",
            "areas",
            "online",
            "onsite",
            "monthly_cap",
            "yearly_cap",
            "honorarium_eligible",
            "payee_name",
            "bank_account",
        ]

    def __init__(self, *args: Any, scheme: DispatchScheme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fields"] = _fields_choice(scheme, "専門分野")


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "day",
            "minutes",
            "place",
            "participants",
            "summary",
            "travel_amount",
            "travel_paid_to_carrier",
            "feedback_score",
            "feedback",
        ]
        widgets = {"day": DATE}


class ReportForm(forms.Form):
    report = forms.CharField(label="活動の報告", widget=forms.Textarea(attrs={"rows": 6}))


class AssignForm(forms.Form):
    expert = forms.ModelChoiceField(label="派遣する専門家", queryset=Expert.unscoped.none())

    def __init__(self, *args: Any, experts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = experts  # type: ignore[attr-defined]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="状態", choices=RequestStatus.choices)


class MonthForm(forms.Form):
    month = forms.CharField(label="対象月（YYYY-MM）", required=False)


PUBLIC_KINDS = [
    ("school", "学校"),
    ("school_board", "教育委員会"),
    ("university", "大学"),
    ("npo", "NPO"),
    ("other", "その他"),
]


class PublicRequestForm(forms.ModelForm):
    organisation_kind = forms.ChoiceField(label="種別", choices=PUBLIC_KINDS)
    # A field people never see: bots fill it in, and their submission is dropped quietly.
    website = forms.CharField(label="この欄は空のままにしてください", required=False)

    class Meta:
        model = PublicSubmission
        fields = [
            "organisation",
            "organisation_kind",
            "contact_name",
            "contact_email",
            "theme",
            "fields",
            "desired_date",
            "online",
            "place",
            "expected_minutes",
            "participants",
        ]
        widgets = {"desired_date": DATE}

    def __init__(self, *args: Any, scheme: DispatchScheme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fields"] = _fields_choice(scheme, "必要な専門分野")
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.instance.scheme = scheme
        self.instance.body = scheme.body
        self.instance.token = "pending"

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))
