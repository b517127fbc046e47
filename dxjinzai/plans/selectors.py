"""Reads of targets and their progress; actuals are counts over the body's records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.http import Http404

from dxjinzai.core.access import Access
from dxjinzai.improvements.models import Improvement
from dxjinzai.lib.fiscal import fiscal_year_end, fiscal_year_of, fiscal_year_start
from dxjinzai.organizations.models import Body
from dxjinzai.plans.models import Metric, Target
from dxjinzai.plans.rules import (
    Projection,
    achievement_percent,
    linear_projection,
    running_totals,
)
from dxjinzai.skills.models import TalentHolding
from dxjinzai.training.models import Completion


def target_list(access: Access, body: Body) -> QuerySet[Target]:
    """The body's targets and its consortium's (set by the operator prefecture)."""
    from dxjinzai.organizations.selectors import partner_body_ids

    return (
        Target.objects.visible_to(access)
        .filter(Q(body=body) | Q(consortium_wide=True, body_id__in=partner_body_ids(body)))
        .select_related("body", "talent_type", "level", "course")
        .prefetch_related("years")
    )


def counted_body_ids(target: Target) -> set[int]:
    """Whose records a target counts: its body's, or the whole consortium's."""
    from dxjinzai.organizations.selectors import partner_body_ids

    if target.consortium_wide:
        return partner_body_ids(target.body) | {target.body_id}
    return {target.body_id}


def target_get(access: Access, body: Body, pk: int) -> Target:
    found = target_list(access, body).filter(pk=pk).first()
    if found is None:
        raise Http404("目標が見つかりません。")
    return found


@dataclass(frozen=True)
class YearLine:
    fiscal_year: int
    target: int | None
    actual: int | None

    @property
    def percent(self) -> Decimal | None:
        return None if self.actual is None else achievement_percent(self.actual, self.target)


@dataclass(frozen=True)
class Progress:
    target: Target
    lines: list[YearLine]
    projection: Projection | None

    @property
    def latest(self) -> YearLine | None:
        counted = [line for line in self.lines if line.actual is not None]
        return counted[-1] if counted else None


def target_progress(target: Target, *, today: date) -> Progress:
    """Target and actual per fiscal year (actuals up to the current year), and the trend's
    projection to the final year."""
    this_year = fiscal_year_of(today)
    targets = {year.fiscal_year: year.target_value for year in target.years.all()}
    first = min([*targets, this_year])
    last = max([*targets, this_year, target.final_fiscal_year or this_year])
    actuals = _actuals(target, range(first, this_year + 1))
    lines = [
        YearLine(year, targets.get(year), actuals.get(year)) for year in range(first, last + 1)
    ]
    projection = (
        linear_projection(actuals, target.final_fiscal_year)
        if target.final_fiscal_year and target.final_fiscal_year > this_year
        else None
    )
    return Progress(target, lines, projection)


def _actuals(target: Target, years: range) -> dict[int, int]:
    if target.metric in (Metric.TYPE_HOLDERS, Metric.LEVEL_HOLDERS):
        return {year: _holders(target, fiscal_year_end(year)) for year in years}
    if target.metric == Metric.COURSE_COMPLETERS:
        return {year: _completers(target, year) for year in years}
    if target.metric == Metric.CERTIFIED:
        return {year: _certified(target, fiscal_year_end(year)) for year in years}
    if target.metric == Metric.IMPROVEMENTS:
        per_year = {
            year: Improvement.unscoped.filter(
                body_id__in=counted_body_ids(target), fiscal_year=year
            ).count()
            for year in years
        }
    else:
        per_year = {
            y.fiscal_year: y.manual_actual
            for y in target.years.all()
            if y.manual_actual is not None and y.fiscal_year in years
        }
    return running_totals(per_year) if target.cumulative else per_year


def _holders(target: Target, on: date) -> int:
    """People of the body holding the type (or level) at the end of the year: a stock."""
    holdings = TalentHolding.unscoped.filter(body_id__in=counted_body_ids(target), since__lte=on)
    if target.metric == Metric.TYPE_HOLDERS:
        holdings = holdings.filter(talent_type=target.talent_type)
    else:
        holdings = holdings.filter(level=target.level)
    return holdings.values("staff_id").distinct().count()


def _completers(target: Target, year: int) -> int:
    """People who completed the course in the year, or by its end when cumulative (a person
    trained twice counts once)."""
    completions = Completion.unscoped.filter(
        body_id__in=counted_body_ids(target),
        course=target.course,
        completed_on__lte=fiscal_year_end(year),
    )
    if not target.cumulative:
        completions = completions.filter(completed_on__gte=fiscal_year_start(year))
    return completions.values("staff_id").distinct().count()


def _certified(target: Target, on: date) -> int:
    """People holding a certification of the rule that is valid at the end of the year."""
    from dxjinzai.plans.models import Certification

    valid = Certification.unscoped.filter(rule=target.certification_rule, certified_on__lte=on)
    valid = valid.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
    return valid.values("staff_id").distinct().count()


def target_history(target: Target) -> QuerySet:
    """Who changed the target's figures, when, from what to what (the audit entries of the
    target): a year's actual corrected after the year closed stays traceable."""
    from dxjinzai.core.models import AuditEntry

    return AuditEntry.unscoped.filter(
        body=target.body, target_type=Target._meta.verbose_name, target_id=str(target.pk)
    ).order_by("-at", "-id")
