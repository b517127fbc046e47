"""The overview counted by the database gives the same scores as the rules person by person,
with a constant number of queries whatever the number of divisions."""

from datetime import date

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from dxjinzai.dashboards.selectors import division_overview, division_rows
from dxjinzai.dashboards.synthetic import SyntheticSize, build_synthetic_body
from dxjinzai.organizations import services
from dxjinzai.organizations.models import BodyKind

YEAR = 2026
TODAY = date(2026, 11, 26)


def _body(code: str):
    return services.body_create(
        actor=None, code=code, name=f"合成市{code}", kana="ゴウセイシ", kind=BodyKind.MUNICIPALITY
    )


def _scores(rows):
    return {
        row.department.pk: (row.headcount, row.mandatory, row.leaders, row.electives)
        for row in rows
    }


@pytest.fixture(scope="module")
def _synthetic_module(django_db_setup, django_db_blocker):
    """The synthetic body built once for the module (the tests only read it), in a
    transaction rolled back at the module's end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_synthetic_body(
            _body("392031"),
            SyntheticSize(staff=400, divisions=25, completions=6000),
            fiscal_year=YEAR,
        )
        transaction.set_rollback(True)


@pytest.fixture
def synthetic(_synthetic_module, db):
    return _synthetic_module


@pytest.mark.parametrize("fiscal_year", [YEAR - 4, YEAR - 2, YEAR])
@pytest.mark.parametrize("with_leaders", [True, False])
def test_overview_equals_the_rules_person_by_person(synthetic, fiscal_year, with_leaders):
    leader_class = synthetic.leader_class if with_leaders else None
    expected = division_rows(
        synthetic.body, fiscal_year=fiscal_year, today=TODAY, leader_class=leader_class
    )
    got = division_overview(
        synthetic.body, fiscal_year=fiscal_year, today=TODAY, leader_class=leader_class
    )
    assert _scores(got) == _scores(expected)
    # The data holds every case the scores distinguish, so the comparison means something.
    assert len(got) == 25
    assert any(row.leaders is not None for row in expected) == with_leaders
    assert any(row.mandatory and row.mandatory.done < row.mandatory.required for row in expected)


def test_the_synthetic_body_holds_the_cases_the_rules_distinguish(synthetic):
    from dxjinzai.organizations.models import Appointment
    from dxjinzai.training.models import Requirement

    assert Appointment.unscoped.filter(body=synthetic.body, is_concurrent=True).exists()
    assert Appointment.unscoped.filter(body=synthetic.body, end_date__isnull=False).exists()
    criteria = Requirement.unscoped.filter(body=synthetic.body)
    for field in ("grade", "department", "talent_type", "role_class"):
        assert criteria.filter(**{f"{field}__isnull": False}).exists(), field
    assert criteria.filter(recurrence="yearly").exists()
    assert criteria.filter(kind="elective").count() == 6


def test_query_count_does_not_grow_with_the_divisions(db):
    small = build_synthetic_body(
        _body("392049"), SyntheticSize(staff=60, divisions=5, completions=300), fiscal_year=YEAR
    )
    large = build_synthetic_body(
        _body("392057"), SyntheticSize(staff=600, divisions=60, completions=3000), fiscal_year=YEAR
    )
    counts = []
    for built in (small, large):
        with CaptureQueriesContext(connection) as queries:
            rows = division_overview(
                built.body, fiscal_year=YEAR, today=TODAY, leader_class=built.leader_class
            )
        counts.append(len(queries))
        assert len(rows) == len(built.divisions)
    assert counts[0] == counts[1]
