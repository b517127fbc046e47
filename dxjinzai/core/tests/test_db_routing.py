"""Reports read from a replica when one is configured; writes never go there."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dxjinzai.core import db_routing, listing
from dxjinzai.core.db_routing import PrimaryWritesRouter, for_reports
from dxjinzai.organizations.models import StaffMember


@pytest.fixture
def with_replica(monkeypatch):
    """As if DATABASE_REPLICA_URL were set (the settings' part is tested below)."""
    monkeypatch.setattr(db_routing, "replica_configured", lambda: True)


def test_without_a_replica_reports_read_the_primary(db):
    rows = StaffMember.unscoped.all()
    assert for_reports(rows).db == "default"


def test_with_a_replica_a_reports_queryset_reads_it(with_replica, db):
    assert for_reports(StaffMember.unscoped.all()).db == "replica"
    already_read = [1, 2, 3]
    assert for_reports(already_read) is already_read


def test_a_record_read_from_the_replica_is_written_to_the_primary():
    router = PrimaryWritesRouter()
    staff = StaffMember(number="00001")
    staff._state.db = "replica"
    assert router.db_for_write(StaffMember, instance=staff) == "default"
    assert router.allow_migrate("replica", "organizations") is False
    assert router.allow_migrate("default", "organizations") is True


def test_a_list_export_asks_for_the_replica(with_replica, client_as, cast, monkeypatch):
    asked = []
    real = listing.for_reports

    def spy(rows):
        routed = real(rows)
        asked.append(routed.db)
        return routed.using("default")  # the test has one real database behind both names

    monkeypatch.setattr(listing, "for_reports", spy)
    url = reverse("staff_list", args=[cast.bodies["A"].code]) + "?export=csv"
    response = client_as("A.hr").get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).decode("utf-8-sig").count("\n") >= 2
    assert asked == ["replica"]


def test_the_replica_is_configured_by_its_url(tmp_path):
    from dxjinzai.core.tests.test_settings import _manage

    shown = _manage(
        "shell",
        "-c",
        "from django.conf import settings; from dxjinzai.core.db_routing import for_reports;"
        "from dxjinzai.organizations.models import Body;"
        "print(sorted(settings.DATABASES), for_reports(Body.objects.all()).db)",
        env={"DATABASE_REPLICA_URL": f"sqlite:///{tmp_path / 'replica.sqlite3'}"},
    )
    # The shell first says what it imported; our line is the last.
    assert shown.stdout.strip().splitlines()[-1] == "['default', 'replica'] replica", shown.stderr
