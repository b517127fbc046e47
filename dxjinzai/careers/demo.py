"""極めたい分野挑戦制度 on the demo prefecture (静岡県 standing in for 愛知県, CASES.md case
13): a call every year since 2015 with three fields, ten applications to the ICT・DX分野 over
the years (the seed: 「2015年以降10名応募」) beside the other fields, and this year's call open
now. No random draw: the eligible staff apply in turn (one application each a year; a
small demo's few eligible people apply again in later years)."""

from __future__ import annotations

from datetime import date, timedelta

from dxjinzai.careers import services
from dxjinzai.careers.models import Decision
from dxjinzai.careers.rules import years_of_service
from dxjinzai.lib.fiscal import fiscal_year_of
from dxjinzai.organizations.models import Body, StaffMember

FIRST_YEAR = 2015
FIELDS = ["ICT・DX分野", "福祉分野", "産業振興分野"]
MIN_YEARS = 10
# ICT・DX分野 applications by year: ten from 2015 to 2025.
ICT_BY_YEAR = {2015: 1, 2017: 1, 2018: 1, 2020: 1, 2021: 2, 2022: 1, 2023: 1, 2024: 1, 2025: 1}
# Each year one application to each other field.
OTHERS_A_YEAR = 1


def build_careers_demo(*, body: Body, staff: list[StaffMember], today: date) -> None:
    this_year = fiscal_year_of(today)
    # The first four are the demo accounts: they apply themselves if they wish.
    candidates = sorted(staff[4:], key=lambda s: (s.hire_date or today, s.number))
    turn = [0]
    for year in range(FIRST_YEAR, this_year + 1):
        opens_on, closes_on = _window(year, this_year, today)
        call = services.call_save(
            actor=None,
            body=body,
            fiscal_year=year,
            offered_fields=FIELDS,
            opens_on=opens_on,
            closes_on=closes_on,
            min_years_of_service=MIN_YEARS,
            description="ジョブローテーションを終えた職員が、班長ポストに就くまで希望する分野を軸に職務を行います。",
        )
        if year == this_year:
            continue  # open now: nobody has applied yet
        wanted = [FIELDS[0]] * ICT_BY_YEAR.get(year, 0) + [
            f for f in FIELDS[1:] for _ in range(OTHERS_A_YEAR)
        ]
        this_call: set[int] = set()
        for n, field in enumerate(wanted):
            person = _next_eligible(candidates, turn, this_call, opens_on)
            application = services.application_submit(
                actor=None,
                call=call,
                staff=person,
                field=field,
                statement=f"{field}を軸に、計画的に専門性を高めたい。",
                today=opens_on,
            )
            services.application_decide(
                actor=None,
                application=application,
                decision=Decision.DECLINED if (year + n) % 4 == 0 else Decision.ACCEPTED,
                reason="",
                today=closes_on + timedelta(days=20),
            )


def _window(year: int, this_year: int, today: date) -> tuple[date, date]:
    """September of each past year; this year's call is open around today."""
    if year == this_year:
        return today - timedelta(days=28), today + timedelta(days=16)
    return date(year, 9, 1), date(year, 9, 30)


def _next_eligible(
    candidates: list[StaffMember], turn: list[int], this_call: set[int], on: date
) -> StaffMember:
    """The next eligible person after the last one chosen, not yet applying to this call."""
    for step in range(len(candidates)):
        person = candidates[(turn[0] + step) % len(candidates)]
        hired = person.hire_date
        if person.pk not in this_call and hired and years_of_service(hired, on) >= MIN_YEARS:
            turn[0] += step + 1
            this_call.add(person.pk)
            return person
    raise RuntimeError("no eligible staff left for the demo's 挑戦制度")
