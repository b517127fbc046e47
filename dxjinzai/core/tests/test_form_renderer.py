"""The select box written in Python is the markup the widget templates write."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting

from dxjinzai.core.form_renderer import ProjectFormRenderer

TEMPLATES = TemplatesSetting()
QUICK = ProjectFormRenderer()


class Everything(forms.Form):
    plain = forms.ChoiceField(choices=[("", "---------"), ("a", "総務課"), ("b", "<税務>課 & 室")])
    grouped = forms.ChoiceField(
        choices=[
            ("本庁", [("1", "デジタル推進課"), ("2", "人事課")]),
            ("出先", [("3", '浜松"土木"事務所')]),
            ("4", "どこにも属さない"),
        ]
    )
    many = forms.MultipleChoiceField(choices=[(1, "一"), (2, "二"), (3, "三")], required=False)
    marked = forms.ChoiceField(
        choices=[("x", "X")],
        widget=forms.Select(attrs={"class": "wide", "aria-describedby": "h", "disabled": True}),
    )


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"plain": "b", "grouped": "3", "many": ["1", "3"], "marked": "x"},
        {"plain": "not-a-choice", "grouped": "", "many": ["9"]},
    ],
    ids=["empty", "chosen", "wrong"],
)
@pytest.mark.parametrize("name", ["plain", "grouped", "many", "marked"])
def test_the_quick_select_is_the_templates_markup(data, name):
    form = Everything(data or None)
    form.is_valid()
    field = form[name]
    expected = _render(field, TEMPLATES)
    assert _render(field, QUICK) == expected
    assert "<option" in expected


def test_the_empty_choice_reads_in_japanese_and_text_is_escaped():
    markup = _render(Everything()["plain"], QUICK)
    assert "選んでください" in markup and "---------" not in markup
    assert "&lt;税務&gt;課 &amp; 室" in markup


def _render(bound_field, renderer) -> str:
    widget = bound_field.field.widget
    return widget.render(
        bound_field.html_name,
        bound_field.value(),
        attrs=bound_field.build_widget_attrs({"id": bound_field.auto_id}),
        renderer=renderer,
    )
