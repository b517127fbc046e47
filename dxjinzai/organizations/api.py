"""REST operations on bodies, departments, staff and appointments (/api/v1/)."""

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from dxjinzai.core import clock
from dxjinzai.core.access import Perm, body_for
from dxjinzai.lib.tabular import Table
from dxjinzai.organizations import selectors, services
from dxjinzai.organizations.import_jobs import plan_report
from dxjinzai.organizations.models import Body, Department, Grade
from dxjinzai.organizations.staff_import import ImportStopped
from dxjinzai.organizations.staff_import_plan import ImportPlan, planned_staff_import

router = Router(tags=["団体・職員"])

# More pages than any body has staff; beyond it the request is refused (422), not run.
MAX_PAGE = 100_000
# What PATCH null means for each field: clear it (optional links and dates → None, optional
# text → ""), or an error for the fields a person always has.
CLEARED_TO_NONE = {"department_code", "grade", "hire_date"}
CLEARED_TO_BLANK = {"email", "employment_kind"}


class BodyOut(Schema):
    code: str | None
    name: str
    kana: str
    kind: str
    population: int | None


class DepartmentOut(Schema):
    id: int
    code: str
    name: str
    parent_code: str | None = Field(None, alias="parent.code")
    valid_from: date
    valid_to: date | None


class StaffOut(Schema):
    number: str
    family_name: str
    given_name: str
    family_name_kana: str
    given_name_kana: str
    email: str
    department_code: str | None = Field(None, alias="department.code")
    grade: str | None = Field(None, alias="grade.name")
    employment_kind: str
    status: str
    hire_date: date | None


class StaffIn(Schema):
    number: str
    family_name: str
    given_name: str
    family_name_kana: str
    given_name_kana: str
    email: str = ""
    department_code: str | None = None
    grade: str | None = None
    employment_kind: str = ""
    status: str = "active"
    hire_date: date | None = None


class StaffPatch(Schema):
    family_name: str | None = None
    given_name: str | None = None
    family_name_kana: str | None = None
    given_name_kana: str | None = None
    email: str | None = None
    department_code: str | None = None
    grade: str | None = None
    employment_kind: str | None = None
    status: str | None = None
    hire_date: date | None = None


class BulkRow(Schema):
    """One row as the personnel system sends it; the same columns as the file import."""

    職員番号: str
    氏: str
    名: str
    氏フリガナ: str
    名フリガナ: str
    所属コード: str = ""
    職層: str = ""
    雇用区分: str = ""
    メールアドレス: str = ""
    採用日: str = ""


class BulkIn(Schema):
    rows: list[BulkRow]
    complete: bool = False
    dry_run: bool = False
    # A complete list retiring more than a tenth of the active staff is refused (422) unless
    # this is set (organizations.rules.too_many_retirements).
    confirm_retirements: bool = False


class BulkOut(Schema):
    written: bool
    counts: dict[str, int]
    problems: list[dict[str, Any]]
    report: dict[str, Any]


class AppointmentOut(Schema):
    id: int
    kind: str
    body_code: str | None = Field(None, alias="body.code")
    department_code: str | None = Field(None, alias="department.code")
    title: str
    is_concurrent: bool
    fixed_term_basis: str
    start_date: date
    end_date: date | None


class AppointmentIn(Schema):
    kind: str
    department_code: str | None = None
    title: str = ""
    is_concurrent: bool = False
    fixed_term_basis: str = ""
    specially_needed: bool = False
    days_per_month: float | None = None
    adviser_contract: str = ""
    start_date: date
    end_date: date | None = None


class StaffFilterIn(Schema):
    q: str = ""
    department_code: str = ""
    status: str = "active"


def _access(request: HttpRequest) -> Any:
    return request.access  # type: ignore[attr-defined]


def _actor(request: HttpRequest) -> Any:
    """Writes through a token are the acts of the official who issued it."""
    return request.auth.created_by  # type: ignore[attr-defined]


@router.get("/bodies", response=list[BodyOut], summary="利用できる団体")
def list_bodies(request: HttpRequest) -> Any:
    return selectors.body_list(_access(request))


@router.get("/bodies/{code}/departments", response=list[DepartmentOut], summary="所属の一覧")
def list_departments(request: HttpRequest, code: str, as_of: date | None = None) -> Any:
    body = body_for(_access(request), code, Perm.VIEW_DEPARTMENTS)
    return selectors.department_list(_access(request), body, as_of=as_of or clock.today())


class StaffPages(PageNumberPagination):
    """Pages as ninja counts them, with a page number a database can take (a 64-bit page
    number made SQLite's OFFSET overflow)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=100)


@router.get("/bodies/{code}/staff", response=list[StaffOut], summary="職員の一覧")
@paginate(StaffPages, page_size=100)
def list_staff(request: HttpRequest, code: str, filters: Query[StaffFilterIn]) -> Any:
    access = _access(request)
    body = body_for(access, code, Perm.VIEW_STAFF_LIST)
    department = (
        _department(access, body, filters.department_code) if filters.department_code else None
    )
    return selectors.staff_list(
        access,
        body,
        selectors.StaffFilter(
            q=filters.q, department_id=department.pk if department else None, status=filters.status
        ),
    )


# Before the {number} routes: Django matches URL patterns in order.
@router.post(
    "/bodies/{code}/staff/bulk",
    response=BulkOut,
    summary="職員の一括登録・更新（人事給与システム連携）",
)
def bulk_upsert_staff(request: HttpRequest, code: str, payload: BulkIn) -> Any:
    """The file import's rules and guarantees: every row validated first; any error and
    nothing is written; one transaction; one audit entry."""
    body = body_for(_access(request), code, Perm.MANAGE_STAFF)
    headers = list(BulkRow.model_fields)
    table = Table(
        headers=headers,
        rows=(
            (n, [str(getattr(row, h)) for h in headers])
            for n, row in enumerate(payload.rows, start=1)
        ),
        encoding="json",
    )
    try:
        with planned_staff_import(
            body=body, table=table, complete=payload.complete, today=clock.today()
        ) as plan:
            return _bulk_outcome(request, body, plan, payload)
    except ImportStopped as stopped:
        return {
            "written": False,
            "counts": {},
            "problems": [p.as_dict() for p in stopped.problems],
            "report": {},
        }


def _bulk_outcome(request: HttpRequest, body: Body, plan: ImportPlan, payload: BulkIn) -> Any:
    problems = [p.as_dict() for p in plan.problems]
    if plan.has_errors or payload.dry_run:
        return {
            "written": False,
            "counts": plan.counts(),
            "problems": problems,
            "report": plan_report(plan),
        }
    counts = services.staff_import_apply(
        actor=_actor(request),
        body=body,
        plan=plan,
        only_valid=False,
        source="API",
        confirm_retirements=payload.confirm_retirements,
    )
    return {"written": True, "counts": counts, "problems": problems, "report": plan_report(plan)}


@router.get("/bodies/{code}/staff/{staff_number:number}", response=StaffOut, summary="職員")
def get_staff(request: HttpRequest, code: str, number: str) -> Any:
    body = body_for(_access(request), code, Perm.VIEW_STAFF_LIST)
    return selectors.staff_get(_access(request), body, number)


@router.post("/bodies/{code}/staff", response={201: StaffOut}, summary="職員の登録")
def create_staff(request: HttpRequest, code: str, payload: StaffIn) -> Any:
    access = _access(request)
    body = body_for(access, code, Perm.MANAGE_STAFF)
    fields = _resolved(access, body, payload.dict())
    return Status(201, services.staff_create(actor=_actor(request), body=body, **fields))


@router.patch("/bodies/{code}/staff/{staff_number:number}", response=StaffOut, summary="職員の更新")
def update_staff(request: HttpRequest, code: str, number: str, payload: StaffPatch) -> Any:
    access = _access(request)
    body = body_for(access, code, Perm.MANAGE_STAFF)
    staff = selectors.staff_get(access, body, number)
    changes = _resolved(access, body, _patch_values(request, payload))
    return services.staff_update(actor=_actor(request), staff=staff, **changes)


def _patch_values(request: HttpRequest, payload: StaffPatch) -> dict[str, Any]:
    """The fields a PATCH sets, with null read as the field's documented meaning."""
    from django.core.exceptions import ValidationError

    if request.body.strip() in (b"", b"null"):
        raise ValidationError("更新する項目をJSONのオブジェクトで送ってください。")
    values = payload.dict(exclude_unset=True)
    refused = {
        name: ["この項目は null にできません。"]
        for name, value in values.items()
        if value is None and name not in CLEARED_TO_NONE | CLEARED_TO_BLANK
    }
    if refused:
        raise ValidationError(refused)
    return {
        name: "" if value is None and name in CLEARED_TO_BLANK else value
        for name, value in values.items()
    }


@router.get(
    "/bodies/{code}/staff/{staff_number:number}/appointments",
    response=list[AppointmentOut],
    summary="任用・配置の一覧",
)
def list_appointments(request: HttpRequest, code: str, number: str) -> Any:
    access = _access(request)
    body = body_for(access, code, Perm.VIEW_STAFF_LIST)
    return selectors.appointment_list_for_staff(access, selectors.staff_get(access, body, number))


@router.post(
    "/bodies/{code}/staff/{staff_number:number}/appointments",
    response={201: AppointmentOut},
    summary="任用・配置の登録",
)
def create_appointment(request: HttpRequest, code: str, number: str, payload: AppointmentIn) -> Any:
    access = _access(request)
    body = body_for(access, code, Perm.MANAGE_STAFF)
    staff = selectors.staff_get(access, body, number)
    fields = payload.dict()
    department_code = fields.pop("department_code")
    fields["department"] = _department(access, body, department_code) if department_code else None
    appointment = services.appointment_create(
        actor=_actor(request), staff=staff, body=body, **fields
    )
    return Status(201, appointment)


def _department(access: Any, body: Any, code: str) -> Department:
    from django.core.exceptions import ValidationError

    department = (
        selectors.department_list(access, body, as_of=clock.today()).filter(code=code).first()
    )
    if department is None:
        raise ValidationError({"department_code": f"所属コード「{code}」の所属がありません。"})
    return department


def _resolved(access: Any, body: Any, fields: dict[str, Any]) -> dict[str, Any]:
    """Codes and names from the API turned into the objects the services take."""
    from django.core.exceptions import ValidationError

    if "department_code" in fields:
        code = fields.pop("department_code")
        fields["department"] = _department(access, body, code) if code else None
    if "grade" in fields:
        name = fields.pop("grade")
        grade = (
            Grade.objects.visible_to(access).filter(body=body, name=name).first() if name else None
        )
        if name and grade is None:
            raise ValidationError({"grade": f"職層「{name}」が登録されていません。"})
        fields["grade"] = grade
    return fields
