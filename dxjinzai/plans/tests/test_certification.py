"""DX人材認定 (真岡市: those who did BPR in the project, judged on their activity) and awards."""

import shutil
import subprocess
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dxjinzai.organizations.access import access_for_user
from dxjinzai.plans import certificates, selectors, services
from dxjinzai.skills.models import TalentHolding
from dxjinzai.skills.services import framework_load_preset
from dxjinzai.training import services as training

TODAY = date(2026, 11, 26)


@pytest.fixture
def moka(cast):
    body = cast.bodies["A"]
    project = training.course_create(
        actor=None,
        body=body,
        title="BPR実践プロジェクト",
        mode="ojt",
        provider_kind="in_house",
        hours=Decimal(20),
    )
    leader = framework_load_preset(actor=None, body=body, key="aichi").types.get(
        name="DX推進リーダー"
    )
    rule = services.certification_rule_create(
        actor=None,
        body=body,
        name="DX人材認定（BPR実践）",
        grants_talent_type=leader,
        required_courses=[project],
        needs_evaluation=True,
        validity_years=3,
    )
    training.completion_import(
        actor=None,
        staff=cast.staff["A.member"],
        course=project,
        completed_on=date(2026, 10, 1),
        hours=Decimal(20),
    )
    return {"body": body, "rule": rule, "leader": leader}


def test_candidates_are_those_who_meet_every_condition(cast, moka):
    found = selectors.candidates(access_for_user(cast.users["A.hr"]), moka["rule"], today=TODAY)
    eligible = [c.staff.number for c in found if c.eligible]
    assert eligible == ["00004"]
    others = {c.staff.number: c.unmet for c in found if not c.eligible}
    assert others["00005"] == ["研修「BPR実践プロジェクト」が未修了"]


def test_approval_needs_the_evaluation_then_numbers_and_grants(cast, moka):
    member = cast.staff["A.member"]
    with pytest.raises(ValidationError, match="活動内容の評価"):
        services.certification_approve(
            actor=None, rule=moka["rule"], staff=member, evaluation=" ", today=TODAY
        )
    made = services.certification_approve(
        actor=None,
        rule=moka["rule"],
        staff=member,
        evaluation="窓口業務のBPRで待ち時間を半減",
        today=TODAY,
    )
    assert made.number == "DX認定第R8-001号"
    assert made.valid_until == date(2029, 11, 25)
    holding = TalentHolding.unscoped.get(staff=member)
    assert holding.talent_type == moka["leader"] and holding.source == "certification"
    assert "DX認定第R8-001号" in holding.source_note
    with pytest.raises(ValidationError, match="すでに有効"):
        services.certification_approve(
            actor=None, rule=moka["rule"], staff=member, evaluation="x", today=TODAY
        )
    with pytest.raises(ValidationError, match="条件を満たしていません"):
        services.certification_approve(
            actor=None, rule=moka["rule"], staff=cast.staff["A.unit"], evaluation="x", today=TODAY
        )
    # After it lapses, a renewal links to the old one.
    renewed = services.certification_approve(
        actor=None, rule=moka["rule"], staff=member, evaluation="継続", today=date(2029, 12, 1)
    )
    assert renewed.renewal_of == made and renewed.number == "DX認定第R11-001号"


def test_a_granted_type_is_found_by_free_text_search(cast, moka):
    from dxjinzai.skills.search import TalentQuery, talent_search

    access = access_for_user(cast.users["A.hr"])
    query = TalentQuery(text="DX推進リーダー")
    assert not talent_search(access, moka["body"], query).exists()
    services.certification_approve(
        actor=None, rule=moka["rule"], staff=cast.staff["A.member"], evaluation="良好", today=TODAY
    )
    assert list(talent_search(access, moka["body"], query)) == [cast.staff["A.member"]]


def test_the_certificate_pdf_in_japanese(cast, moka, client_as):
    made = services.certification_approve(
        actor=None, rule=moka["rule"], staff=cast.staff["A.member"], evaluation="良好", today=TODAY
    )
    url = reverse("certification_pdf", args=[moka["body"].code, made.pk])
    pdf = client_as("A.staff").get(url)
    assert pdf["Content-Type"] == "application/pdf"
    assert client_as("B.admin").get(url).status_code == 404
    if not shutil.which("pdftotext"):
        pytest.skip(
            "pdftotext（poppler-utils）がないため本文を確認できません。scripts/test が root で入れます。"
        )
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True
    ).stdout.decode()
    flat = text.replace(" ", "").replace("\u3000", "")
    assert "認定証" in flat and "職員次郎様" in flat and "甲市" in flat
    assert "令和8年11月26日（2026年11月26日）" in flat
    assert "DX認定第R8-001号" in flat and "DX推進リーダー" in flat


def test_an_award_prints_a_commendation(cast):
    award = services.certification_rule_create(
        actor=None, body=cast.bodies["A"], kind="award", name="クレドアワード", number_prefix="表彰"
    )
    made = services.certification_approve(
        actor=None, rule=award, staff=cast.staff["A.unit"], evaluation="", today=TODAY
    )
    assert made.number == "表彰第R8-001号"
    pdf = certificates.certificate_pdf(made)
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        assert "表彰状" in text.replace(" ", "").replace("\u3000", "")


def test_only_the_admin_approves_on_the_page(cast, moka, client_as):
    url = reverse("certification_approve", args=[moka["body"].code, moka["rule"].pk])
    assert client_as("A.hr").post(url, {"number": "00004", "evaluation": "x"}).status_code == 403
    client_as("A.admin").post(url, {"number": "00004", "evaluation": "BPRで成果"})
    listing = client_as("A.hr").get(reverse("certification_home", args=[moka["body"].code]))
    assert [c.number for c in listing.context["page"]] == [f"DX認定第{_era(date.today())}-001号"]


def _era(day):
    from dxjinzai.lib.fiscal import fiscal_year_of, fiscal_year_short_label

    return fiscal_year_short_label(fiscal_year_of(day))


def test_a_rule_no_one_can_meet_is_warned_about(cast, client_as):
    training.course_create(
        actor=None,
        body=cast.bodies["A"],
        title="DX基礎",
        mode="video",
        provider_kind="in_house",
        hours=Decimal(2),
    )
    rule = services.certification_rule_create(
        actor=None, body=cast.bodies["A"], name="上級認定", min_hours=Decimal(100)
    )
    [warning] = selectors.rule_warnings(rule)
    assert "100.0時間" in warning and "2.0時間" in warning
    page = client_as("A.hr").get(
        reverse("certification_candidates", args=[cast.bodies["A"].code, rule.pk])
    )
    assert "誰も条件を満たせません" in page.content.decode()


def test_the_superiors_assessment_decides_the_proficiency_condition(cast):
    from dxjinzai.skills.models import SkillItem
    from dxjinzai.skills.services import assessment_save

    framework = framework_load_preset(actor=None, body=cast.bodies["B"], key="aichi")
    analysis = SkillItem.objects.get(category__framework=framework, name="業務分析")
    rule = services.certification_rule_create(
        actor=None, body=cast.bodies["B"], name="BPR認定", skill_item=analysis, min_proficiency=3
    )
    member = cast.staff["B.member"]
    for kind, level in (("self", 4), ("superior", 2)):
        assessment_save(
            actor=None,
            staff=member,
            fiscal_year=2026,
            assessor_kind=kind,
            proficiencies={analysis: level},
            today=TODAY,
        )
    found = selectors.candidates(access_for_user(cast.users["B.hr"]), rule, today=TODAY)
    unmet = next(c.unmet for c in found if c.staff == member)
    assert unmet == ["「業務分析」の習熟度が3に届かない（2）"]
