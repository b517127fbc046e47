"""Glue between forms and services, shared by every app's views."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator, model_to_dict
from django.http import QueryDict

from dxjinzai.core.models import AuditAction, TokenScope
from dxjinzai.lib.text import natural_key


def save_with_service(form: forms.BaseForm, save: Callable[[dict[str, Any]], Any]) -> bool:
    """Validate the form, then run the service on its data.

    The service validates again (it is the writer and trusts no caller); any error it
    raises is shown at the field it names, or above the form.
    """
    if not form.is_valid():
        return False
    try:
        save(form.cleaned_data)
    except ValidationError as error:
        _add_errors(form, error)
        return False
    return True


def limit_choices(
    form: forms.BaseForm,
    name: str,
    queryset: Any,
    *,
    label: Callable[[Any], str] | None = None,
    natural: bool = False,
) -> None:
    """Narrow a model choice field to the rows the viewer may pick (a selector's queryset),
    optionally with how each row is labelled: typed, so forms need no attribute ignores.
    `natural` orders the options by their labels as people read numbers in them (高等学校2
    before 高等学校10): for lists of names, not for lists with an order of their own."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name} は選択肢（ModelChoiceField）の項目ではありません。")
    if natural:  # before the queryset: setting it hands the widget the field's iterator
        field.iterator = NaturalOrderChoices
    field.queryset = queryset
    if label is not None:
        field.label_from_instance = label  # type: ignore[method-assign,assignment]


class NaturalOrderChoices(ModelChoiceIterator):
    """A model choice field's options sorted by lib.text.natural_key of their labels."""

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        options = [self.choice(row) for row in self.queryset]
        yield from sorted(options, key=lambda option: natural_key(str(option[1])))


def initial_of(form_class: type[forms.ModelForm], instance: Any) -> dict[str, Any]:
    """A record's values as the initial data of its edit form. The service then receives a
    clean copy of the form's data and the record as it is stored, so its audit entry shows
    before → after (a ModelForm bound to the instance would change the record first)."""
    return model_to_dict(instance, fields=list(form_class.base_fields))


def set_choices(form: forms.BaseForm, name: str, choices: Any) -> None:
    """Give a choice field its options at run time (they depend on the body)."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{name} は選択肢（ChoiceField）の項目ではありません。")
    field.choices = choices


def form_errors_text(form: forms.BaseForm) -> str:
    """Every error of a form on one line, for a message when the form is not shown again
    (a small form posted from another page)."""
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def _add_errors(form: forms.BaseForm, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class LogFilterForm(forms.Form):
    """Who, what and when: the filters of the audit log and of the access records."""

    actor = forms.CharField(label="操作者", required=False)
    target = forms.CharField(label="対象", required=False)
    date_from = forms.DateField(
        label="期間（から）", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="期間（まで）", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class AuditFilterForm(LogFilterForm):
    action = forms.ChoiceField(
        label="操作", choices=[("", "すべて"), *AuditAction.choices], required=False
    )
    field_order = ["action", "actor", "target", "date_from", "date_to"]


# The screens whose opening is recorded (core.access_records), for the filter.
ACCESS_KINDS = [
    "職員一覧",
    "職員の記録",
    "人材の記録",
    "所属の職員",
    "人材の検索",
    "必須研修の未修了者",
    "所属別の個人",
    "アカウント一覧",
    "認定の候補者",
    "共通人材の記録",
]


class AccessRecordFilterForm(LogFilterForm):
    kind = forms.ChoiceField(
        label="画面", choices=[("", "すべて"), *((k, k) for k in ACCESS_KINDS)], required=False
    )
    field_order = ["kind", "actor", "target", "date_from", "date_to"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actor"].label = "閲覧者"


class ApiTokenForm(forms.Form):
    name = forms.CharField(label="用途", max_length=100, help_text="例：人事給与システム夜間連携")
    scope = forms.ChoiceField(label="範囲", choices=TokenScope.choices, initial=TokenScope.READ)


class MonthField(forms.CharField):
    """年月 as the browser's month input sends it ("2026-04"), cleaned to (year, month)."""

    widget = forms.DateInput(attrs={"type": "month"})

    def clean(self, value: Any) -> tuple[int, int]:  # type: ignore[override]
        text = super().clean(value)
        try:
            year, month = (int(part) for part in text.split("-", 1))
        except ValueError:
            raise forms.ValidationError("年月を「2026-04」の形で入力してください。") from None
        return year, month


def restart_initial(query: QueryDict, form_class: type[forms.Form]) -> dict[str, Any]:
    """A form's initial values from the query string (an import started again with the
    options of the run that failed); only the form's own fields, never a file."""
    initial: dict[str, Any] = {}
    for name, field in form_class.base_fields.items():
        if name not in query or isinstance(field, forms.FileField):
            continue
        value = query[name]
        initial[name] = value == "on" if isinstance(field, forms.BooleanField) else value
    if initial and "dry_run" in form_class.base_fields and "dry_run" not in query:
        initial["dry_run"] = False  # the run being restarted was not a dry run
    return initial
