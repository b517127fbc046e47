"""The form renderer: the project's widget templates first (templates/django/forms), with
the select box written in Python.

Django renders each <option> through two template includes; a filter of a prefecture's
departments (hundreds of options) then took a third of the staff list's time. The markup
is the same as the templates' (tests/core: test_form_renderer compares the two)."""

from __future__ import annotations

from typing import Any

from django.forms.renderers import TemplatesSetting
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
# Django's name for the empty choice, which templates/django/forms/.../select_option.html
# shows in Japanese.
DJANGO_EMPTY_LABEL = "---------"
EMPTY_LABEL = "選んでください"


class ProjectFormRenderer(TemplatesSetting):
    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        widget = context.get("widget")
        if template_name == SELECT and widget is not None and _plain_options(widget):
            return select_markup(widget)
        return super().render(template_name, context, request)


def _plain_options(widget: dict[str, Any]) -> bool:
    return all(
        option["template_name"] == OPTION
        for _, options, _ in widget["optgroups"]
        for option in options
    )


def select_markup(widget: dict[str, Any]) -> SafeString:
    """What select.html and select_option.html write for the widget's context."""
    parts = [format_html('<select name="{}"', widget["name"]), attributes(widget["attrs"]), ">"]
    for group_name, options, _ in widget["optgroups"]:
        if group_name:
            parts.append(format_html('\n  <optgroup label="{}">', group_name))
        # The option template ends with a newline, kept so the markup is the same.
        parts.extend(f"\n  {_option(option)}\n" for option in options)
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # every value above went through an escape


def _option(option: dict[str, Any]) -> str:
    label = option["label"]
    shown = EMPTY_LABEL if label == DJANGO_EMPTY_LABEL else label
    return format_html(
        '<option value="{}"{}>{}</option>', str(option["value"]), attributes(option["attrs"]), shown
    )


def attributes(attrs: dict[str, Any]) -> SafeString:
    """attrs.html: a True attribute by its name alone, a False one left out."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return mark_safe("".join(parts))  # names and values escaped above
