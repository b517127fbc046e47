"""Forms of the shared pool."""

from __future__ import annotations

from typing import Any

from django import forms

from dxjinzai.core.forms import MonthField, limit_choices, set_choices
from dxjinzai.organizations.models import Body
from dxjinzai.sharing.models import (
    COST_ITEMS,
    POOL_FIELDS,
    ActivityKind,
    LegalBasis,
    Urgency,
    default_cost_items,
)
from dxjinzai.sharing.services import SUPPORT_TEXT_MAX_CHARS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PoolMemberForm(forms.Form):
    number = forms.CharField(label="職員番号", max_length=20)
    display_name = forms.CharField(
        label="表示名", max_length=100, required=False, help_text="空欄なら氏名"
    )
    specialties = forms.MultipleChoiceField(
        label="分野", choices=[(f, f) for f in POOL_FIELDS], widget=forms.CheckboxSelectMultiple
    )
    profile = forms.CharField(
        label="紹介（連携先に公開）", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    joined_on = forms.DateField(label="登録日", widget=DATE)


class PoolMemberEditForm(forms.Form):
    display_name = forms.CharField(
        label="表示名", max_length=100, required=False, help_text="空欄なら氏名"
    )
    specialties = forms.MultipleChoiceField(
        label="分野", choices=[(f, f) for f in POOL_FIELDS], widget=forms.CheckboxSelectMultiple
    )
    profile = forms.CharField(
        label="紹介（連携先に公開）", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    joined_on = forms.DateField(label="登録日", widget=DATE)


class AssignmentEndForm(forms.Form):
    end = forms.DateField(
        label="終了日", widget=DATE, required=False, help_text="空欄にすると期間の定めなし"
    )


class AssignmentForm(forms.Form):
    host = forms.ModelChoiceField(label="配属先", queryset=Body.objects.none())
    start = forms.DateField(label="開始日", widget=DATE)
    end = forms.DateField(label="終了日", widget=DATE, required=False)
    share = forms.DecimalField(
        label="勤務割合（FTE）", max_digits=3, decimal_places=2, help_text="例：0.5（週の半分）"
    )
    legal_basis = forms.ChoiceField(label="根拠", choices=LegalBasis.choices)
    agreement_number = forms.CharField(label="協定等の番号", max_length=50, required=False)
    agreement_date = forms.DateField(label="協定等の日付", widget=DATE, required=False)
    agreement_until = forms.DateField(
        label="協定等の期間の終わり",
        widget=DATE,
        required=False,
        help_text="協定で派遣の期間を定めているとき。配属はこの日までにしてください。",
    )
    cost_items = forms.MultipleChoiceField(
        label="配属先が負担する費目",
        choices=[(i, i) for i in COST_ITEMS],
        initial=default_cost_items,
        widget=forms.CheckboxSelectMultiple,
        help_text="退職手当は、協定で定めない限り派遣元が負担します（地方自治法252条の17）。",
    )

    def __init__(self, *args: Any, hosts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "host", hosts, natural=True)


class MonthlyCostForm(forms.Form):
    month = MonthField(label="年月")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for index, item in enumerate(COST_ITEMS):
            self.fields[f"item_{index}"] = forms.IntegerField(
                label=f"{item}（円）", min_value=0, required=False
            )

    def items(self) -> dict[str, int]:
        return {
            item: self.cleaned_data[f"item_{index}"]
            for index, item in enumerate(COST_ITEMS)
            if self.cleaned_data.get(f"item_{index}") is not None
        }


class JointContractForm(forms.Form):
    name = forms.CharField(label="契約名", max_length=150)
    fiscal_year = forms.IntegerField(label="年度（西暦）", min_value=2000)
    total_cost = forms.IntegerField(label="総額（円）", min_value=0)
    split_rule = forms.ChoiceField(
        label="按分の方法",
        choices=[
            ("equal", "均等割"),
            ("population", "人口割"),
            ("usage", "利用割（支援を受けた時間）"),
            ("base_plus_usage", "均等割＋利用割"),
        ],
    )
    base_percent = forms.IntegerField(
        label="均等割の割合（%）",
        min_value=0,
        max_value=100,
        initial=0,
        help_text="均等割＋利用割のとき",
    )
    participants = forms.ModelMultipleChoiceField(
        label="参加団体", queryset=Body.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "participants", bodies, natural=True)


class UsageForm(forms.Form):
    participant = forms.ModelChoiceField(label="参加団体", queryset=Body.objects.none())
    hours = forms.DecimalField(
        label="支援を受けた時間", max_digits=7, decimal_places=1, min_value=0
    )

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "participant", bodies)


class AdviserActivityForm(forms.Form):
    host = forms.ModelChoiceField(label="支援先", queryset=Body.objects.none())
    kind = forms.ChoiceField(label="種類", choices=ActivityKind.choices)
    day = forms.DateField(label="実施日", widget=DATE)
    hours = forms.DecimalField(label="時間", max_digits=5, decimal_places=1)
    participants = forms.IntegerField(label="参加人数", min_value=0, initial=0)
    outcome = forms.CharField(
        label="内容・成果", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "host", bodies)


class SettlementDateForm(forms.Form):
    on = forms.DateField(label="日付", widget=forms.DateInput(attrs={"type": "date"}))


class SupportRequestForm(forms.Form):
    theme = forms.CharField(label="相談のテーマ", max_length=150)
    field = forms.ChoiceField(label="分野", choices=[(f, f) for f in POOL_FIELDS])
    urgency = forms.ChoiceField(label="緊急度", choices=Urgency.choices, initial=Urgency.NORMAL)
    desired_from = forms.DateField(
        label="希望する期間（から）", widget=forms.DateInput(attrs={"type": "date"})
    )
    desired_until = forms.DateField(
        label="希望する期間（まで）", widget=forms.DateInput(attrs={"type": "date"})
    )
    detail = forms.CharField(
        label="相談の内容",
        max_length=SUPPORT_TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="現状、困っていること、期待する支援を書いてください。",
    )
    desired_member = forms.TypedChoiceField(
        label="希望する専門人材", coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, members: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.members = {m.pk: m for m in members}
        set_choices(
            self,
            "desired_member",
            [
                ("", "支援センターに任せる"),
                *[(m.pk, f"{m.display_name}（{'・'.join(m.fields)}）") for m in members],
            ],
        )

    def clean_desired_member(self) -> Any:
        chosen = self.cleaned_data["desired_member"]
        return self.members.get(chosen) if chosen else None


class SupportReplyForm(forms.Form):
    text = forms.CharField(
        label="本文", max_length=SUPPORT_TEXT_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 4})
    )
    attachment = forms.FileField(label="添付ファイル（10MBまで）", required=False)


class SupportAssignForm(forms.Form):
    """The centre's triage: how urgent the request really is, and who takes it."""

    urgency = forms.ChoiceField(label="緊急度（支援センターの判断）", choices=Urgency.choices)
    member = forms.TypedChoiceField(label="担当の専門人材", coerce=int)

    def __init__(self, *args: Any, members: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(
            self, "member", [(m.pk, f"{m.display_name}（{'・'.join(m.fields)}）") for m in members]
        )


class CostImportForm(forms.Form):
    file = forms.FileField(label="ファイル（CSV または Excel）")
