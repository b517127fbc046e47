"""福井県-style division dashboard: scores by division, ranking, chart, drill-down."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Page
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import render

from dxjinzai.core import clock
from dxjinzai.core.access import AccessRequest, Perm, requires
from dxjinzai.core.access_records import records_access
from dxjinzai.core.charts import bar_chart
from dxjinzai.core.listing import list_response
from dxjinzai.dashboards import selectors
from dxjinzai.dashboards.aggregates import DivisionScores
from dxjinzai.dashboards.exports import (
    COVERAGE_COLUMNS,
    DIVISION_COLUMNS,
    PEOPLE_COLUMNS,
    TREND_COLUMNS,
)
from dxjinzai.dashboards.forms import DashboardForm
from dxjinzai.dashboards.rules import (
    default_coverage_type,
    default_leader_class,
    division_coverage,
)
from dxjinzai.improvements.selectors import improvement_list
from dxjinzai.lib.fiscal import fiscal_year_label, fiscal_year_of
from dxjinzai.organizations import selectors as org_selectors
from dxjinzai.organizations.models import Body
from dxjinzai.plans.selectors import target_list, target_progress
from dxjinzai.skills.models import RoleClass


@dataclass(frozen=True)
class Choice:
    fiscal_year: int
    leader: RoleClass | None
    sort: str


def _choice(request: AccessRequest, body: Body) -> tuple[DashboardForm, Choice]:
    """The year, the DX leaders' role class (by default the one named DXリーダー) and the
    ranking, from the query string."""
    this_year = fiscal_year_of(clock.today())
    role_classes = selectors.leader_class_choices(body)
    default_leader = default_leader_class(role_classes)
    form = DashboardForm(
        request.GET or None,
        initial={
            "fiscal_year": this_year,
            "leader_class": default_leader.pk if default_leader else None,
            "sort": "mandatory",
        },
        fiscal_years=list(range(this_year, this_year - 5, -1)),
        role_classes=role_classes,
    )
    if not (form.is_bound and form.is_valid()):
        return form, Choice(this_year, default_leader, "mandatory")
    data = form.cleaned_data
    leader = next((r for r in role_classes if r.pk == data["leader_class"]), None)
    return form, Choice(data["fiscal_year"], leader, data["sort"] or "mandatory")


def _ranked(rows: list[DivisionScores], sort: str) -> list[DivisionScores]:
    """Highest score first, numbered; divisions the score does not apply to (対象者なし)
    come last without a number: they are not last, they are not ranked."""
    if sort == "code":
        return rows
    ranked = sorted(
        rows,
        key=lambda r: (
            getattr(r, sort) is None,
            -(getattr(r, sort).percent if getattr(r, sort) else 0),
        ),
    )
    for place, row in enumerate(ranked, start=1):
        row.rank = place if getattr(row, sort) is not None else None
    return ranked


@requires(Perm.VIEW_BODY)
def division_dashboard(request: AccessRequest, body: Body) -> HttpResponseBase:
    form, chosen = _choice(request, body)
    rows = _ranked(
        selectors.division_overview(
            body, fiscal_year=chosen.fiscal_year, today=clock.today(), leader_class=chosen.leader
        ),
        chosen.sort,
    )
    return list_response(
        request,
        template="dashboards/division_dashboard.html",
        rows=rows,
        columns=DIVISION_COLUMNS,
        export_basename=f"所属別ダッシュボード_{body.name}_{chosen.fiscal_year}",
        body=body,
        context={
            "body": body,
            "form": form,
            "chosen": chosen,
            "can_drill": request.access.can(Perm.VIEW_STAFF_LIST, body.pk),
            "nothing_ranked": chosen.sort != "code" and all(r.rank is None for r in rows),
        },
        page_context=lambda page: _page_chart(page, _own_divisions(request)),
    )


def _own_divisions(request: AccessRequest) -> set[int]:
    """The divisions the viewer works in or heads: their bars stand out on the chart."""
    own = org_selectors.own_staff_record(request.access)
    return {
        *request.access.headed_department_ids,
        *([own.department_id] if own and own.department_id else []),
    }


def _page_chart(page: Page, own: set[int]) -> dict:
    """The chart draws the divisions of the page shown, in the table's order (a body of
    1,000 divisions would otherwise get a chart 25,000 pixels tall)."""
    chart = bar_chart(
        [(r.department.name, r.mandatory.percent if r.mandatory else None) for r in page],
        scale=Decimal(100),
        unit="%",
        highlighted={index for index, r in enumerate(page) if r.department.pk in own},
    )
    return {"chart": chart, "highlight_note": "太字・▶・橙色はあなたの所属" if own else ""}


@requires(Perm.VIEW_STAFF_LIST)
@records_access("所属別の個人")
def division_detail(request: AccessRequest, body: Body, pk: int) -> HttpResponseBase:
    """The people behind one division's figures, as far as the viewer may see them."""
    _, chosen = _choice(request, body)
    access = request.access
    department = org_selectors.department_get(access, body, pk)
    rows = selectors.division_rows(
        body,
        fiscal_year=chosen.fiscal_year,
        today=clock.today(),
        leader_class=chosen.leader,
        department=department,
    )
    if not rows:
        raise Http404("この所属には職員がいません。")
    row = rows[0]
    people = selectors.visible_people(access, row)
    return list_response(
        request,
        template="dashboards/division_detail.html",
        rows=people,
        columns=PEOPLE_COLUMNS,
        export_basename=f"所属別ダッシュボード_{row.department.name}_{chosen.fiscal_year}",
        body=body,
        context={
            "body": body,
            "row": row,
            "people": people,
            "improvements": improvement_list(
                access, body, fiscal_year=chosen.fiscal_year, department=row.department
            ),
            "chosen": chosen,
            "query": request.GET.urlencode(),
        },
    )


@requires(Perm.VIEW_BODY)
def division_coverage_view(request: AccessRequest, body: Body) -> HttpResponseBase:
    """Which divisions have a person of the chosen type, and which lack one."""
    access = request.access
    types = selectors.type_choices(body)
    chosen = next((t for t in types if str(t.pk) == request.GET.get("type")), None)
    chosen = chosen or default_coverage_type(list(types))
    rows = selectors.coverage_rows(body, on=clock.today(), talent_type=chosen, role_class=None)
    coverage = division_coverage({row.department.pk: len(row.holders) for row in rows})
    if request.GET.get("missing") == "1":
        rows = [row for row in rows if not row.covered]
    visible = org_selectors.visible_staff_ids(access, [p.pk for row in rows for p in row.holders])
    for row in rows:
        row.visible_names = [p.full_name for p in row.holders if p.pk in visible]
    chart = bar_chart(
        [(row.department.name, Decimal(len(row.holders))) for row in rows],
        scale=Decimal(max([len(row.holders) for row in rows] + [1])),
        unit="人",
    )
    return list_response(
        request,
        template="dashboards/coverage.html",
        rows=rows,
        columns=COVERAGE_COLUMNS,
        export_basename=f"所属別配置状況_{body.name}",
        body=body,
        context={
            "body": body,
            "types": types,
            "chosen": chosen,
            "coverage": coverage,
            "missing_only": request.GET.get("missing") == "1",
            "chart": chart,
        },
    )


@requires(Perm.VIEW_BODY)
def steering(request: AccessRequest, body: Body) -> HttpResponse:
    """The numbers that steer the programmes, each linking to its list; print-friendly."""
    access = request.access
    today = clock.today()
    figures = selectors.steering_figures(body, today=today)
    progress = [target_progress(t, today=today) for t in target_list(access, body)]
    chart = bar_chart(
        [(f"{h.name}", Decimal(h.people)) for h in figures.held],
        scale=Decimal(max([h.people for h in figures.held] + [1])),
        unit="人",
    )
    return render(
        request,
        "dashboards/steering.html",
        {
            "body": body,
            "today": today,
            "figures": figures,
            "progress": progress,
            "chart": chart,
            "can_hr": access.can(Perm.VIEW_STAFF_LIST, body.pk),
        },
    )


@requires(Perm.VIEW_BODY)
def division_trend(request: AccessRequest, body: Body) -> HttpResponseBase:
    """The scores over the last five fiscal years, for the body or one division."""
    _, chosen = _choice(request, body)
    departments = org_selectors.departments_by_id(request.access, body)
    department_text = request.GET.get("department", "")
    department = departments.get(int(department_text)) if department_text.isdigit() else None
    this_year = fiscal_year_of(clock.today())
    points = selectors.division_trend(
        body,
        years=list(range(this_year - 4, this_year + 1)),
        today=clock.today(),
        leader_class=chosen.leader,
        department=department,
    )
    chart = bar_chart(
        [
            (fiscal_year_label(p.fiscal_year), p.mandatory.percent if p.mandatory else None)
            for p in points
        ],
        scale=Decimal(100),
        unit="%",
    )
    return list_response(
        request,
        template="dashboards/trend.html",
        rows=points,
        columns=TREND_COLUMNS,
        export_basename=f"所属別ダッシュボード_推移_{body.name}",
        body=body,
        context={
            "body": body,
            "department": department,
            "departments": sorted(departments.values(), key=lambda d: d.code),
            "chart": chart,
        },
    )
