"""Forms of recruitment: lists (channels, questions, criteria) are typed one per line, as an
official writes them; the public form asks the posting's own questions."""

from __future__ import annotations

from typing import Any

from django import forms

from dxjinzai.core.forms import limit_choices, set_choices
from dxjinzai.organizations.models import Department
from dxjinzai.recruitment.models import Applicant, Interview, Posting, Stage
from dxjinzai.recruitment.rules import ENDED_STAGES, OPEN_STAGES, OPTIONAL_STAGES
from dxjinzai.recruitment.services import POSTING_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class LinesField(forms.CharField):
    """A list typed one item per line; the stored value is the list."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 4}))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        return _lines(super().to_python(value) or "")


class PostingForm(forms.ModelForm):
    channels = LinesField(
        label="掲載先",
        help_text="1行に1つ。例：自団体のページ／民間求人サービスA／民間求人サービスB",
    )
    questions = LinesField(
        label="応募者への質問",
        required=False,
        help_text="1行に1問。応募フォームに記述欄として出ます。",
    )
    opens_at = forms.DateTimeField(
        label="受付開始", widget=DATETIME, input_formats=DATETIME_FORMATS
    )
    closes_at = forms.DateTimeField(
        label="受付終了", widget=DATETIME, input_formats=DATETIME_FORMATS
    )

    class Meta:
        model = Posting
        fields = [*POSTING_FIELDS, "joint_bodies"]
        widgets = {"joint_bodies": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, grades: Any, joint_candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "grade", grades)
        # Only a consortium's operator hires jointly for its members (広島県).
        if joint_candidates.exists():
            limit_choices(self, "joint_bodies", joint_candidates)
        else:
            del self.fields["joint_bodies"]


class PhotoForm(forms.Form):
    image = forms.FileField(label="写真（PNG・JPEG、5MBまで）")
    caption = forms.CharField(
        label="写真の説明",
        max_length=150,
        help_text="画像が見えない方にも伝わるように。例：デジタル推進課の執務室",
    )


class CriteriaForm(forms.Form):
    lines = forms.CharField(
        label="評価項目と重み",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="1行に「項目:重み」（重みは1〜10）。例：コミュニケーション能力:3",
    )

    def clean_lines(self) -> list[tuple[str, int]]:
        parsed = []
        for number, line in enumerate(_lines(self.cleaned_data["lines"]), start=1):
            name, _, weight = line.replace("：", ":").rpartition(":")
            if not name.strip() or not weight.strip().isdigit() or not 1 <= int(weight) <= 10:
                raise forms.ValidationError(
                    f"{number}行目：「項目:重み（1〜10）」の形で入力してください。"
                )
            parsed.append((name.strip(), int(weight)))
        return parsed


class ApplyForm(forms.ModelForm):
    cv = forms.FileField(label="履歴書・職務経歴書（PDF・Word・Excel、10MBまで）")
    consent = forms.BooleanField(label="個人情報の取扱いに同意します")
    # A field people never see: bots fill it in, and their application is dropped quietly.
    website = forms.CharField(label="この欄は空のままにしてください", required=False)

    class Meta:
        model = Applicant
        fields = [
            "family_name",
            "given_name",
            "family_name_kana",
            "given_name_kana",
            "birth_date",
            "email",
            "phone",
            "channel",
        ]
        widgets = {"birth_date": DATE}

    def __init__(self, *args: Any, posting: Posting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["birth_date"].required = True
        self.fields["email"].required = True
        self.fields["channel"] = forms.ChoiceField(
            label="この求人を知った経路",
            choices=[("", "選んでください")] + [(c, c) for c in posting.channels],
        )
        self.questions = list(posting.questions)
        for number, question in enumerate(self.questions):
            self.fields[f"answer_{number}"] = forms.CharField(
                label=question, widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
            )
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.order_fields(
            [
                *self.Meta.fields,
                *(f"answer_{n}" for n in range(len(self.questions))),
                "cv",
                "consent",
                "website",
            ]
        )

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def service_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["answers"] = [
            {"question": q, "answer": self.cleaned_data[f"answer_{n}"]}
            for n, q in enumerate(self.questions)
        ]
        data["cv"] = self.cleaned_data["cv"]
        return data


class MoveForm(forms.Form):
    to_stage = forms.ChoiceField(label="移す段階")

    def __init__(self, *args: Any, stages: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # 採用 is reached by hiring (a staff record is made), not by a move.
        choices = [(s, name) for s, name in stages if s != Stage.HIRED]
        set_choices(self, "to_stage", [("", "選んでください"), *choices])


class PipelineForm(forms.Form):
    """The body's pipeline: a name for each stage, and the optional stages it uses."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for stage in [*OPEN_STAGES, *ENDED_STAGES]:
            self.fields[f"label_{stage}"] = forms.CharField(
                label=f"「{Stage(stage).label}」の名前",
                max_length=20,
                required=False,
                help_text="空欄なら既定の名前です。",
            )
            if stage in OPTIONAL_STAGES:
                self.fields[f"use_{stage}"] = forms.BooleanField(
                    label=f"「{Stage(stage).label}」の段階を使う", required=False
                )

    def labels(self) -> dict[str, str]:
        return {
            stage: self.cleaned_data[f"label_{stage}"] for stage in [*OPEN_STAGES, *ENDED_STAGES]
        }

    def unused(self) -> list[str]:
        return [stage for stage in OPTIONAL_STAGES if not self.cleaned_data[f"use_{stage}"]]


class InterviewForm(forms.ModelForm):
    starts_at = forms.DateTimeField(label="日時", widget=DATETIME, input_formats=DATETIME_FORMATS)

    class Meta:
        model = Interview
        fields = ["stage", "starts_at", "place", "online", "panel"]
        widgets = {"panel": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "panel", candidates, label=_person_label)


def _person_label(user: Any) -> str:
    return f"{user.last_name} {user.first_name}".strip() or user.username


class ScoreForm(forms.Form):
    note = forms.CharField(label="所見", widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args: Any, criteria: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"c{criterion.pk}"] = forms.TypedChoiceField(
                label=f"{criterion.name}（重み{criterion.weight}）",
                choices=[("", "選んでください")] + [(str(v), str(v)) for v in range(1, 6)],
                coerce=int,
            )
        self.order_fields([*(f"c{c.pk}" for c in criteria), "note"])

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"c{c.pk}"] for c in self.criteria}


class HireForm(forms.Form):
    number = forms.CharField(label="職員番号", max_length=20)
    hire_date = forms.DateField(label="採用日", widget=DATE)
    end_date = forms.DateField(
        label="任期の終了日（任期付・会計年度任用）", widget=DATE, required=False
    )
    department = forms.ModelChoiceField(
        label="配置先所属", queryset=Department.unscoped.none(), required=False
    )

    def __init__(self, *args: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "department", departments, natural=True)


class MessageForm(forms.Form):
    subject = forms.CharField(label="件名", max_length=150)
    text = forms.CharField(
        label="本文",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="{氏名}・{求人}・{面接日時} は応募者ごとに置き換わります。",
    )
