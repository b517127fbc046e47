"""Template helpers: access checks for navigation, 和暦 dates and audit change sets."""

from datetime import date, datetime
from typing import Any

from django import template
from django.utils import timezone

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


def _day(value: date | datetime) -> date:
    """A date; a moment is taken on the Japanese calendar day it falls on."""
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


@register.filter
def wareki_date(value: date | datetime | None) -> str:
    """The one way the pages write a date: 令和8年11月29日."""
    return wareki(_day(value)) if value else ""


@register.filter
def date_span(start: date | None, end: date | None) -> str:
    """A period as the pages write it: one date when it is one day (a one-day session is
    令和9年1月20日, not 令和9年1月20日〜令和9年1月20日), an open end left open."""
    if start is None:
        return ""
    if end is None:
        return f"{wareki(start)}〜"
    if end == start:
        return wareki(start)
    return f"{wareki(start)}〜{wareki(end)}"


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
