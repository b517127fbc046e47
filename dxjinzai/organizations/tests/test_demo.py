"""The demo consortium: realistic, deterministic, built through the services."""

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from dxjinzai.core.access import access_for_user
from dxjinzai.organizations.demo import DemoAlreadyBuilt, build_demo
from dxjinzai.organizations.models import (
    Appointment,
    Body,
    Consortium,
    Role,
    RoleGrant,
    StaffMember,
)
from dxjinzai.organizations.rules import AppointmentKind


def _fingerprint():
    return list(
        StaffMember.unscoped.order_by("body__code", "number").values_list(
            "body__code", "number", "family_name", "given_name", "grade__name"
        )
    )


def test_demo_has_bodies_of_very_different_sizes_and_every_appointment_kind(db):
    built = build_demo(seed=1, size=0.1)
    consortium = Consortium.objects.get()
    assert consortium.operator.name == "静岡県"
    # The prefecture, four municipalities and the school board, plus the schools, boards,
    # university and NPOs that request experts.
    assert consortium.members.filter(kind__in=["prefecture", "municipality"]).count() == 5
    assert consortium.members.count() == 24
    counts = {b.name: b.staff_members.count() for b in Body.objects.all()}
    assert counts["浜松市"] > 10 * counts["松崎町"]
    kinds = set(Appointment.unscoped.values_list("kind", flat=True))
    assert kinds == set(AppointmentKind.values)
    assert Appointment.unscoped.filter(is_concurrent=True).count() >= 10
    adviser = Appointment.unscoped.get(kind=AppointmentKind.EXTERNAL_ADVISER)
    assert adviser.days_per_month == 4
    assert built.staff_count == StaffMember.unscoped.count()


def test_demo_dispatch_records_reproduce_shizuokas_table(db):
    from dxjinzai.core.access import access_for_user
    from dxjinzai.dispatch.models import DispatchScheme
    from dxjinzai.dispatch.selectors import statistics

    build_demo(seed=1, size=0.1)
    operator = access_for_user(get_user_model().objects.get(username="pref-operator"))
    rows = statistics(operator, DispatchScheme.unscoped.get())
    assert [(r.fiscal_year, r.bodies_served, r.dispatches, r.experts) for r in rows] == [
        (2018, 12, 22, 9),
        (2019, 17, 37, 7),
        (2020, 14, 43, 7),
        (2021, 22, 59, 10),
        (2022, 23, 63, 13),
    ]


def test_demo_accounts_hold_every_role(db):
    build_demo(seed=1, size=0.1)
    roles = set(RoleGrant.objects.values_list("role", flat=True))
    assert roles == set(Role.values) - {Role.STAFF}
    staff_user = get_user_model().objects.get(username="mishima-staff")
    access = access_for_user(staff_user)
    assert access.staff_id is not None
    head = get_user_model().objects.get(username="hamamatsu-head")
    assert access_for_user(head).headed_department_ids


def test_same_seed_same_demo_and_a_second_build_is_refused(db):
    with transaction.atomic():
        build_demo(seed=5, size=0.1)
        first = _fingerprint()
        transaction.set_rollback(True)
    build_demo(seed=5, size=0.1)
    assert _fingerprint() == first
    with pytest.raises(DemoAlreadyBuilt):
        build_demo(seed=5, size=0.1)
