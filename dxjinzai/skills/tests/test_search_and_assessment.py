"""Latent-talent search (北海道) and assessments with the gap to a person's goal."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dxjinzai.organizations.access import access_for_user
from dxjinzai.skills import services
from dxjinzai.skills.models import AssessorKind, SkillAssessment, SkillItem
from dxjinzai.skills.search import TalentQuery, talent_search
from dxjinzai.skills.selectors import skill_gap
from dxjinzai.training.testing import national

TODAY = date(2026, 11, 26)


def _access(cast, key):
    return access_for_user(cast.users[key])


def _numbers(rows):
    return [s.number for s in rows]


@pytest.fixture
def profiles(cast):
    services.talent_profile_update(
        actor=None,
        staff=cast.staff["A.member"],
        experience="前職でWebサイト制作とデータ分析（統計）",
    )
    services.talent_profile_update(
        actor=None, staff=cast.staff["A.unit"], experience="Excelマクロで業務を自動化した"
    )
    services.qualification_holding_create(
        actor=None,
        staff=cast.staff["A.unit"],
        qualification=national("基本情報技術者試験"),
        acquired_on=date(2023, 6, 1),
        today=TODAY,
    )
    # B's person matches the same words but belongs to another body.
    services.talent_profile_update(
        actor=None, staff=cast.staff["B.member"], experience="Webサイト制作"
    )


def test_free_text_finds_japanese_substrings_long_and_short(cast, profiles):
    access = _access(cast, "A.hr")
    body = cast.bodies["A"]
    assert _numbers(talent_search(access, body, TalentQuery(text="サイト制作"))) == ["00004"]
    assert _numbers(talent_search(access, body, TalentQuery(text="統計"))) == ["00004"]  # 2 chars
    assert _numbers(talent_search(access, body, TalentQuery(text="基本情報"))) == ["00005"]
    # Full-width letters and case do not matter.
    assert _numbers(talent_search(access, body, TalentQuery(text="ｅｘｃｅｌ マクロ"))) == ["00005"]
    assert _numbers(talent_search(access, body, TalentQuery(text="Excel マクロ"))) == ["00005"]
    assert _numbers(talent_search(access, body, TalentQuery(text="マクロ 統計"))) == []


def test_structured_filters(cast, profiles):
    access = _access(cast, "A.hr")
    body = cast.bodies["A"]
    query = TalentQuery(qualification_id=national("基本情報技術者試験").pk)
    assert _numbers(talent_search(access, body, query)) == ["00005"]


def test_search_shows_only_what_the_searcher_may_see(cast, profiles):
    body = cast.bodies["A"]
    # The head of デジタル推進課 sees their department (00003–00005), not 総務課.
    services.talent_profile_update(
        actor=None, staff=cast.staff["A.other"], experience="Webサイト制作"
    )
    head = talent_search(_access(cast, "A.head"), body, TalentQuery(text="サイト"))
    assert _numbers(head) == ["00004"]
    hr = talent_search(_access(cast, "A.hr"), body, TalentQuery(text="サイト"))
    assert _numbers(hr) == ["00004", "00006"]
    # B's HR searching A finds nothing: it is not their body.
    assert _numbers(talent_search(_access(cast, "B.hr"), body, TalentQuery(text="サイト"))) == []


def test_search_page_lists_and_exports(cast, client_as, profiles):
    client = client_as("A.hr")
    url = reverse("talent_search", args=[cast.bodies["A"].code])
    page = client.get(url, {"text": "統計"})
    assert [s.number for s in page.context["page"]] == ["00004"]
    export = client.get(url, {"text": "統計", "export": "csv"})
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert text.splitlines() == [
        "職員番号,氏名,所属,職層",
        "00004,職員 次郎,デジタル推進課,主事・主任級",
    ]


def _aichi(cast):
    framework = services.framework_load_preset(actor=None, body=cast.bodies["A"], key="aichi")
    items = {i.name: i for i in SkillItem.objects.filter(category__framework=framework)}
    return framework, items


def test_gap_against_the_goal_type_uses_the_superior_then_self(cast):
    framework, items = _aichi(cast)
    leader = framework.types.get(name="DX推進リーダー")
    services.skill_targets_set(
        actor=None,
        talent_type=leader,
        proficiencies={items["リーダーシップ"]: 3, items["業務分析"]: 2, items["RPA"]: 2},
    )
    staff = cast.staff["A.member"]
    services.talent_profile_update(actor=None, staff=staff, experience="", goal_type=leader)
    services.assessment_save(
        actor=None,
        staff=staff,
        fiscal_year=2025,
        assessor_kind=AssessorKind.SELF,
        proficiencies={items["リーダーシップ"]: 1, items["業務分析"]: 2},
        today=TODAY,
    )
    services.assessment_save(
        actor=None,
        staff=staff,
        fiscal_year=2026,
        assessor_kind=AssessorKind.SUPERIOR,
        proficiencies={items["リーダーシップ"]: 2, items["業務分析"]: None},
        today=TODAY,
    )
    gap = {row.item.name: row for row in skill_gap(_access(cast, "A.hr"), staff, fiscal_year=2026)}
    assert (gap["リーダーシップ"].assessed, gap["リーダーシップ"].gap) == (2, 1)
    assert (gap["業務分析"].assessed, gap["業務分析"].gap) == (2, 0)
    assert gap["RPA"].gap is None
    # In FY2025 only the self assessment existed.
    assert {r.item.name: r.gap for r in skill_gap(_access(cast, "A.hr"), staff, fiscal_year=2025)}[
        "リーダーシップ"
    ] == 2


def test_assessment_rules(cast):
    _, items = _aichi(cast)
    staff = cast.staff["A.member"]
    with pytest.raises(ValidationError, match="先の年度"):
        services.assessment_save(
            actor=None,
            staff=staff,
            fiscal_year=2027,
            assessor_kind="self",
            proficiencies={items["RPA"]: 2},
            today=TODAY,
        )
    with pytest.raises(ValidationError, match="1〜4"):
        services.assessment_save(
            actor=None,
            staff=staff,
            fiscal_year=2026,
            assessor_kind="self",
            proficiencies={items["RPA"]: 5},
            today=TODAY,
        )
    assert not SkillAssessment.unscoped.exists()


def test_the_person_assesses_themself_and_the_head_as_superior(cast, client_as):
    _, items = _aichi(cast)
    url = reverse("assessment_edit", args=[cast.bodies["A"].code, "00004"])
    field = f"item_{items['RPA'].pk}"
    client_as("A.staff").post(url, {field: "2"})
    client_as("A.head").post(url, {field: "3"})
    kinds = dict(SkillAssessment.unscoped.values_list("assessor_kind", "proficiency"))
    assert kinds == {"self": 2, "superior": 3}
    page = client_as("A.staff").get(reverse("staff_talent", args=[cast.bodies["A"].code, "00004"]))
    assert "スキル評価の履歴" in page.content.decode()


def test_a_deferred_block_builds_each_document_once_at_its_end_with_the_same_text(cast):
    from dxjinzai.skills.models import TalentSearchDocument
    from dxjinzai.skills.search import search_document_text, search_documents_deferred

    member = cast.staff["A.member"]
    before = TalentSearchDocument.unscoped.filter(staff=member).first()
    with search_documents_deferred():
        services.talent_profile_update(actor=None, staff=member, experience="RPAの導入を主導")
        services.qualification_holding_create(
            actor=None,
            staff=member,
            qualification=national("基本情報技術者試験"),
            acquired_on=date(2024, 4, 1),
            today=TODAY,
        )
        inside = TalentSearchDocument.unscoped.filter(staff=member).first()
        assert (inside.content if inside else None) == (before.content if before else None)
    document = TalentSearchDocument.unscoped.get(staff=member)
    assert document.content == search_document_text(member)
    assert "RPAの導入を主導" in document.content and "基本情報技術者試験" in document.content
