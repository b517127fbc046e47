"""How busy an expert is: the internal reads the services and the matching need.

Unscoped on purpose: a cap counts every request the expert took, whoever may see them.
"""

from __future__ import annotations

from datetime import date

from django.db.models.functions import Coalesce

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
    # A request counts on the day it takes place: the decided date, else the first choice.
    taken = taken.annotate(on=Coalesce("decided_date", "desired_date"))
    fiscal_year = fiscal_year_of(day)
    in_year = taken.filter(
        on__gte=fiscal_year_start(fiscal_year), on__lte=fiscal_year_end(fiscal_year)
    )
    in_month = in_year.filter(on__year=day.year, on__month=day.month)
    return in_month.count(), in_year.count()
