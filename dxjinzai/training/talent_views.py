"""A person's whole talent record and the talent search (北海道): they read skills and
training alike, so they live in training, the app above skills."""

from __future__ import annotations

from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import render

from dxjinzai.core import clock
from dxjinzai.core.access import AccessRequest, Perm, requires
from dxjinzai.core.access_records import records_access
from dxjinzai.core.listing import list_response
from dxjinzai.organizations.models import Body
from dxjinzai.organizations.selectors import staff_get
from dxjinzai.skills.exports import SEARCH_COLUMNS
from dxjinzai.skills.forms import TalentSearchForm
from dxjinzai.skills.search import TalentQuery, talent_search_nothing
from dxjinzai.skills.search import talent_search as talent_search_query
from dxjinzai.training.record import search_choices, talent_record


@requires(Perm.VIEW_BODY)
@records_access("人材の記録")
def staff_talent(request: AccessRequest, body: Body, number: str) -> HttpResponse:
    """One person's talent record: types, qualifications, training, what is required."""
    access = request.access
    staff = staff_get(access, body, number)
    return render(
        request,
        "training/staff_talent.html",
        {
            "body": body,
            "staff": staff,
            "record": talent_record(access, staff, today=clock.today()),
            "can_manage": access.can(Perm.MANAGE_TALENT, body.pk),
            "is_self": staff.pk == access.staff_id,
        },
    )


@requires(Perm.VIEW_STAFF_LIST)
@records_access("人材の検索")
def talent_search(request: AccessRequest, body: Body) -> HttpResponseBase:
    """Finding latent talent (北海道): only staff the searcher may see are ever listed."""
    access = request.access
    form = TalentSearchForm(request.GET or None, choices=search_choices(access, body))
    searched = form.is_bound and form.is_valid()
    rows = (
        talent_search_query(access, body, _query(form.cleaned_data))
        if searched
        else talent_search_nothing()
    )
    return list_response(
        request,
        template="training/talent_search.html",
        rows=rows,
        columns=SEARCH_COLUMNS,
        export_basename=f"人材検索_{body.name}",
        body=body,
        context={"body": body, "form": form, "searched": searched},
    )


def _query(data: dict) -> TalentQuery:
    def pk(name: str) -> int | None:
        return data[name].pk if data.get(name) else None

    return TalentQuery(
        text=data.get("text", ""),
        qualification_id=pk("qualification"),
        course_id=pk("course"),
        talent_type_id=pk("talent_type"),
        skill_item_id=pk("skill_item"),
        min_proficiency=data.get("min_proficiency"),
    )
