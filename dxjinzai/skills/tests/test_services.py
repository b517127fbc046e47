"""Presets, holdings and the qualification register, with their bad input."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from dxjinzai.skills import services
from dxjinzai.skills.models import (
    HoldingSource,
    QualificationHolding,
    SkillItem,
    TalentHolding,
)
from dxjinzai.training.testing import national

TODAY = date(2026, 11, 26)


def test_aichi_preset_has_five_types_and_the_skill_map_counts(cast):
    framework = services.framework_load_preset(actor=None, body=cast.bodies["P"], key="aichi")
    assert [t.name for t in framework.types.all()] == [
        "DX推進マネジャー",
        "DX推進リーダー",
        "DX推進デザイナー",
        "デジタル導入担当者",
        "デジタルアドバイザー",
    ]
    items = SkillItem.objects.filter(category__framework=framework)
    soft = items.filter(category__kind="soft")
    technical = items.filter(category__kind="technical")
    # ソフトスキル 3分類3項目, 技術系スキル 6分類21項目.
    assert soft.values("category").distinct().count() == 3 and soft.count() == 3
    assert technical.values("category").distinct().count() == 6 and technical.count() == 21
    assert list(framework.categories.filter(kind="technical").values_list("name", flat=True)) == [
        "全般",
        "BPR",
        "戦略",
        "企画調達運用",
        "構築",
        "情報セキュリティ",
    ]
    # The seed names the soft items; the 21 technical ones are our wording and say so.
    assert not soft.filter(our_wording=True).exists()
    assert technical.filter(our_wording=True).count() == 21
    assert all(len(item.scale) == 4 for item in items)


def test_fukui_tokyo_kanazawa_presets(cast):
    body = cast.bodies["A"]
    fukui = services.framework_load_preset(actor=None, body=body, key="fukui")
    assert [r.name for r in fukui.role_classes.all()] == [
        "推進マネジメント層",
        "プロジェクトリーダー層",
        "DXリーダー",
        "一般職員",
    ]
    assert fukui.role_classes.all()[0].required_areas == ["戦略", "組織運営"]
    tokyo = services.framework_load_preset(actor=None, body=body, key="tokyo")
    assert [(lv.name, lv.track) for lv in tokyo.levels.all()] == [
        ("デジタルをつくる", "プロフェッショナル"),
        ("デジタルを使える", "リスキリング"),
        ("デジタルが分かる", "リテラシー"),
    ]
    kanazawa = services.framework_load_preset(actor=None, body=body, key="kanazawa")
    assert [(t.name, t.target_headcount) for t in kanazawa.types.all()] == [
        ("一般職員", 2000),
        ("デジタル行政推進リーダー", 100),
        ("DXアドバイザー", 40),
        ("DXスペシャリスト", 10),
    ]
    itss = services.framework_load_preset(actor=None, body=body, key="itss")
    assert itss.is_reference and itss.levels.count() == 7
    assert itss.levels.all()[0].name == "ITSSレベル7"


def test_a_preset_loads_once_per_body(cast):
    services.framework_load_preset(actor=None, body=cast.bodies["A"], key="tokyo")
    with pytest.raises(ValidationError, match="すでに読み込まれています"):
        services.framework_load_preset(actor=None, body=cast.bodies["A"], key="tokyo")
    services.framework_load_preset(actor=None, body=cast.bodies["B"], key="tokyo")


def test_a_person_holds_several_types_each_with_its_source(cast):
    framework = services.framework_load_preset(actor=None, body=cast.bodies["A"], key="aichi")
    leader, designer = framework.types.all()[1:3]
    staff = cast.staff["A.member"]
    services.talent_holding_create(
        actor=None, staff=staff, talent_type=leader, since=date(2023, 4, 1), source="appointment"
    )
    services.talent_holding_create(
        actor=None, staff=staff, talent_type=designer, since=date(2024, 4, 1), source="assessment"
    )
    assert TalentHolding.unscoped.filter(staff=staff).count() == 2
    with pytest.raises(ValidationError, match="すでに"):
        services.talent_holding_create(
            actor=None, staff=staff, talent_type=leader, since=date(2025, 4, 1), source="assessment"
        )
    with pytest.raises(ValidationError, match="いずれか1つ"):
        services.talent_holding_create(
            actor=None, staff=staff, since=date(2025, 4, 1), source="registered"
        )


def test_qualification_holding_computes_expiry_and_rejects_bad_input(cast):
    staff = cast.staff["A.member"]
    specialist = national("情報処理安全確保支援士")
    holding = services.qualification_holding_create(
        actor=None,
        staff=staff,
        qualification=specialist,
        acquired_on=date(2024, 10, 1),
        number="０１２３４５",
        today=TODAY,
    )
    assert holding.number == "012345"
    assert holding.expires_on == date(2027, 9, 30)
    assert holding.source == HoldingSource.REGISTERED
    with pytest.raises(ValidationError) as duplicate:
        services.qualification_holding_create(
            actor=None,
            staff=staff,
            qualification=specialist,
            acquired_on=date(2024, 10, 1),
            today=TODAY,
        )
    assert "すでに登録されています" in str(duplicate.value)
    other = cast.staff["A.unit"]
    with pytest.raises(ValidationError) as wrong:
        services.qualification_holding_create(
            actor=None,
            staff=other,
            qualification=specialist,
            acquired_on=date(2027, 1, 1),
            number="12-345",
            today=TODAY,
        )
    assert set(wrong.value.message_dict) == {"number", "acquired_on"}
    with pytest.raises(ValidationError) as sitting:
        services.qualification_holding_create(
            actor=None,
            staff=other,
            qualification=national("E資格（エンジニア資格）"),
            acquired_on=date(2024, 3, 1),
            sitting="2024年2月",
            today=TODAY,
        )
    assert "sitting" in sitting.value.message_dict
    assert QualificationHolding.unscoped.filter(staff=other).count() == 0


def test_a_body_adds_its_own_qualification_but_not_a_duplicate(cast):
    made = services.qualification_create(
        actor=None,
        body=cast.bodies["A"],
        name="甲市DX検定",
        category="other",
        number_pattern=r"K\d{4}",
    )
    assert made.body == cast.bodies["A"]
    with pytest.raises(ValidationError):
        services.qualification_create(
            actor=None, body=cast.bodies["A"], name="甲市DX検定", category="other"
        )
    with pytest.raises(ValidationError):
        services.qualification_create(
            actor=None, body=cast.bodies["A"], name="ITパスポート試験", category="ipa"
        )
    with pytest.raises(ValidationError, match="正規表現"):
        services.qualification_create(
            actor=None,
            body=cast.bodies["A"],
            name="壊れた形式",
            category="other",
            number_pattern="[0-",
        )
    # Another body cannot register its staff with A's own qualification.
    with pytest.raises(ValidationError, match="この団体では使えない"):
        services.qualification_holding_create(
            actor=None,
            staff=cast.staff["B.member"],
            qualification=made,
            acquired_on=date(2024, 1, 1),
            today=TODAY,
        )


def test_exam_calendar_is_kept_by_hr_and_shown_to_staff(cast, client_as):
    from datetime import timedelta

    from django.urls import reverse

    body = cast.bodies["A"]
    url = reverse("exam_calendar", args=[body.code])
    exam_on = date.today() + timedelta(days=60)
    passport = national("ITパスポート試験")
    refused = client_as("A.staff").post(url, {"qualification": passport.pk, "exam_on": exam_on})
    assert refused.status_code == 403
    bad = client_as("A.hr").post(
        url,
        {
            "qualification": passport.pk,
            "exam_on": exam_on,
            "application_until": exam_on + timedelta(days=1),
        },
    )
    assert "申込締切日は試験日まで" in bad.content.decode()
    client_as("A.hr").post(
        url, {"qualification": passport.pk, "exam_on": exam_on, "note": "受験料補助あり"}
    )
    mine = client_as("A.staff").get(reverse("my_page"))
    assert [e.qualification.name for e in mine.context["exams"]] == ["ITパスポート試験"]
    assert "受験料補助あり" in mine.content.decode()
    assert (
        client_as("B.hr")
        .get(url.replace(body.code, cast.bodies["B"].code))
        .context["page"]
        .paginator.count
        == 0
    )


def test_a_body_edits_its_own_qualification_but_not_the_national_ones(cast, client_as):
    from django.urls import reverse

    own = services.qualification_create(
        actor=None, body=cast.bodies["A"], name="甲市DX検定", category="other"
    )
    services.qualification_update(
        actor=None, qualification=own, name="甲市DX検定（上級）", number_pattern=r"K\d{4}"
    )
    own.refresh_from_db()
    assert (own.name, own.number_pattern) == ("甲市DX検定（上級）", r"K\d{4}")
    with pytest.raises(ValidationError, match="全国共通"):
        services.qualification_update(
            actor=None, qualification=national("ITパスポート試験"), name="x"
        )
    url = reverse(
        "qualification_edit", args=[cast.bodies["A"].code, national("ITパスポート試験").pk]
    )
    assert client_as("A.hr").get(url).status_code == 404
    other = reverse("qualification_edit", args=[cast.bodies["B"].code, own.pk])
    assert client_as("B.hr").get(other).status_code == 404
