"""A subsidy scheme of this fiscal year for the test cast's 甲市, with one application of
its staff member (職員 次郎) waiting for HR: used by the access matrix and page tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from dxjinzai.core import clock
from dxjinzai.lib.fiscal import fiscal_year_of
from dxjinzai.organizations.models import Body
from dxjinzai.organizations.testing import Cast
from dxjinzai.skills import services as skills_services
from dxjinzai.skills.models import Qualification, QualificationCategory
from dxjinzai.skills.selectors import qualification_list
from dxjinzai.subsidies import services
from dxjinzai.subsidies.models import SubsidyApplication, SubsidyScheme


def passport(body: Body) -> Qualification:
    """The national catalogue's ITパスポート (a migration loads it). A browser test's flushed
    database no longer holds the catalogue: there the body registers it as its own."""
    found = qualification_list(body).filter(name="ITパスポート試験").first()
    return found or skills_services.qualification_create(
        actor=None, body=body, name="ITパスポート試験", category=QualificationCategory.IPA
    )


def build_subsidy_cast(cast: Cast) -> dict[str, Any]:
    scheme = SubsidyScheme.unscoped.filter(body=cast.bodies["A"]).first() or services.scheme_save(
        actor=None,
        body=cast.bodies["A"],
        fiscal_year=fiscal_year_of(clock.today()),
        qualifications=[passport(cast.bodies["A"])],
        budget=100_000,
    )
    application = SubsidyApplication.unscoped.filter(scheme=scheme).first() or (
        services.application_create(
            actor=None,
            scheme=scheme,
            staff=cast.staff["A.member"],
            qualification=passport(cast.bodies["A"]),
            exam_on=date(2026, 11, 1),
            fee=7_500,
            today=clock.today(),
            receipt=SimpleUploadedFile("receipt.pdf", b"%PDF-1.4\n%receipt\n"),
        )
    )
    return {"scheme": scheme, "application": application}
