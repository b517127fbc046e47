"""④ DX practice: divisions record improvement activities; the DX division recommends."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dxjinzai.improvements import services
from dxjinzai.improvements.models import Improvement
from dxjinzai.lib.fiscal import fiscal_year_of

TODAY = date(2026, 11, 26)


def _improvement(cast, department="A.digital", **overrides):
    fields = {
        "actor": None,
        "body": cast.bodies["A"],
        "department": cast.departments[department],
        "fiscal_year": 2026,
        "title": "RPAで給与入力を自動化",
        "summary": "月40時間の入力作業を削減した。",
        "today": TODAY,
    } | overrides
    return services.improvement_create(**fields)


def test_a_head_reports_for_their_own_division_only(cast, client_as):
    url = reverse("improvement_create", args=[cast.bodies["A"].code])
    year = fiscal_year_of(date.today())
    data = {
        "fiscal_year": year,
        "title": "議事録作成にAIを活用",
        "summary": "作成時間を半分にした。",
    }
    head = client_as("A.head")
    refused = head.post(url, data | {"department": cast.departments["A.general"].pk})
    assert refused.status_code == 200 and not Improvement.unscoped.exists()
    assert head.post(url, data | {"department": cast.departments["A.unit"].pk}).status_code == 302
    assert Improvement.unscoped.get().department == cast.departments["A.unit"]


def test_bad_input_is_refused(cast):
    with pytest.raises(ValidationError, match="先の年度"):
        _improvement(cast, fiscal_year=2027)
    with pytest.raises(ValidationError, match="この団体の所属"):
        _improvement(cast, department="B.digital")
    assert not Improvement.unscoped.exists()


def test_recommended_once_and_shown_on_the_division_page(cast, client_as):
    improvement = _improvement(cast, fiscal_year=fiscal_year_of(date.today()))
    admin = client_as("A.admin")
    url = reverse("improvement_recommend", args=[cast.bodies["A"].code, improvement.pk])
    admin.post(url, {"note": "他課にも広げられる"})
    improvement.refresh_from_db()
    assert improvement.award_recommended_on == date.today()
    assert improvement.award_note == "他課にも広げられる"
    with pytest.raises(ValidationError, match="すでに表彰に推薦"):
        services.improvement_recommend(actor=None, improvement=improvement, note="", today=TODAY)
    detail = client_as("A.hr").get(
        reverse("division_detail", args=[cast.bodies["A"].code, cast.departments["A.digital"].pk])
    )
    html = detail.content.decode()
    assert "RPAで給与入力を自動化" in html and "表彰に推薦" in html


def test_every_member_reads_the_list_and_another_body_does_not(cast, client_as):
    _improvement(cast)
    url = reverse("improvement_list", args=[cast.bodies["A"].code])
    assert "RPAで給与入力を自動化" in client_as("A.staff").get(url).content.decode()
    assert client_as("B.admin").get(url).status_code == 404
