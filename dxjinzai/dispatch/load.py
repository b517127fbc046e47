"""How busy an expert is: the internal reads the services and the matching need.

Unscoped on purpose: a cap counts every request the expert took, whoever may see them.
"""

from __future__ import annotations

from datetime import date

from dxjinzai.dispatch.models import DispatchRequest, Expert, ExpertUnavailableDay, RequestStatus
from dxjinzai.lib.fiscal import fiscal_year_end, fiscal_year_of, fiscal_year_start

# Statuses that take one of the expert's cap.
COUNTED = (RequestStatus.DECIDED, RequestStatus.DONE, RequestStatus.REPORTED)


def unavailable_on(expert: Expert, day: date) -> bool:
    return ExpertUnavailableDay.objects.filter(expert=expert, day=day).exists()


def expert_load(
    expert: Expert, day: date, *, exclude: DispatchRequest | None = None
) -> tuple[int, int]:
    """(requests in the month of `day`, requests in its fiscal year) that count to the caps."""
    taken = DispatchRequest.unscoped.filter(expert=expert, status__in=COUNTED)
    if exclude is not None and exclude.pk:
        taken = taken.exclude(pk=exclude.pk)
    fiscal_year = fiscal_year_of(day)
    in_year = taken.filter(
        desired_date__gte=fiscal_year_start(fiscal_year),
        desired_date__lte=fiscal_year_end(fiscal_year),
    )
    in_month = in_year.filter(desired_date__year=day.year, desired_date__month=day.month)
    return in_month.count(), in_year.count()
