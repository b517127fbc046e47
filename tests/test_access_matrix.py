"""Every route against every kind of visitor: anonymous, another body's user (404), a role
too weak (403) and the roles allowed (200).

The test enumerates the URL configuration: a view added without an access rule, or without
a row here, fails it.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from dxjinzai.organizations.testing import Cast

# Routes that Django's own apps guard (the admin: superusers only) or that are public on purpose.
PUBLIC_ROUTES = {
    "login",
    # A forgotten password: the single-use link in the mail is the credential (core tests).
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "dispatch_public_request",
    "dispatch_public_confirm",
    # Calendar feeds: the secret in the address is the credential (tested in reminders).
    "person_calendar",
    "body_calendar",
    # Recruitment's public pages: people outside the platform apply (tested in recruitment).
    "job_list",
    "job_detail",
    "job_confirm",
    "job_photo",
    "job_erase",
    # A community's calendar feed: the secret in the address is the credential.
    "community_calendar",
    "api_not_found",
    "health",
    # Single sign-on: the identity provider proves who signs in (organizations tests).
    "single_sign_on_start",
    "single_sign_on_callback",
}
# The admin guards itself (superusers only); the API's operations are in tests/test_api.py.
OWN_GUARD_PREFIXES = ("admin:", "api:")


def _all_route_names() -> dict[str, Callable]:
    names: dict[str, Callable] = {}

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(
                    pattern.url_patterns,
                    f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace,
                )
            elif isinstance(pattern, URLPattern) and pattern.name:
                names[f"{namespace}{pattern.name}"] = pattern.callback

    walk(get_resolver().url_patterns)
    return {n: cb for n, cb in names.items() if not n.startswith(OWN_GUARD_PREFIXES)}


@dataclass(frozen=True)
class Row:
    """kwargs(cast) builds the URL for body A; allowed and weak are cast user keys."""

    kwargs: Callable[[Cast], dict]
    allowed: tuple[str, ...]
    weak: tuple[str, ...] = ()
    body_scoped: bool = True
    # Users to whom the object belongs to another body (or to someone else): 404.
    foreign: tuple[str, ...] = ("F.admin", "F.hr", "B.admin", "P.hr", "P.expert")
    # POST-only routes are called with POST; success is then a redirect.
    method: str = "get"


def _body(cast: Cast) -> dict:
    return {"body_key": cast.bodies["A"].code}


def _department(cast: Cast) -> dict:
    return _body(cast) | {"pk": cast.departments["A.digital"].pk}


def _staff(cast: Cast) -> dict:
    return _body(cast) | {"number": cast.staff["A.member"].number}


def _appointment(cast: Cast) -> dict:
    return _staff(cast) | {"pk": cast.appointments["A.member"].pk}


def _grant(cast: Cast) -> dict:
    from dxjinzai.organizations.models import RoleGrant

    return _body(cast) | {"pk": RoleGrant.objects.get(user=cast.users["A.hr"]).pk}


def _stopped_account(cast: Cast) -> dict:
    from dxjinzai.organizations.services import staff_update

    staff = cast.staff["A.member"]
    staff_update(actor=None, staff=staff, status="retired")
    staff_update(actor=None, staff=staff, status="active")
    return _body(cast) | {"pk": cast.users["A.staff"].pk}


def _import_run(cast: Cast) -> dict:
    from dxjinzai.organizations.import_jobs import staff_import_start

    data = "職員番号,氏名,フリガナ\n09001,取込 太郎,トリコミ タロウ\n".encode()
    run = staff_import_start(actor=None, body=cast.bodies["A"], filename="a.csv", data=data)
    return _body(cast) | {"pk": run.pk}


def _token(cast: Cast) -> dict:
    from dxjinzai.core.services import api_token_create

    token, _ = api_token_create(
        actor=cast.users["A.admin"], body=cast.bodies["A"], name="連携", scope="read"
    )
    return _body(cast) | {"pk": token.pk}


# The training and dispatch casts cost about a fifth of a second each; most rows need one.
# They are built once per module, beside the cast, in the module's transaction (see
# `_prebuilt_casts`), and each test gets its own copy of the instances.
_PREBUILT: dict[str, object] = {}


@pytest.fixture(scope="module")
def _prebuilt_casts(_module_cast, django_db_blocker):
    from django.db import transaction

    from dxjinzai.dispatch.testing import build_dispatch_cast
    from dxjinzai.training.testing import build_training_cast

    # In a savepoint above the shared cast, undone when the module ends.
    with django_db_blocker.unblock(), transaction.atomic():
        _PREBUILT["training"] = build_training_cast(_module_cast)
        _PREBUILT["dispatch"] = build_dispatch_cast(_module_cast)
        yield
        _PREBUILT.clear()
        transaction.set_rollback(True)


@pytest.fixture
def cast(cast, _prebuilt_casts):
    """The cast, with the training and dispatch casts built once for the module (only for
    the tests that use the database: a test that does not must not open it)."""
    return cast


def _dispatch(cast: Cast) -> dict:
    from dxjinzai.dispatch.testing import build_dispatch_cast

    if "dispatch" in _PREBUILT:
        return copy.deepcopy(_PREBUILT["dispatch"])  # type: ignore[return-value]
    return build_dispatch_cast(cast)  # called from another module (the export scan)


def _scheme(cast: Cast) -> dict:
    return {"scheme_id": _dispatch(cast)["scheme"].pk}


def _dispatch_request(cast: Cast) -> dict:
    made = _dispatch(cast)
    return {"scheme_id": made["scheme"].pk, "pk": made["request"].pk}


def _activity(cast: Cast) -> dict:
    made = _dispatch(cast)
    return {"scheme_id": made["scheme"].pk, "pk": made["activity"].pk}


def _submission(cast: Cast) -> dict:
    from dxjinzai.dispatch.models import PublicSubmission

    made = _dispatch(cast)
    submission = PublicSubmission.unscoped.create(
        body=cast.bodies["P"],
        scheme=made["scheme"],
        organisation="県立高校",
        organisation_kind="school",
        contact_name="高校 担当",
        contact_email="school@example.jp",
        theme="情報モラル",
        fields=["データ活用"],
        desired_date="2027-02-01",
        token="t" * 20,
        status="review",
    )
    return {"scheme_id": made["scheme"].pk, "pk": submission.pk}


def _expert(cast: Cast) -> dict:
    made = _dispatch(cast)
    return {"scheme_id": made["scheme"].pk, "pk": made["expert"].pk}


def _training(cast: Cast):
    from dxjinzai.training.testing import build_training_cast

    if "training" in _PREBUILT:
        return copy.deepcopy(_PREBUILT["training"])
    return build_training_cast(cast)  # called from another module (the export scan)


def _framework(cast: Cast) -> dict:
    return {"pk": _training(cast).own_framework.pk}


def _course(cast: Cast) -> dict:
    return {"pk": _training(cast).course.pk}


def _session(cast: Cast) -> dict:
    return {"pk": _training(cast).session.pk}


def _staff_with_frameworks(cast: Cast) -> dict:
    _training(cast)
    return _staff(cast)


def _shared_talent_type(cast: Cast) -> dict:
    return {"pk": _training(cast).shared_framework.types.all()[0].pk}


def _certified_completion(cast: Cast) -> dict:
    from datetime import date

    from dxjinzai.training.services import completion_record

    made = _training(cast)
    made.course.issues_certificate = True
    made.course.save()
    completion = completion_record(
        actor=None,
        application=made.member_own,
        completed_on=made.session.ends_on,
        today=date.today(),
    )
    return {"pk": completion.pk}


def _own_qualification(cast: Cast) -> dict:
    from dxjinzai.skills.services import qualification_create

    made = qualification_create(
        actor=None, body=cast.bodies["A"], name="甲市DX検定", category="other"
    )
    return _body(cast) | {"pk": made.pk}


def _exam_date(cast: Cast) -> dict:
    from datetime import date

    from dxjinzai.skills.models import Qualification
    from dxjinzai.skills.services import exam_date_create

    made = exam_date_create(
        actor=None,
        body=cast.bodies["A"],
        qualification=Qualification.objects.get(body__isnull=True, name="ITパスポート試験"),
        exam_on=date(2027, 2, 14),
    )
    return _body(cast) | {"pk": made.pk}


def _improvement(cast: Cast) -> dict:
    from datetime import date

    from dxjinzai.improvements.services import improvement_create

    made = improvement_create(
        actor=None,
        body=cast.bodies["A"],
        department=cast.departments["A.digital"],
        fiscal_year=2026,
        title="電子申請で窓口の待ち時間を短縮",
        summary="よく使われる申請を電子化した。",
        today=date(2026, 11, 26),
    )
    return _body(cast) | {"pk": made.pk}


def _target(cast: Cast) -> dict:
    from dxjinzai.plans.services import target_create

    made = target_create(
        actor=None,
        body=cast.bodies["A"],
        name="内製システム 3本",
        metric="manual",
        yearly_targets={2026: 1, 2027: 2},
        final_fiscal_year=2028,
        final_value=3,
        unit="本",
    )
    return _body(cast) | {"pk": made.pk}


def _certification_rule(cast: Cast) -> dict:
    from dxjinzai.plans.services import certification_rule_create

    rule = certification_rule_create(actor=None, body=cast.bodies["A"], name="DX人材認定")
    return _body(cast) | {"pk": rule.pk}


def _certification(cast: Cast) -> dict:
    from datetime import date

    from dxjinzai.plans.models import CertificationRule
    from dxjinzai.plans.services import certification_approve

    rule = CertificationRule.unscoped.get(pk=_certification_rule(cast)["pk"])
    made = certification_approve(
        actor=None, rule=rule, staff=cast.staff["A.member"], evaluation="", today=date.today()
    )
    return _body(cast) | {"pk": made.pk}


def _subsidy_application_made(cast: Cast):
    from dxjinzai.subsidies.testing import build_subsidy_cast

    return build_subsidy_cast(cast)["application"]


def _subsidy_application(cast: Cast) -> dict:
    return _body(cast) | {"pk": _subsidy_application_made(cast).pk}


def _own_subsidy_application(cast: Cast) -> dict:
    return {"pk": _subsidy_application_made(cast).pk}


def _pool_member(cast: Cast) -> dict:
    from datetime import date

    from dxjinzai.sharing.services import pool_member_create

    made = pool_member_create(
        actor=None,
        staff=cast.staff["A.member"],
        display_name="職員 次郎",
        fields=["データ利活用"],
        profile="",
        joined_on=date(2026, 4, 1),
    )
    return _body(cast) | {"pk": made.pk}


def _assignment(cast: Cast) -> dict:
    from datetime import date
    from decimal import Decimal

    from dxjinzai.sharing import services
    from dxjinzai.sharing.models import PoolMember

    member = PoolMember.unscoped.get(pk=_pool_member(cast)["pk"])
    made = services.assignment_create(
        actor=None,
        member=member,
        host=cast.bodies["B"],
        start=date(2026, 4, 1),
        share=Decimal("0.5"),
        legal_basis="dispatch",
    )
    return _body(cast) | {"pk": made.pk}


def _charge(*, employer: str, host: str, invoiced: bool = False) -> Callable[[Cast], dict]:
    """A pooled person of `employer` serving `host` at 0.5 with April's cost recorded."""

    def kwargs(cast: Cast) -> dict:
        from datetime import date
        from decimal import Decimal

        from dxjinzai.sharing import services

        member = services.pool_member_create(
            actor=None,
            staff=cast.staff[f"{employer}.other"],
            display_name="共通 四郎",
            fields=[],
            profile="",
            joined_on=date(2026, 4, 1),
        )
        services.assignment_create(
            actor=None,
            member=member,
            host=cast.bodies[host],
            start=date(2026, 4, 1),
            share=Decimal("0.5"),
            legal_basis="dispatch",
        )
        services.monthly_cost_set(
            actor=None, member=member, year=2026, month=4, items={"給料": 300_000}
        )
        if invoiced:
            services.charge_invoice(
                actor=None,
                employer=cast.bodies[employer],
                host=cast.bodies[host],
                fiscal_year=2026,
                amount=150_000,
                on=date(2026, 5, 1),
                today=date(2026, 5, 1),
            )
        counterpart = "employer_pk" if host == "A" else "host_pk"
        other = employer if host == "A" else host
        return _body(cast) | {"fiscal_year": 2026, counterpart: cast.bodies[other].pk}

    return kwargs


def _support(cast: Cast) -> dict:
    """A's request to the centre P, with a message carrying a file."""
    from datetime import date

    from django.core.files.uploadedfile import SimpleUploadedFile

    from dxjinzai.sharing import services

    request = services.support_request_file(
        actor=None,
        body=cast.bodies["A"],
        theme="窓口のオンライン化",
        field="データ利活用",
        urgency="normal",
        desired_from=date(2026, 12, 1),
        desired_until=date(2027, 3, 31),
        detail="相談",
        today=date(2026, 11, 26),
    )
    message = services.support_reply(
        actor=None,
        request=request,
        author_label="甲市",
        text="資料",
        attachment=SimpleUploadedFile("資料.txt", b"data"),
    )
    return _body(cast) | {"pk": request.pk, "message_pk": message.pk}


def _support_without_file(cast: Cast) -> dict:
    kwargs = _support(cast)
    kwargs.pop("message_pk")
    return kwargs


def _contract(cast: Cast) -> dict:
    from dxjinzai.sharing.services import joint_contract_create

    made = joint_contract_create(
        actor=None,
        body=cast.bodies["A"],
        name="DXアドバイザー共同契約",
        fiscal_year=2026,
        total_cost=1_000_000,
        split_rule="equal",
        participants=[cast.bodies["A"], cast.bodies["B"]],
    )
    return _body(cast) | {"pk": made.pk}


def _requirement(cast: Cast) -> dict:
    return _body(cast) | {"pk": _training(cast).requirement.pk}


def _application(attribute: str) -> Callable[[Cast], dict]:
    return lambda cast: {"pk": getattr(_training(cast), attribute).pk}


def _recruitment(cast: Cast) -> dict:
    from dxjinzai.recruitment.testing import build_recruitment_cast

    return build_recruitment_cast(cast)


def _posting(cast: Cast) -> dict:
    return _body(cast) | {"pk": _recruitment(cast)["posting"].pk}


def _photo(cast: Cast) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dxjinzai.recruitment.services import posting_photo_add

    posting = _recruitment(cast)["posting"]
    image = SimpleUploadedFile("職場.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    photo = posting_photo_add(actor=None, posting=posting, image=image, caption="執務室")
    return _body(cast) | {"pk": posting.pk, "photo_pk": photo.pk}


def _system(cast: Cast) -> dict:
    from datetime import date

    from dxjinzai.improvements.services import system_save

    system = system_save(
        actor=None,
        body=cast.bodies["A"],
        today=date(2026, 11, 29),
        name="施設予約の受付フォーム",
        kind="no_code",
        builders="山田 太郎",
        went_live_on=date(2026, 6, 1),
    )
    return _body(cast) | {"pk": system.pk}


def _advisers(cast: Cast) -> dict:
    from dxjinzai.advisers.testing import build_advisers_cast

    return build_advisers_cast(cast)


def _body_with_advisers(cast: Cast) -> dict:
    _advisers(cast)
    return _body(cast)


def _adviser_row(name: str) -> Callable[[Cast], dict]:
    return lambda cast: _body(cast) | {"pk": _advisers(cast)[name].pk}


def _projects(cast: Cast) -> dict:
    from dxjinzai.improvements.testing import build_projects_cast

    return build_projects_cast(cast)


def _project_row(name: str) -> Callable[[Cast], dict]:
    return lambda cast: _body(cast) | {"pk": _projects(cast)[name].pk}


def _moved_head(cast: Cast) -> dict:
    from dxjinzai.organizations.models import RoleGrant
    from dxjinzai.organizations.services import staff_update

    staff_update(actor=None, staff=cast.staff["A.head"], department=cast.departments["A.general"])
    grant = RoleGrant.objects.get(user=cast.users["A.head"], role="dept_head")
    return _body(cast) | {"pk": grant.pk}


def _own_session(cast: Cast) -> dict:
    from dxjinzai.core import clock
    from dxjinzai.core.services import session_record

    session = session_record(
        user=cast.users["A.staff"],
        session_key="other-browser-of-a-staff",
        ip_address="10.0.0.8",
        user_agent="共用PC",
        now=clock.now(),
    )
    return {"pk": session.pk}


def _invited_account(cast: Cast) -> dict:
    from dxjinzai.organizations import services

    staff = services.staff_update(actor=None, staff=cast.staff["A.other"], email="a@example.lg.jp")
    user = services.account_create(
        actor=None,
        body=cast.bodies["A"],
        staff=staff,
        username="a-invited",
        password="",
    )
    return _body(cast) | {"pk": user.pk}


def _community(name: str) -> Callable[[Cast], dict]:
    def kwargs(cast: Cast) -> dict:
        from dxjinzai.community.testing import build_community_cast

        return {"pk": build_community_cast(cast)[name].pk}

    return kwargs


def _careers(cast: Cast) -> dict:
    from dxjinzai.careers.testing import build_careers_cast

    return build_careers_cast(cast)


def _applicant(cast: Cast) -> dict:
    return _body(cast) | {"pk": _recruitment(cast)["applicant"].pk}


def _interview(cast: Cast) -> dict:
    return {"pk": _recruitment(cast)["interview"].pk}


REQUESTERS = ("A.admin", "A.hr", "A.head")
MANAGERS = ("P.operator", "P.admin")
NOT_MANAGERS = ("A.hr", "P.hr", "P.expert", "F.admin")
NOT_INVOLVED = ("F.admin", "F.hr", "B.admin", "P.hr", "A.staff")
ALL_A = ("A.admin", "A.hr", "A.head", "A.staff", "P.operator")
HR_A = ("A.admin", "A.hr")
NOT_HR_A = ("A.head", "A.staff", "P.operator")
SUPPORT_A = ("A.admin", "A.hr", "A.head", "P.operator")
NOT_SUPPORT = ("F.admin", "F.hr", "B.admin", "P.hr", "P.expert", "A.staff")
STAFF_A = ("A.admin", "A.hr", "A.head", "A.staff")
# Records of A's staff: the operator sees the body but no one's training records.
NOT_THEIRS = ("F.admin", "F.hr", "B.admin", "P.hr", "P.expert", "P.operator")
_OUTSIDE = ("F.admin", "F.hr", "P.expert")
_NOT_RUNNING = ("A.head", "A.staff", "B.admin", "P.operator")
_TERM = _adviser_row("term")
_NOT_ADVISERS = ("F.admin", "F.hr", "B.admin", "P.hr", "P.expert", "B.adviser")
_READ_TERM = ("A.admin", "A.hr", "A.head", "A.staff", "P.operator", "A.adviser")
_WRITE_TERM = ("A.admin", "A.hr", "A.adviser")
_NOT_WRITING = ("A.head", "A.staff", "P.operator")
_ADVISER_ROWS: dict[str, Row] = {
    "term_list": Row(_body_with_advisers, allowed=_READ_TERM),
    "term_create": Row(_body_with_advisers, allowed=HR_A, weak=(*NOT_HR_A, "A.adviser")),
    "term_detail": Row(_TERM, allowed=_READ_TERM, foreign=_NOT_ADVISERS),
    "term_edit": Row(_TERM, allowed=HR_A, weak=(*NOT_HR_A, "A.adviser"), foreign=_NOT_ADVISERS),
    "term_delete": Row(_TERM, allowed=HR_A, weak=(*NOT_HR_A, "A.adviser"), foreign=_NOT_ADVISERS),
    "term_renew": Row(_TERM, allowed=HR_A, weak=(*NOT_HR_A, "A.adviser"), foreign=_NOT_ADVISERS),
    "term_convert": Row(_TERM, allowed=HR_A, weak=(*NOT_HR_A, "A.adviser"), foreign=_NOT_ADVISERS),
    "partnership_list": Row(_body_with_advisers, allowed=_READ_TERM),
    "partnership_create": Row(_body_with_advisers, allowed=HR_A, weak=(*NOT_HR_A, "A.adviser")),
    "partnership_edit": Row(
        _adviser_row("partnership"),
        allowed=HR_A,
        weak=(*NOT_HR_A, "A.adviser"),
        foreign=_NOT_ADVISERS,
    ),
    "meeting_create": Row(_TERM, allowed=_WRITE_TERM, weak=_NOT_WRITING, foreign=_NOT_ADVISERS),
    "meeting_edit": Row(
        _adviser_row("meeting"), allowed=_WRITE_TERM, weak=_NOT_WRITING, foreign=_NOT_ADVISERS
    ),
    "meeting_delete": Row(
        _adviser_row("meeting"), allowed=_WRITE_TERM, weak=_NOT_WRITING, foreign=_NOT_ADVISERS
    ),
    "meeting_file": Row(_adviser_row("meeting"), allowed=_READ_TERM, foreign=_NOT_ADVISERS),
    "term_issues": Row(_TERM, allowed=_READ_TERM, foreign=_NOT_ADVISERS),
    "issue_create": Row(_TERM, allowed=_WRITE_TERM, weak=_NOT_WRITING, foreign=_NOT_ADVISERS),
    "issue_edit": Row(
        _adviser_row("issue"), allowed=_WRITE_TERM, weak=_NOT_WRITING, foreign=_NOT_ADVISERS
    ),
    "issue_delete": Row(
        _adviser_row("issue"), allowed=_WRITE_TERM, weak=_NOT_WRITING, foreign=_NOT_ADVISERS
    ),
    "term_board": Row(_TERM, allowed=_READ_TERM, foreign=_NOT_ADVISERS),
    "idea_create": Row(_TERM, allowed=_WRITE_TERM, weak=_NOT_WRITING, foreign=_NOT_ADVISERS),
    "idea_edit": Row(
        _adviser_row("idea"), allowed=_WRITE_TERM, weak=_NOT_WRITING, foreign=_NOT_ADVISERS
    ),
    "idea_delete": Row(
        _adviser_row("idea"), allowed=_WRITE_TERM, weak=_NOT_WRITING, foreign=_NOT_ADVISERS
    ),
    # The town decides an idea's state: its officers and the owner division's head (A.head).
    "idea_move": Row(
        _adviser_row("idea"),
        allowed=(*HR_A, "A.head"),
        weak=("A.staff", "P.operator", "A.adviser"),
        foreign=_NOT_ADVISERS,
        method="post",
    ),
    "report_edit": Row(_TERM, allowed=_WRITE_TERM, weak=_NOT_WRITING, foreign=_NOT_ADVISERS),
    "report_accept": Row(
        _TERM,
        allowed=("A.hr",),
        weak=(*NOT_HR_A, "A.adviser"),
        foreign=_NOT_ADVISERS,
        method="post",
    ),
    "report_pdf": Row(_TERM, allowed=_READ_TERM, foreign=_NOT_ADVISERS),
    "report_file": Row(_TERM, allowed=_READ_TERM, foreign=_NOT_ADVISERS),
    "my_terms": Row(
        lambda c: _advisers(c) and {}, allowed=(*ALL_A, "A.adviser"), body_scoped=False
    ),
}
MATRIX: dict[str, Row] = {
    "home": Row(lambda c: {}, allowed=(*ALL_A, "F.admin"), body_scoped=False),
    "logout": Row(lambda c: {}, allowed=(), body_scoped=False),
    # What waits for me, and my reminders: each person's own, whoever they are.
    "inbox": Row(lambda c: {}, allowed=(*ALL_A, "F.admin", "P.expert"), body_scoped=False),
    "inbox_count": Row(lambda c: {}, allowed=(*ALL_A, "F.admin", "P.expert"), body_scoped=False),
    "reminder_settings": Row(
        lambda c: {}, allowed=(*ALL_A, "F.admin", "P.expert"), body_scoped=False
    ),
    "calendar_renew": Row(lambda c: {}, allowed=ALL_A, body_scoped=False, method="post"),
    # One's own sessions: everyone signed in; a session of A.staff's is nobody else's (404).
    "my_sessions": Row(lambda c: {}, allowed=(*ALL_A, "F.admin", "P.expert"), body_scoped=False),
    "sessions_end_others": Row(
        lambda c: {}, allowed=(*ALL_A, "P.expert"), body_scoped=False, method="post"
    ),
    # One's own second factor: every signed-in person (these pages are reached before the
    # code is confirmed, so they ask for nothing more).
    "second_factor": Row(lambda c: {}, allowed=(*ALL_A, "P.expert"), body_scoped=False),
    "second_factor_setup": Row(lambda c: {}, allowed=(*ALL_A, "P.expert"), body_scoped=False),
    "second_factor_verify": Row(lambda c: {}, allowed=(*ALL_A, "P.expert"), body_scoped=False),
    "recovery_codes_renew": Row(
        lambda c: {}, allowed=(*ALL_A, "P.expert"), body_scoped=False, method="post"
    ),
    "second_factor_off": Row(
        lambda c: {}, allowed=(*ALL_A, "P.expert"), body_scoped=False, method="post"
    ),
    "session_end": Row(
        _own_session,
        allowed=("A.staff",),
        foreign=("A.admin", "A.hr", "A.head", "P.operator", "F.admin", "P.expert"),
        body_scoped=False,
        method="post",
    ),
    "calendar_revoke": Row(lambda c: {}, allowed=ALL_A, body_scoped=False, method="post"),
    # A body's joint-session feed is its HR's to hand out.
    "body_calendar_renew": Row(_body, allowed=HR_A, weak=NOT_HR_A, method="post"),
    "body_calendar_revoke": Row(_body, allowed=HR_A, weak=NOT_HR_A, method="post"),
    "password_change": Row(lambda c: {}, allowed=ALL_A, body_scoped=False),
    "password_change_done": Row(lambda c: {}, allowed=ALL_A, body_scoped=False),
    "body_list": Row(lambda c: {}, allowed=(*ALL_A, "F.admin"), body_scoped=False),
    "body_create": Row(
        lambda c: {}, allowed=("P.operator",), weak=("A.admin", "F.admin"), body_scoped=False
    ),
    "body_detail": Row(_body, allowed=ALL_A),
    "body_edit": Row(_body, allowed=("A.admin", "P.operator"), weak=("A.hr", "A.head", "A.staff")),
    "single_sign_on_edit": Row(
        _body, allowed=("A.admin", "P.operator"), weak=("A.hr", "A.head", "A.staff")
    ),
    "department_list": Row(_body, allowed=ALL_A),
    "department_create": Row(
        _body, allowed=("A.admin", "A.hr"), weak=("A.head", "A.staff", "P.operator")
    ),
    "department_edit": Row(
        _department, allowed=("A.admin", "A.hr"), weak=("A.head", "A.staff", "P.operator")
    ),
    "department_members": Row(_department, allowed=ALL_A),
    "work_days_record": Row(
        _department,
        allowed=HR_A,
        weak=("A.head", "A.staff", "P.operator"),
        method="post",
    ),
    "staff_list": Row(_body, allowed=("A.admin", "A.hr", "A.head"), weak=("A.staff", "P.operator")),
    "staff_create": Row(
        _body, allowed=("A.admin", "A.hr"), weak=("A.head", "A.staff", "P.operator")
    ),
    # The person themself and their department head see the record; see test_object_visibility.
    "staff_detail": Row(_staff, allowed=("A.admin", "A.hr", "A.head", "A.staff")),
    "staff_edit": Row(
        _staff, allowed=("A.admin", "A.hr"), weak=("A.head", "A.staff", "P.operator")
    ),
    "appointment_create": Row(
        _staff, allowed=("A.admin", "A.hr"), weak=("A.head", "A.staff", "P.operator")
    ),
    "appointment_edit": Row(
        _appointment, allowed=("A.admin", "A.hr"), weak=("A.head", "A.staff", "P.operator")
    ),
    "account_list": Row(
        _body, allowed=("A.admin",), weak=("A.hr", "A.head", "A.staff", "P.operator")
    ),
    "account_create": Row(
        _body, allowed=("A.admin",), weak=("A.hr", "A.head", "A.staff", "P.operator")
    ),
    "role_grant_create": Row(
        _body, allowed=("A.admin",), weak=("A.hr", "A.head", "A.staff", "P.operator")
    ),
    # A stopped account of a person back in service (A.member, retired then active again;
    # A.staff is that account, so it cannot sign in to be refused).
    "account_reactivate": Row(
        _stopped_account,
        allowed=("A.admin",),
        weak=("A.hr", "A.head", "P.operator"),
        method="post",
    ),
    # A department head who moved: HR confirms whether the role follows (made for the row).
    "head_moves": Row(_body, allowed=HR_A, weak=NOT_HR_A),
    "head_move_confirm": Row(
        _moved_head, allowed=("A.hr",), weak=("A.head", "A.staff", "P.operator"), method="post"
    ),
    # A lost phone: the body admin takes an account's second factor away.
    "account_second_factor_reset": Row(
        lambda c: _body(c) | {"pk": c.users["A.staff"].pk},
        allowed=("A.admin",),
        weak=("A.hr", "A.head", "A.staff", "P.operator"),
    ),
    # An account still waiting for its person to set a password (made for the row).
    "account_invite": Row(
        _invited_account,
        allowed=("A.admin",),
        weak=("A.hr", "A.head", "A.staff", "P.operator"),
        method="post",
    ),
    "role_grant_revoke": Row(
        _grant, allowed=("A.admin",), weak=("A.hr", "A.head", "A.staff", "P.operator")
    ),
    "staff_import": Row(
        _body, allowed=("A.admin", "A.hr"), weak=("A.head", "A.staff", "P.operator")
    ),
    "import_run_list": Row(
        _body, allowed=("A.admin", "A.hr"), weak=("A.head", "A.staff", "P.operator")
    ),
    "import_run_commit": Row(
        _import_run,
        allowed=("A.admin", "A.hr"),
        weak=("A.head", "A.staff", "P.operator"),
        method="post",
    ),
    "import_run_detail": Row(
        _import_run, allowed=("A.admin", "A.hr"), weak=("A.head", "A.staff", "P.operator")
    ),
    "api_token_list": Row(
        _body, allowed=("A.admin",), weak=("A.hr", "A.head", "A.staff", "P.operator")
    ),
    "api_token_revoke": Row(
        _token, allowed=("A.admin",), weak=("A.hr", "A.head", "A.staff", "P.operator")
    ),
    "dispatch_home": Row(lambda c: {}, allowed=(*ALL_A, "F.admin", "P.expert"), body_scoped=False),
    # Scheme pages: the scheme is public, the rows are scoped (see test_dispatch_views.py).
    "dispatch_requests": Row(_scheme, allowed=(*ALL_A, "F.admin", "P.expert"), body_scoped=False),
    "dispatch_request_create": Row(
        _scheme,
        allowed=(*REQUESTERS, *MANAGERS),
        weak=("A.staff", "P.expert", "F.admin"),
        body_scoped=False,
    ),
    "dispatch_request_detail": Row(
        _dispatch_request,
        allowed=(*REQUESTERS, "P.operator", "P.admin", "P.expert"),
        foreign=NOT_INVOLVED,
    ),
    "dispatch_request_assign": Row(
        _dispatch_request,
        allowed=MANAGERS,
        weak=(*REQUESTERS, "P.expert"),
        foreign=NOT_INVOLVED,
        method="post",
    ),
    "dispatch_request_status": Row(
        _dispatch_request,
        allowed=MANAGERS,
        weak=(*REQUESTERS, "P.expert"),
        foreign=NOT_INVOLVED,
        method="post",
    ),
    "dispatch_activity_create": Row(
        _dispatch_request, allowed=MANAGERS, weak=(*REQUESTERS, "P.expert"), foreign=NOT_INVOLVED
    ),
    "dispatch_activity_report": Row(
        _activity, allowed=("P.expert",), foreign=(*NOT_INVOLVED, "A.hr", "P.operator")
    ),
    "dispatch_experts": Row(_scheme, allowed=MANAGERS, weak=NOT_MANAGERS, body_scoped=False),
    "dispatch_expert_create": Row(_scheme, allowed=MANAGERS, weak=NOT_MANAGERS, body_scoped=False),
    "dispatch_expert_edit": Row(_expert, allowed=MANAGERS, weak=NOT_MANAGERS, body_scoped=False),
    "dispatch_expert_withdraw": Row(
        _expert, allowed=MANAGERS, weak=NOT_MANAGERS, body_scoped=False
    ),
    "dispatch_matching": Row(_scheme, allowed=MANAGERS, weak=NOT_MANAGERS, body_scoped=False),
    "dispatch_statistics": Row(_scheme, allowed=MANAGERS, weak=NOT_MANAGERS, body_scoped=False),
    "dispatch_submissions": Row(_scheme, allowed=MANAGERS, weak=NOT_MANAGERS, body_scoped=False),
    # Submissions are seen by the scheme's managers only: everyone else gets 404.
    "dispatch_submission_decide": Row(
        _submission,
        allowed=MANAGERS,
        foreign=(*REQUESTERS, "P.expert", "F.admin", "B.admin"),
        method="post",
    ),
    "dispatch_payment_statement": Row(
        _expert,
        allowed=("P.admin",),
        weak=("P.operator",),
        foreign=("F.admin", "A.staff", "B.admin"),
    ),
    "dispatch_payments_paid": Row(
        _scheme,
        allowed=("P.admin",),
        weak=("P.operator", "A.hr", "P.expert", "F.admin"),
        body_scoped=False,
        method="post",
    ),
    "dispatch_settings": Row(_scheme, allowed=MANAGERS, weak=NOT_MANAGERS, body_scoped=False),
    # Only the decided expert may accept; the cast's request is already carried out (実施済),
    # so the expert is told no (403) as everyone else who can see the request.
    "dispatch_request_confirm": Row(
        _dispatch_request,
        allowed=(),
        weak=(*REQUESTERS, *MANAGERS, "P.expert"),
        foreign=NOT_INVOLVED,
        method="post",
    ),
    # The expert keeps their own days; the managers may too; everyone else: 404 or 403.
    "dispatch_expert_availability": Row(
        _expert,
        allowed=(*MANAGERS, "P.expert"),
        weak=REQUESTERS,
        foreign=("F.admin", "B.admin", "A.staff"),
    ),
    "dispatch_payments": Row(
        _scheme,
        allowed=("P.admin",),
        weak=("P.operator", "A.hr", "P.expert", "F.admin"),
        body_scoped=False,
    ),
    # Talent and training (issue 4).
    "my_page": Row(lambda c: {}, allowed=STAFF_A, body_scoped=False),
    "framework_list": Row(_body, allowed=ALL_A),
    "framework_load": Row(_body, allowed=HR_A, weak=NOT_HR_A, method="post"),
    "framework_detail": Row(_framework, allowed=ALL_A),
    "framework_edit": Row(_framework, allowed=HR_A, weak=NOT_HR_A),
    "framework_delete": Row(_framework, allowed=HR_A, weak=NOT_HR_A),
    "qualification_list": Row(_body, allowed=ALL_A),
    "qualification_create": Row(_body, allowed=HR_A, weak=NOT_HR_A),
    "qualification_edit": Row(_own_qualification, allowed=HR_A, weak=NOT_HR_A),
    "staff_talent": Row(_staff, allowed=STAFF_A),
    "talent_holding_create": Row(_staff, allowed=HR_A, weak=NOT_HR_A),
    "qualification_holding_create": Row(_staff, allowed=(*HR_A, "A.staff"), weak=("A.head",)),
    "course_list": Row(_body, allowed=ALL_A),
    "course_create": Row(_body, allowed=HR_A, weak=NOT_HR_A),
    "course_detail": Row(_course, allowed=ALL_A),
    "session_create": Row(_course, allowed=HR_A, weak=NOT_HR_A),
    "course_edit": Row(_course, allowed=HR_A, weak=NOT_HR_A),
    "course_delete": Row(_course, allowed=HR_A, weak=NOT_HR_A),
    "session_edit": Row(_session, allowed=HR_A, weak=NOT_HR_A),
    "session_delete": Row(_session, allowed=HR_A, weak=NOT_HR_A),
    # The person withdraws their own application; their body's HR may do it for them.
    "application_cancel": Row(
        _application("member_own"),
        allowed=("A.staff", *HR_A),
        weak=("A.head",),
        foreign=NOT_THEIRS,
        method="post",
    ),
    "session_detail": Row(_session, allowed=ALL_A),
    "session_apply": Row(_session, allowed=STAFF_A, weak=("P.operator",), method="post"),
    "session_nominate": Row(
        _session, allowed=(*HR_A, "A.head"), weak=("A.staff", "P.operator"), method="post"
    ),
    "attendance_upload": Row(_session, allowed=HR_A, weak=NOT_HR_A, method="post"),
    "application_decide": Row(
        _application("unit_own"),
        allowed=HR_A,
        weak=("A.head",),
        foreign=(*NOT_THEIRS, "A.staff"),
        method="post",
    ),
    "application_complete": Row(
        _application("member_own"),
        allowed=HR_A,
        weak=("A.head", "A.staff"),
        foreign=NOT_THEIRS,
        method="post",
    ),
    "survey_answer": Row(
        _application("member_own"), allowed=("A.staff",), weak=("A.head", *HR_A), foreign=NOT_THEIRS
    ),
    "completion_certificate": Row(_certified_completion, allowed=STAFF_A, foreign=NOT_THEIRS),
    "requirement_list": Row(_body, allowed=ALL_A),
    "requirement_create": Row(_body, allowed=HR_A, weak=NOT_HR_A),
    "requirement_edit": Row(_requirement, allowed=HR_A, weak=NOT_HR_A),
    "requirement_delete": Row(_requirement, allowed=HR_A, weak=NOT_HR_A),
    "talent_profile_edit": Row(_staff, allowed=(*HR_A, "A.staff"), weak=("A.head",)),
    # The person assesses themself; their department head and HR as superiors.
    "assessment_edit": Row(_staff_with_frameworks, allowed=STAFF_A),
    # The prefecture's shared framework: partners see it, only its own HR sets targets.
    "skill_targets_edit": Row(
        _shared_talent_type,
        allowed=("P.admin", "P.hr"),
        weak=("A.hr", "P.operator", "P.expert"),
        foreign=("F.admin", "F.hr"),
    ),
    "exam_calendar": Row(_body, allowed=ALL_A),
    "exam_date_edit": Row(_exam_date, allowed=HR_A, weak=NOT_HR_A),
    "exam_date_delete": Row(_exam_date, allowed=HR_A, weak=NOT_HR_A),
    "talent_search": Row(_body, allowed=(*HR_A, "A.head"), weak=("A.staff", "P.operator")),
    "records_import": Row(_body, allowed=HR_A, weak=NOT_HR_A),
    "missing_list": Row(_body, allowed=(*HR_A, "A.head"), weak=("A.staff", "P.operator")),
    # Division scores are aggregates every member sees; the people behind them are not.
    "steering": Row(_body, allowed=ALL_A),
    "division_dashboard": Row(_body, allowed=ALL_A),
    "division_coverage": Row(_body, allowed=ALL_A),
    "division_trend": Row(_body, allowed=ALL_A),
    "division_detail": Row(_department, allowed=(*HR_A, "A.head"), weak=("A.staff", "P.operator")),
    "improvement_list": Row(_body, allowed=ALL_A),
    "improvement_create": Row(_body, allowed=(*HR_A, "A.head"), weak=("A.staff", "P.operator")),
    # Corrected by whoever reports for the division: HR, admins, and its department head.
    "improvement_edit": Row(
        _improvement, allowed=(*HR_A, "A.head"), weak=("A.staff", "P.operator")
    ),
    "improvement_delete": Row(
        _improvement, allowed=(*HR_A, "A.head"), weak=("A.staff", "P.operator")
    ),
    "improvement_recommend": Row(
        _improvement,
        allowed=("A.admin", "P.operator"),
        weak=("A.hr", "A.head", "A.staff"),
        method="post",
    ),
    "target_list": Row(_body, allowed=ALL_A),
    "target_create": Row(_body, allowed=HR_A, weak=NOT_HR_A),
    "target_preset_load": Row(_body, allowed=HR_A, weak=NOT_HR_A, method="post"),
    "target_detail": Row(_target, allowed=ALL_A),
    "target_actual": Row(_target, allowed=HR_A, weak=NOT_HR_A, method="post"),
    "target_edit": Row(_target, allowed=HR_A, weak=NOT_HR_A),
    "certification_home": Row(_body, allowed=ALL_A),
    "certification_rule_create": Row(_body, allowed=HR_A, weak=NOT_HR_A),
    "certification_candidates": Row(_certification_rule, allowed=HR_A, weak=NOT_HR_A),
    "certification_rule_edit": Row(_certification_rule, allowed=HR_A, weak=NOT_HR_A),
    "certification_approve": Row(
        _certification_rule, allowed=("A.admin",), weak=("A.hr", *NOT_HR_A), method="post"
    ),
    "certification_pdf": Row(_certification, allowed=STAFF_A),
    # Revoked by the officer who certifies (the body's admin), with a reason.
    "certification_revoke": Row(
        _certification, allowed=("A.admin",), weak=("A.hr", "A.head", "A.staff")
    ),
    "pool_list": Row(_body, allowed=ALL_A),
    "pool_member_create": Row(_body, allowed=HR_A, weak=NOT_HR_A),
    "pool_member_detail": Row(_pool_member, allowed=HR_A, weak=NOT_HR_A),
    "assignment_create": Row(_pool_member, allowed=HR_A, weak=NOT_HR_A, method="post"),
    "pool_member_edit": Row(_pool_member, allowed=HR_A, weak=NOT_HR_A),
    "pool_member_withdraw": Row(_pool_member, allowed=HR_A, weak=NOT_HR_A),
    # The employer moves a term's end; the host (B) reads its assignments but gets 404 here.
    "assignment_end": Row(
        _assignment,
        allowed=HR_A,
        weak=NOT_HR_A,
        foreign=("F.admin", "F.hr", "B.admin", "B.hr", "P.hr", "P.expert"),
        method="post",
    ),
    "monthly_cost_set": Row(_pool_member, allowed=HR_A, weak=NOT_HR_A, method="post"),
    "charge_list": Row(_body, allowed=HR_A, weak=NOT_HR_A),
    "monthly_cost_import": Row(_body, allowed=HR_A, weak=NOT_HR_A),
    "charge_statement_issued": Row(_charge(employer="A", host="B"), allowed=HR_A, weak=NOT_HR_A),
    "charge_statement_received": Row(_charge(employer="P", host="A"), allowed=HR_A, weak=NOT_HR_A),
    "charge_invoice": Row(
        _charge(employer="A", host="B"), allowed=HR_A, weak=NOT_HR_A, method="post"
    ),
    "charge_paid": Row(
        _charge(employer="A", host="B", invoiced=True),
        allowed=HR_A,
        weak=NOT_HR_A,
        method="post",
    ),
    "contract_list": Row(_body, allowed=ALL_A),
    "contract_create": Row(_body, allowed=HR_A, weak=NOT_HR_A),
    "contract_detail": Row(_contract, allowed=ALL_A),
    "contract_usage": Row(_contract, allowed=HR_A, weak=NOT_HR_A, method="post"),
    "contract_edit": Row(_contract, allowed=HR_A, weak=NOT_HR_A),
    "activity_create": Row(_contract, allowed=HR_A, weak=NOT_HR_A, method="post"),
    "activity_list": Row(_body, allowed=ALL_A),
    "support_list": Row(_body, allowed=ALL_A),
    "support_create": Row(
        _body, allowed=("A.admin", "A.hr", "A.head"), weak=("A.staff", "P.operator")
    ),
    # A request is seen by the filing body's officers and the centre; to anyone else,
    # A's own staff included, it does not exist.
    "support_detail": Row(_support_without_file, allowed=SUPPORT_A, foreign=NOT_SUPPORT),
    "support_reply": Row(
        _support_without_file, allowed=SUPPORT_A, foreign=NOT_SUPPORT, method="post"
    ),
    "support_close": Row(
        _support_without_file, allowed=SUPPORT_A, foreign=NOT_SUPPORT, method="post"
    ),
    "support_attachment": Row(_support, allowed=SUPPORT_A, foreign=NOT_SUPPORT),
    "support_assign": Row(
        _support_without_file,
        allowed=("P.operator",),
        weak=("A.admin", "A.hr", "A.head", "A.staff"),
        method="post",
    ),
    # The exam-fee subsidy: the body's HR runs it; a person sees and reports only their own.
    "subsidy_home": Row(_body, allowed=HR_A, weak=NOT_HR_A),
    "subsidy_scheme_edit": Row(_body, allowed=HR_A, weak=NOT_HR_A),
    "subsidy_decide": Row(_subsidy_application, allowed=HR_A, weak=NOT_HR_A, method="post"),
    "subsidy_receipt": Row(_subsidy_application, allowed=HR_A, weak=NOT_HR_A),
    "subsidy_payments": Row(_body, allowed=HR_A, weak=NOT_HR_A),
    "subsidy_statistics": Row(_body, allowed=HR_A, weak=NOT_HR_A),
    "my_subsidies": Row(lambda c: {}, allowed=STAFF_A, body_scoped=False),
    "my_subsidy_result": Row(
        _own_subsidy_application,
        allowed=("A.staff",),
        foreign=(*HR_A, "A.head", *NOT_THEIRS),
        method="post",
    ),
    "my_subsidy_withdraw": Row(
        _own_subsidy_application,
        allowed=("A.staff",),
        foreign=(*HR_A, "A.head", *NOT_THEIRS),
        method="post",
    ),
    # Recruitment: applicants are people outside the body, for its HR only (never the
    # operator); a panel member (A.head here) sees the applicants they interview.
    "posting_list": Row(_body, allowed=HR_A, weak=NOT_HR_A),
    "posting_create": Row(_body, allowed=HR_A, weak=NOT_HR_A),
    "posting_detail": Row(_posting, allowed=HR_A, weak=NOT_HR_A),
    "posting_edit": Row(_posting, allowed=HR_A, weak=NOT_HR_A),
    "posting_publish": Row(_posting, allowed=HR_A, weak=NOT_HR_A, method="post"),
    "posting_criteria": Row(_posting, allowed=HR_A, weak=NOT_HR_A),
    "pipeline_settings": Row(_body, allowed=HR_A, weak=NOT_HR_A),
    "posting_photos": Row(_posting, allowed=HR_A, weak=NOT_HR_A),
    # A photo is deleted once: one allowed role deletes it.
    "posting_photo_delete": Row(_photo, allowed=("A.hr",), weak=NOT_HR_A, method="post"),
    "posting_funnel": Row(_posting, allowed=HR_A, weak=NOT_HR_A),
    "applicants_act": Row(_posting, allowed=HR_A, weak=NOT_HR_A, method="post"),
    "applicants_compare": Row(_posting, allowed=HR_A, weak=NOT_HR_A),
    "applicant_detail": Row(
        _applicant,
        allowed=(*HR_A, "A.head"),
        foreign=("F.admin", "F.hr", "B.admin", "P.hr", "P.expert", "A.staff", "P.operator"),
    ),
    "applicant_cv": Row(
        _applicant,
        allowed=(*HR_A, "A.head"),
        foreign=("F.admin", "F.hr", "B.admin", "P.hr", "P.expert", "A.staff", "P.operator"),
    ),
    "interview_create": Row(_applicant, allowed=HR_A, weak=NOT_HR_A, method="post"),
    "interview_edit": Row(
        lambda c: _body(c) | {"pk": _recruitment(c)["interview"].pk},
        allowed=HR_A,
        weak=NOT_HR_A,
    ),
    "applicant_hire": Row(_applicant, allowed=HR_A, weak=NOT_HR_A, method="post"),
    # The register of in-house systems: the body reads it, its DX division keeps it.
    "system_list": Row(_body, allowed=ALL_A),
    "system_create": Row(_body, allowed=HR_A, weak=NOT_HR_A),
    "system_edit": Row(_system, allowed=HR_A, weak=NOT_HR_A),
    "system_delete": Row(_system, allowed=HR_A, weak=NOT_HR_A),
    "recruitment_year": Row(_body, allowed=HR_A, weak=NOT_HR_A),
    "consortium_recruitment": Row(
        lambda c: {}, allowed=("P.operator",), weak=("A.admin", "F.admin"), body_scoped=False
    ),
    "my_interviews": Row(lambda c: {}, allowed=(*ALL_A, "P.expert"), body_scoped=False),
    "interview_score": Row(
        _interview,
        allowed=("A.head",),
        foreign=("A.hr", "A.admin", "A.staff", "P.operator", "F.admin", "B.admin", "P.expert"),
    ),
    # Advisers (三宅町): the body reads, its officers manage, the term's own adviser writes on
    # it; another body's adviser sees nothing of it (404).
    **_ADVISER_ROWS,
    # Projects and proposals: the body reads; the DX division (HR, admins) runs projects and
    # records decisions; a division's head or HR files its proposals and their effect.
    "project_list": Row(_body, allowed=ALL_A),
    "project_create": Row(_body, allowed=HR_A, weak=NOT_HR_A),
    "project_detail": Row(_project_row("project"), allowed=ALL_A),
    "project_edit": Row(_project_row("project"), allowed=HR_A, weak=NOT_HR_A),
    "milestone_add": Row(_project_row("project"), allowed=HR_A, weak=NOT_HR_A, method="post"),
    "milestone_done": Row(_project_row("milestone"), allowed=HR_A, weak=NOT_HR_A, method="post"),
    "milestone_edit": Row(_project_row("milestone"), allowed=HR_A, weak=NOT_HR_A),
    "milestone_delete": Row(_project_row("milestone"), allowed=HR_A, weak=NOT_HR_A),
    "project_issues": Row(_project_row("project"), allowed=ALL_A),
    "project_issues_add": Row(_project_row("project"), allowed=HR_A, weak=NOT_HR_A, method="post"),
    "project_issue_edit": Row(_project_row("issue"), allowed=HR_A, weak=NOT_HR_A),
    "project_issue_delete": Row(_project_row("other_issue"), allowed=HR_A, weak=NOT_HR_A),
    "proposal_list": Row(_body, allowed=ALL_A),
    "proposal_create": Row(_body, allowed=SUPPORT_A[:3], weak=("A.staff", "P.operator")),
    "proposal_detail": Row(_project_row("proposal"), allowed=ALL_A),
    "proposal_edit": Row(
        _project_row("proposal"), allowed=SUPPORT_A[:3], weak=("A.staff", "P.operator")
    ),
    "proposal_delete": Row(
        _project_row("proposal"), allowed=SUPPORT_A[:3], weak=("A.staff", "P.operator")
    ),
    "proposal_decide": Row(_project_row("proposal"), allowed=HR_A, weak=NOT_HR_A),
    "proposal_effect": Row(
        _project_row("proposal"), allowed=SUPPORT_A[:3], weak=("A.staff", "P.operator")
    ),
    "proposal_file": Row(
        lambda c: _project_row("proposal")(c) | {"which": "current"}, allowed=ALL_A
    ),
    # The community: 甲市's forum is open to the consortium (A, B and the prefecture P); the
    # other consortium's people and an outside expert find nothing (404). 甲市's HR runs it.
    "community_list": Row(lambda c: {}, allowed=(*ALL_A, "F.admin"), body_scoped=False),
    "community_create": Row(_body, allowed=HR_A, weak=NOT_HR_A),
    "community_detail": Row(
        _community("forum"), allowed=(*ALL_A, "B.staff", "P.hr"), foreign=_OUTSIDE
    ),
    "community_edit": Row(_community("forum"), allowed=HR_A, weak=_NOT_RUNNING, foreign=_OUTSIDE),
    "event_create": Row(_community("forum"), allowed=HR_A, weak=_NOT_RUNNING, foreign=_OUTSIDE),
    "event_detail": Row(_community("event"), allowed=(*ALL_A, "B.staff", "P.hr"), foreign=_OUTSIDE),
    "event_edit": Row(_community("event"), allowed=HR_A, weak=_NOT_RUNNING, foreign=_OUTSIDE),
    "event_register": Row(
        _community("event"),
        allowed=("A.staff", "A.hr", "P.hr"),
        weak=("P.operator",),
        foreign=_OUTSIDE,
        method="post",
    ),
    # Only the person registered (B.staff) has a registration to cancel.
    "event_cancel": Row(
        _community("event"),
        allowed=("B.staff",),
        foreign=(*_OUTSIDE, "A.staff"),
        method="post",
    ),
    "event_attendance": Row(
        _community("event"), allowed=HR_A, weak=_NOT_RUNNING, foreign=_OUTSIDE, method="post"
    ),
    "event_ics": Row(_community("event"), allowed=(*ALL_A, "B.staff"), foreign=_OUTSIDE),
    "event_material": Row(_community("event"), allowed=(*ALL_A, "B.staff"), foreign=_OUTSIDE),
    "post_detail": Row(_community("post"), allowed=(*ALL_A, "B.staff"), foreign=_OUTSIDE),
    "post_edit": Row(
        _community("post"),
        allowed=("A.staff", *HR_A),
        weak=("A.head", "B.staff", "P.operator"),
        foreign=_OUTSIDE,
    ),
    "post_delete": Row(
        _community("post"),
        allowed=("A.staff", *HR_A),
        weak=("A.head", "B.staff", "P.operator"),
        foreign=_OUTSIDE,
    ),
    # The comment's author (B.staff) deletes it, once.
    "comment_delete": Row(
        _community("comment"),
        allowed=("B.staff",),
        weak=("A.head", "A.staff", "P.operator"),
        foreign=_OUTSIDE,
        method="post",
    ),
    # 挑戦制度: a person's career wish, for the body's HR and the person (not the head).
    "challenge_list": Row(_body, allowed=HR_A, weak=NOT_HR_A),
    "challenge_create": Row(_body, allowed=HR_A, weak=NOT_HR_A),
    "challenge_detail": Row(
        lambda c: _body(c) | {"pk": _careers(c)["call"].pk}, allowed=HR_A, weak=NOT_HR_A
    ),
    "challenge_edit": Row(
        lambda c: _body(c) | {"pk": _careers(c)["call"].pk}, allowed=HR_A, weak=NOT_HR_A
    ),
    "challenge_decide": Row(
        lambda c: _body(c) | {"pk": _careers(c)["application"].pk},
        allowed=HR_A,
        weak=NOT_HR_A,
        method="post",
    ),
    "my_challenges": Row(lambda c: {}, allowed=STAFF_A, body_scoped=False),
    "my_challenge_edit": Row(
        lambda c: {"pk": _careers(c)["application"].pk},
        allowed=("A.staff",),
        foreign=(*HR_A, "A.head", *NOT_THEIRS),
    ),
    "my_challenge_withdraw": Row(
        lambda c: {"pk": _careers(c)["application"].pk},
        allowed=("A.staff",),
        foreign=(*HR_A, "A.head", *NOT_THEIRS),
        method="post",
    ),
    "audit_log": Row(_body, allowed=("A.admin",), weak=("A.hr", "A.head", "A.staff", "P.operator")),
    "access_record_list": Row(
        _body, allowed=("A.admin",), weak=("A.hr", "A.head", "A.staff", "P.operator")
    ),
}


def test_every_route_has_an_access_rule_and_a_matrix_row():
    routes = _all_route_names()
    for name, callback in routes.items():
        if name in PUBLIC_ROUTES:
            assert getattr(callback, "login_required", True) is False, name
            continue
        assert hasattr(callback, "access_rule"), (
            f"{name} にアクセス規則（@requires など）がありません"
        )
        assert name in MATRIX, f"{name} がアクセス表（MATRIX）にありません"
    assert set(MATRIX) <= set(routes), set(MATRIX) - set(routes)


def _request(client, name: str, url: str):
    return getattr(client, MATRIX[name].method)(url)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_anonymous_is_sent_to_login(name, cast, client_as):
    url = reverse(name, kwargs=MATRIX[name].kwargs(cast))
    response = _request(client_as(None), name, url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", sorted(n for n, row in MATRIX.items() if row.body_scoped))
def test_another_bodys_user_gets_404(name, cast, client_as):
    url = reverse(name, kwargs=MATRIX[name].kwargs(cast))
    for key in MATRIX[name].foreign:
        assert _request(client_as(key), name, url).status_code == 404, key


@pytest.mark.parametrize("name", sorted(n for n, row in MATRIX.items() if row.weak))
def test_weak_role_gets_403(name, cast, client_as):
    url = reverse(name, kwargs=MATRIX[name].kwargs(cast))
    for key in MATRIX[name].weak:
        assert _request(client_as(key), name, url).status_code == 403, key


@pytest.mark.parametrize("name", sorted(n for n, row in MATRIX.items() if row.allowed))
def test_allowed_roles_get_the_page(name, cast, client_as):
    url = reverse(name, kwargs=MATRIX[name].kwargs(cast))
    for key in MATRIX[name].allowed:
        response = _request(client_as(key), name, url)
        if MATRIX[name].method == "post":
            assert response.status_code == 302, (key, response.status_code)
            continue
        assert response.status_code == 200, (key, response.status_code)
        if response["Content-Type"].startswith("text/html"):
            html = response.content.decode()
            assert '<html lang="ja">' in html
            # Validation is the server's, in Japanese: no browser bubbles on any form.
            forms = re.findall(r"<form\b[^>]*>", html)
            assert all("novalidate" in form for form in forms), (key, forms)
            # htmx is loaded exactly where the page uses it.
            assert ("django_htmx/htmx" in html) == (" hx-" in html), key


def test_logout_signs_out_on_post(cast, client_as):
    client = client_as("A.staff")
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 302
