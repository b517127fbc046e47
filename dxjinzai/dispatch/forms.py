"""Forms of expert dispatch; rules live in the models and services."""

from __future__ import annotations

from typing import Any

from django import forms

from dxjinzai.core.forms import limit_choices
from dxjinzai.dispatch.models import (
    Activity,
    DispatchRequest,
    DispatchScheme,
    Expert,
    PublicSubmission,
    RequestStatus,
)
from dxjinzai.skills.forms import skill_item_label
from dxjinzai.skills.models import SkillItem
from dxjinzai.skills.selectors import qualification_list

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _fields_choice(scheme: DispatchScheme, label: str) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=[(name, name) for name in scheme.fields_catalogue],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class AlternativeDatesMixin(forms.Form):
    """The second and third choices of date, given to the service as one list."""

    alternative_date_1 = forms.DateField(label="第2希望日", required=False, widget=DATE)
    alternative_date_2 = forms.DateField(label="第3希望日", required=False, widget=DATE)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        days = [cleaned.pop(name, None) for name in ("alternative_date_1", "alternative_date_2")]
        cleaned["alternative_dates"] = [day for day in days if day]
        return cleaned


class RequestForm(AlternativeDatesMixin, forms.ModelForm):
    field_order = [
        "requester",
        "contact_name",
        "contact_email",
        "theme",
        "fields",
        "desired_date",
        "alternative_date_1",
        "alternative_date_2",
    ]

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
        limit_choices(self, "requester", requesters, natural=True)
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
            "skill_items",
            "qualifications",
            "areas",
            "online",
            "onsite",
            "monthly_cap",
            "yearly_cap",
            "honorarium_eligible",
            "payee_name",
            "bank_account",
        ]
        widgets = {
            "skill_items": forms.CheckboxSelectMultiple,
            "qualifications": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, scheme: DispatchScheme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fields"] = _fields_choice(scheme, "専門分野")
        limit_choices(
            self,
            "skill_items",
            SkillItem.objects.filter(category__framework__body=scheme.body).select_related(
                "category__framework"
            ),
            label=skill_item_label,
        )
        limit_choices(self, "qualifications", qualification_list(scheme.body))


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "day",
            "start_time",
            "end_time",
            "minutes",
            "distance_km",
            "place",
            "participants",
            "summary",
            "travel_amount",
            "travel_paid_to_carrier",
            "feedback_score",
            "feedback",
        ]
        widgets = {
            "day": DATE,
            "start_time": forms.TimeInput(attrs={"type": "time"}),
            "end_time": forms.TimeInput(attrs={"type": "time"}),
        }


class ReportForm(forms.Form):
    report = forms.CharField(label="活動の報告", widget=forms.Textarea(attrs={"rows": 6}))


class AssignForm(forms.Form):
    expert = forms.ModelChoiceField(label="派遣する専門家", queryset=Expert.unscoped.none())

    def __init__(self, *args: Any, experts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "expert", experts)


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


class PublicRequestForm(AlternativeDatesMixin, forms.ModelForm):
    organisation_kind = forms.ChoiceField(label="種別", choices=PUBLIC_KINDS)
    # A field people never see: bots fill it in, and their submission is dropped quietly.
    website = forms.CharField(label="この欄は空のままにしてください", required=False)
    field_order = [
        "organisation",
        "organisation_kind",
        "contact_name",
        "contact_email",
        "theme",
        "fields",
        "desired_date",
        "alternative_date_1",
        "alternative_date_2",
    ]

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


class SchemeForm(forms.ModelForm):
    """The scheme's rules as an official edits them: lists as lines, bands as "25:1000"."""

    fields_catalogue = forms.CharField(
        label="専門分野の一覧", widget=forms.Textarea(attrs={"rows": 6}), help_text="1行に1つ。"
    )
    travel_bands = forms.CharField(
        label="距離区分",
        required=False,
        help_text="「上限km:円」をカンマで区切って。例：25:1000, 50:2000, 100:4000",
    )

    class Meta:
        model = DispatchScheme
        fields = [
            "name",
            "fields_catalogue",
            "threshold_minutes",
            "amount_at_threshold",
            "hourly_amount",
            "unit_minutes",
            "rounding",
            "travel_rule",
            "travel_fixed_amount",
            "travel_bands",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["fields_catalogue"] = "\n".join(self.instance.fields_catalogue)
            self.initial["travel_bands"] = ", ".join(
                f"{km}:{yen}" for km, yen in self.instance.travel_bands
            )

    def clean_fields_catalogue(self) -> list[str]:
        names = [line.strip() for line in self.cleaned_data["fields_catalogue"].splitlines()]
        return [name for name in names if name]

    def clean_travel_bands(self) -> list[list[int]]:
        bands = []
        for part in filter(None, (p.strip() for p in self.cleaned_data["travel_bands"].split(","))):
            try:
                km, yen = (int(x) for x in part.replace("：", ":").split(":"))
            except ValueError:
                raise forms.ValidationError(
                    f"「{part}」は「上限km:円」の形で入力してください。"
                ) from None
            bands.append([km, yen])
        if [b[0] for b in bands] != sorted({b[0] for b in bands}):
            raise forms.ValidationError(
                "距離区分は距離の短い順に、重ならないように入力してください。"
            )
        return bands

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("travel_rule") == "distance_band" and not data.get("travel_bands"):
            self.add_error("travel_bands", "距離区分の旅費には区分を1つ以上入力してください。")
        return data


class AvailabilityForm(forms.Form):
    unavailable_days = forms.CharField(
        label="対応できない日",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="1行に1日（例：2027-01-15、令和9年1月15日）。",
    )

    def clean_unavailable_days(self) -> list[Any]:
        from dxjinzai.lib.dates import DateParseError, parse_date_text

        days = []
        for line in filter(
            None, (x.strip() for x in self.cleaned_data["unavailable_days"].splitlines())
        ):
            try:
                days.append(parse_date_text(line))
            except DateParseError as error:
                raise forms.ValidationError(str(error)) from None
        return sorted(set(days))
