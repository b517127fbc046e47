"""Demo data of the exam-fee subsidy: 浜松市's scheme of this fiscal year (豊田市's shape:
half the fee, IT exams, a yearly budget) with applications at every step, the demo staff
member's among them waiting for their result report."""

from __future__ import annotations

from datetime import date, timedelta

from dxjinzai.lib.fiscal import fiscal_year_of
from dxjinzai.organizations.models import Body, StaffMember
from dxjinzai.skills.models import Qualification
from dxjinzai.subsidies import services
from dxjinzai.subsidies.models import SubsidyApplication

ELIGIBLE = [
    "ITパスポート試験",
    "情報セキュリティマネジメント試験",
    "基本情報技術者試験",
    "応用情報技術者試験",
    "情報処理安全確保支援士",
    "G検定（ジェネラリスト検定）",
]
FEES = {"G検定（ジェネラリスト検定）": 13_200}
# (qualification, what became of the application): one of each step of the flow.
STORIES = [
    ("ITパスポート試験", "paid_pass"),
    ("基本情報技術者試験", "paid_pass"),
    ("応用情報技術者試験", "failed"),
    ("情報セキュリティマネジメント試験", "passed"),
    ("G検定（ジェネラリスト検定）", "approved"),
    ("ITパスポート試験", "applied"),
]


def build_subsidies_demo(
    *, bodies: dict[str, Body], staff_by_body: dict[str, list[StaffMember]], today: date
) -> None:
    body = bodies["hamamatsu"]
    catalogue = {q.name: q for q in Qualification.objects.filter(body__isnull=True)}
    scheme = services.scheme_save(
        actor=None,
        body=body,
        fiscal_year=fiscal_year_of(today),
        qualifications=[catalogue[name] for name in ELIGIBLE],
        budget=300_000,
        cap_per_person=20_000,
    )
    # The demo staff member (浜松市's 4th person) first, then colleagues further down the list.
    stories = [("応用情報技術者試験", "approved"), *STORIES]
    people = [staff_by_body["hamamatsu"][3], *staff_by_body["hamamatsu"][10 : 10 + len(STORIES)]]
    exam_day = today - timedelta(days=30)
    for person, (name, story) in zip(people, stories, strict=True):
        application = services.application_create(
            actor=None,
            scheme=scheme,
            staff=person,
            qualification=catalogue[name],
            exam_on=exam_day if story != "applied" else today + timedelta(days=40),
            fee=FEES.get(name, 7_500),
            today=exam_day - timedelta(days=30),
        )
        _advance(application, story, today)


def _advance(application: SubsidyApplication, story: str, today: date) -> None:
    if story == "applied":
        return
    services.application_decide(
        actor=None, application=application, approve=True, today=today - timedelta(days=50)
    )
    if story == "approved":
        return
    services.result_report(
        actor=None, application=application, passed=story != "failed", today=today
    )
    if story == "paid_pass":
        services.payments_record(
            actor=None, body=application.body, applications=[application], paid_on=today
        )
