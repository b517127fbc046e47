"""Template helpers: access checks for navigation, 和暦 dates and audit change sets."""

from datetime import date
from typing import Any

from django import template

from dxjinzai.core import audit
from dxjinzai.core.access import Perm
from dxjinzai.core.audit import ChangeLine
from dxjinzai.lib.fiscal import fiscal_year_label, fiscal_year_of, wareki

register = template.Library()


@register.simple_tag(takes_context=True)
def allowed(context: template.Context, perm: str, body: Any) -> bool:
    """{% allowed "view_staff_list" body as flag %}: may the viewer do this on the body?"""
    access = getattr(context.get("request"), "access", None)
    return bool(access and body and access.can(Perm(perm), body.pk))


@register.filter
def wareki_date(value: date | None) -> str:
    return wareki(value) if value else ""


@register.filter
def fiscal_year_name(value: int) -> str:
    """2019 → 令和元年度."""
    return fiscal_year_label(value)


@register.filter
def fiscal_year(value: date | None) -> str:
    return fiscal_year_label(fiscal_year_of(value)) if value else ""


@register.filter
def change_lines(entry: Any) -> list[ChangeLine]:
    """An audit entry's change set as lines, in Japanese (see core.audit.change_lines)."""
    return audit.entry_change_lines(entry)
