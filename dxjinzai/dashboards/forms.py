"""The dashboard's choices: fiscal year, which role class is the DX leaders', ranking."""

from __future__ import annotations

from typing import Any

from django import forms

from dxjinzai.core.forms import set_choices
from dxjinzai.lib.fiscal import fiscal_year_label

SORTS = [
    ("mandatory", "①階層別必須研修"),
    ("leaders", "②DXリーダー必須研修"),
    ("electives", "③選択研修"),
    ("code", "所属コード順"),
]


class DashboardForm(forms.Form):
    fiscal_year = forms.TypedChoiceField(label="年度", coerce=int)
    leader_class = forms.TypedChoiceField(
        label="DXリーダーの役割区分", coerce=int, required=False, empty_value=None
    )
    sort = forms.ChoiceField(label="並べ替え", choices=SORTS, required=False)

    def __init__(
        self, *args: Any, fiscal_years: list[int], role_classes: list[Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "fiscal_year", [(y, fiscal_year_label(y)) for y in fiscal_years])
        set_choices(
            self,
            "leader_class",
            [
                ("", "（指定しない）"),
                *[(r.pk, f"{r.framework.name}：{r.name}") for r in role_classes],
            ],
        )
