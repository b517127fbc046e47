"""Revoking a certification: the row and its number stay, it stops counting as valid from
the day it was revoked, the certificate is no longer issued, and it may be given again."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dxjinzai.core.models import AuditEntry
from dxjinzai.plans import selectors, services
from dxjinzai.plans.models import Certification
from dxjinzai.training import services as training

TODAY = date(2026, 11, 26)


@pytest.fixture
def certified(cast):
    body = cast.bodies["A"]
    course = training.course_create(
        actor=None,
        body=body,
        title="BPR実践",
        mode="ojt",
        provider_kind="in_house",
        hours=Decimal(20),
    )
    rule = services.certification_rule_create(
        actor=None, body=body, name="DX人材認定", required_courses=[course], validity_years=3
    )
    training.completion_import(
        actor=None,
        staff=cast.staff["A.member"],
        course=course,
        completed_on=date(2026, 10, 1),
        hours=Decimal(20),
    )
    made = services.certification_approve(
        actor=None, rule=rule, staff=cast.staff["A.member"], evaluation="", today=TODAY
    )
    return made


def test_a_revoked_certification_keeps_its_number_and_stops_being_valid(cast, certified):
    rule = certified.rule
    assert selectors.valid_certifications(rule, TODAY).count() == 1
    services.certification_revoke(
        actor=cast.users["A.admin"], certification=certified, reason="認定の要件の誤認", today=TODAY
    )
    kept = Certification.unscoped.get(pk=certified.pk)
    assert (kept.number, kept.revoked_on, kept.revocation_reason) == (
        certified.number,
        TODAY,
        "認定の要件の誤認",
    )
    # Valid the day before it was revoked, not from that day.
    assert selectors.valid_certifications(rule, TODAY - timedelta(days=1)).count() == 1
    assert selectors.valid_certifications(rule, TODAY).count() == 0
    entry = AuditEntry.unscoped.filter(
        target_type=certified._meta.verbose_name, target_id=str(certified.pk)
    ).latest("pk")
    assert entry.changes["revocation_reason"] == ["", "認定の要件の誤認"]
    # The person may be certified again; the new number does not reuse the old one.
    again = services.certification_approve(
        actor=None, rule=rule, staff=cast.staff["A.member"], evaluation="", today=TODAY
    )
    assert again.number != certified.number


def test_a_revocation_needs_a_reason_and_happens_once(certified):
    with pytest.raises(ValidationError, match="取消の理由を入力してください"):
        services.certification_revoke(actor=None, certification=certified, reason=" ", today=TODAY)
    services.certification_revoke(actor=None, certification=certified, reason="誤り", today=TODAY)
    with pytest.raises(ValidationError, match="すでに取り消されています"):
        services.certification_revoke(
            actor=None, certification=certified, reason="誤り", today=TODAY
        )


def test_the_admin_revokes_on_the_page_and_the_certificate_is_no_longer_issued(
    cast, certified, client_as
):
    code = cast.bodies["A"].code
    admin = client_as("A.admin")
    response = admin.post(
        reverse("certification_revoke", args=[code, certified.pk]), {"reason": "本人の申出"}
    )
    assert response["Location"] == reverse("certification_home", args=[code])
    home = admin.get(reverse("certification_home", args=[code])).content.decode()
    assert "取消（本人の申出）" in home
    pdf = client_as("A.staff").get(reverse("certification_pdf", args=[code, certified.pk]))
    assert pdf.status_code == 302


def test_a_rule_is_corrected_and_certifications_given_keep_their_number(cast, certified):
    rule = certified.rule
    services.certification_rule_update(
        actor=cast.users["A.hr"],
        rule=rule,
        name="DX人材認定（BPR実践）",
        required_courses=[],
        validity_years=5,
        number_prefix="DX認定",
    )
    rule.refresh_from_db()
    assert (rule.name, rule.validity_years, rule.required_courses.count()) == (
        "DX人材認定（BPR実践）",
        5,
        0,
    )
    kept = Certification.unscoped.get(pk=certified.pk)
    assert (kept.number, kept.valid_until) == (certified.number, certified.valid_until)
    entry = AuditEntry.unscoped.filter(
        target_type=rule._meta.verbose_name, target_id=str(rule.pk)
    ).latest("pk")
    assert entry.changes["validity_years"] == ["3", "5"]
    assert entry.changes["required_courses"] == ["BPR実践", ""]


def test_the_rule_edit_page_shows_the_rule_as_stored(cast, certified, client_as):
    url = reverse("certification_rule_edit", args=[cast.bodies["A"].code, certified.rule.pk])
    page = client_as("A.hr").get(url).content.decode()
    assert 'value="DX人材認定"' in page
